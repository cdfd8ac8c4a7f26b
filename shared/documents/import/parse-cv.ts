import { cvParser, keepOnlyWhatTheSourceSays } from '../../agents/cv-parser';
import { parseCvText } from '../../engine/cv-text-parser';
import { fold } from '../../engine/text';
import { CvPathError, redactSecrets, type ErrorCode } from '../../errors';
import { runStage, StageFailure } from '../../pipeline/run-stage';
import { ResilientCaller } from '../../providers/chain';
import { codeForKind } from '../../providers/provider-error';
import type { ProviderSpec } from '../../providers/types';
import type { Cv } from '../../schema/cv';
import { fromJsonResume } from '../../schema/json-resume';
import type { Attempt } from '../../schema/run';

/**
 * CV text → Cv for the review step, the one way the extension and the command line read a CV's text. With a provider
 * configured the CV_PARSER agent reads it through the chain; the offline parser always reads it too, as the fallback
 * and as a second opinion: where the two readings differ the review form marks the field and offers the other one.
 */

export interface CvDisagreement {
  /** Where, in the CV returned: `basics.email`, `work.1.startDate` (indexes as the review form counts); `work` for a role only the offline reader found. */
  path: string;
  /** The entry's id, so the mark follows its entry when the person moves, splits or merges roles. */
  entryId?: string;
  /** The field read differently, or `entry` for a whole role that only one of the two readers found. */
  field: string;
  llm?: string;
  offline?: string;
}

export interface CvParseReason {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export interface CvParseResult {
  cv: Cv;
  /** Whose reading `cv` is. */
  source: 'llm' | 'offline';
  /** `openai:gpt-4o-mini` when a model's reading was kept. */
  model?: string;
  disagreements: CvDisagreement[];
  /** Values the model wrote that the CV text does not hold: left out of `cv`. */
  dropped: string[];
  /** Why the offline reading is shown although a provider is configured. */
  fallbackReason?: CvParseReason;
  /** Sections the offline parser did not recognise, so nothing the person wrote is silently lost. */
  unrecognized: { heading: string; text: string }[];
}

export interface ParseCvOptions {
  text: string;
  /** Providers to try in order; empty, or only `offline`: the offline parser alone. */
  chain: ProviderSpec[];
  caller?: ResilientCaller;
  signal?: AbortSignal;
  /** An import must not keep the person waiting: past this the offline reading is used. Default 60 s. */
  budgetMs?: number;
  now?: Date;
}

const defaultCaller = new ResilientCaller();

export async function parseCvWithChain(opts: ParseCvOptions): Promise<CvParseResult> {
  if (!opts.text.trim()) throw new CvPathError('CV_EMPTY', 'There is no text to read.', { hint: 'Paste the text of your CV, or import the file.' });
  const offline = parseCvText(opts.text);
  const chain = opts.chain.filter((s) => s.provider !== 'offline');
  const base = { cv: offline.cv, source: 'offline' as const, disagreements: [], dropped: [], unrecognized: offline.unrecognized };
  if (!chain.length) return base;

  // the agent as the pipeline runs it, but keeping a note of what its guard left out, to say so in the review
  let dropped: string[] = [];
  const agent = {
    ...cvParser,
    finalize: (draft: Parameters<typeof cvParser.finalize>[0], input: { text: string }) => {
      dropped = [];
      return keepOnlyWhatTheSourceSays(fromJsonResume(draft), input.text, dropped);
    },
  };
  const budget = AbortSignal.timeout(opts.budgetMs ?? 60_000);
  let stage: Awaited<ReturnType<typeof runStage<{ text: string }, Cv, unknown>>>;
  try {
    stage = await runStage(agent, { text: opts.text }, {
      chain, caller: opts.caller ?? defaultCaller, ctx: { now: opts.now ?? new Date() }, signal: opts.signal, budget, allowOfflineFallback: true,
    });
  } catch (e) {
    // only a cancel ends here (every provider failing falls back offline): pass on its coded error, never the wrapper
    throw e instanceof StageFailure && e.cause instanceof CvPathError ? e.cause : e;
  }
  const { output, record } = stage;
  if (record.offlineFallback || record.provider === 'offline') {
    return { ...base, fallbackReason: reasonOf(record.attempts, budget.aborted) };
  }
  if (isEmpty(output) && !isEmpty(offline.cv)) {
    return { ...base, dropped, fallbackReason: { code: 'PROVIDER_BAD_OUTPUT', message: `${record.provider}:${record.model} read nothing that is written in this CV.`, hint: 'The offline reading is shown instead; check it carefully, or try another model.' } };
  }
  return { cv: output, source: 'llm', model: `${record.provider}:${record.model}`, disagreements: compareReadings(output, offline.cv), dropped, unrecognized: offline.unrecognized };
}

const isEmpty = (cv: Cv) => !cv.basics.name && !cv.work.length && !cv.education.length && !cv.skills.length;

/** The last thing that went wrong, as a coded reason the page and the terminal show as it is. */
function reasonOf(attempts: Attempt[], timedOut: boolean): CvParseReason {
  const hint = 'The offline reading is shown instead; check it carefully.';
  if (timedOut) return { code: 'PROVIDER_TIMEOUT', message: 'The provider took too long to read the CV.', hint };
  const last = [...attempts].reverse().find((a) => a.outcome !== 'ok' && a.provider !== 'offline');
  const who = last ? `${last.provider}:${last.model}` : 'The provider';
  if (!last) return { code: 'STAGE_FAILED', message: `${who} could not read the CV.`, hint };
  // the validation details are written for the model's repair round-trip, not for a person: they stay in the attempts
  if (last.outcome === 'invalid_output') return { code: 'PROVIDER_BAD_OUTPUT', message: `${who} answered, twice, with something that is not a CV CVPath can use.`, hint: `${hint} Another model may read it better.` };
  return { code: codeForKind(last.errorKind), message: redactSecrets(last.message ?? `${who} could not be reached.`), hint: `${hint} Check the provider's key and address in the options.` };
}

type Fields = Record<string, string | undefined>;
const basicsFields = (cv: Cv): Fields => ({ name: cv.basics.name || undefined, label: cv.basics.label, email: cv.basics.email, phone: cv.basics.phone });
const roleFields = (w: Cv['work'][number]): Fields => ({ name: w.name || undefined, position: w.position || undefined, startDate: w.startDate, endDate: w.endDate, location: w.location });
const educationFields = (e: Cv['education'][number]): Fields => ({ institution: e.institution || undefined, studyType: e.studyType, area: e.area, startDate: e.startDate, endDate: e.endDate });

/**
 * Where the model's reading and the offline one differ, field by field. Entries are paired by what they are (the same
 * company or title, the same institution), not by position, so one role read by only one of them does not shift every
 * later comparison; an entry with no partner is not compared field by field (the review's warnings cover it).
 */
export function compareReadings(llm: Cv, offline: Cv): CvDisagreement[] {
  const out: CvDisagreement[] = [];
  const compare = (prefix: string, a: Fields, b: Fields, entryId?: string) => {
    for (const field of Object.keys(a)) {
      if (same(a[field], b[field])) continue;
      out.push({ path: `${prefix}.${field}`, ...(entryId ? { entryId } : {}), field, ...(a[field] !== undefined ? { llm: a[field] } : {}), ...(b[field] !== undefined ? { offline: b[field] } : {}) });
    }
  };
  compare('basics', basicsFields(llm), basicsFields(offline));
  const roles = pair(llm.work, offline.work, (w) => [w.name, w.position]);
  roles.forEach(([w, o], i) => (o ? compare(`work.${i}`, roleFields(w), roleFields(o), w.id) : out.push({ path: `work.${i}`, entryId: w.id, field: 'entry', llm: roleName(w) })));
  // a role only the offline reader found is where the model merged or skipped one: said, so the person can split it out
  const paired = new Set(roles.map(([, o]) => o));
  for (const o of offline.work) if (!paired.has(o)) out.push({ path: 'work', field: 'entry', offline: roleName(o) });
  pair(llm.education, offline.education, (e) => [e.institution]).forEach(([e, o], i) => o && compare(`education.${i}`, educationFields(e), educationFields(o), e.id));
  return out;
}

const roleName = (w: Cv['work'][number]) => `${[w.position, w.name].filter(Boolean).join(' · ')}${w.startDate || w.endDate ? ` (${w.startDate ?? '?'} – ${w.endDate ?? 'now'})` : ''}`;

function same(a: string | undefined, b: string | undefined): boolean {
  return fold(a ?? '') === fold(b ?? '');
}

/**
 * Each entry of `a` with an unused entry of `b` that is the same thing: first the same in every key (company and
 * title), then in one, then one key within the other ("Acme" and "Acme Ltd"). Never by position alone: two different
 * roles compared field by field would only produce noise to click through.
 */
function pair<T>(a: T[], b: T[], keys: (x: T) => string[]): [T, T | undefined][] {
  const keyed = (x: T) => keys(x).map((k) => fold(k));
  const within = (k: string, l: string) => k.length >= 3 && l.length >= 3 && (` ${k} `.includes(` ${l} `) || ` ${l} `.includes(` ${k} `));
  const tests: ((x: string[], y: string[]) => boolean)[] = [
    (x, y) => x.every((k, i) => k === y[i]),
    (x, y) => x.some((k, i) => k && k === y[i]),
    (x, y) => x.some((k, i) => within(k, y[i] ?? '')),
  ];
  const partner = new Map<number, number>();
  const taken = new Set<number>();
  for (const same of tests) {
    a.forEach((x, i) => {
      if (partner.has(i)) return;
      const j = b.findIndex((y, k) => !taken.has(k) && same(keyed(x), keyed(y)));
      if (j >= 0) {
        partner.set(i, j);
        taken.add(j);
      }
    });
  }
  return a.map((x, i) => [x, partner.has(i) ? b[partner.get(i)!] : undefined]);
}
