import type { Analysis } from '../../schema/analysis';
import type { Cv } from '../../schema/cv';
import type { JobPosting } from '../../schema/job-posting';
import type { ParsedJob } from '../../schema/parsed-job';
import { analyze, itemMentions } from '../../engine/matcher';
import { parseJob } from '../../engine/job-text-parser';
import { looksLikeLocation } from '../../engine/lexicon';
import { findSkills, skillDef } from '../../engine/skills';
import { fold } from '../../engine/text';
import { buildCvModel, bulletMarker, contactRows, TYPE } from './cv-pdf';
import type { FontSet } from './fonts';
import { Typesetter, type Block, type Line, type PaperFormat, type Run, type Style } from './layout';
import { article, cleanText } from './text';

/**
 * A cover letter written only from the CV's own words, in paragraphs: who is applying for what (the role, the
 * company, the current role, the summary's own description of the person), then the two or three CV achievements that
 * best prove the posting's must-haves (by the analysis's evidence ids) told in the first person, then CV skills the
 * posting mentions, then the close. It never states anything the CV does not say: every achievement is a CV bullet,
 * word for word apart from its run-in label ("Deal Execution:"), a leading "At <employer>, I" and its first letter's
 * case; a bullet that does not say what the user did is never turned into a sentence.
 */

export interface CoverLetterInput {
  cv: Cv;
  job: JobPosting;
  /** JOB_ANALYZER's output; computed offline from the CV and posting when absent. */
  analysis?: Analysis;
  /** Which requirements are must-haves; parsed offline from the posting when absent. */
  parsedJob?: ParsedJob;
  date: Date;
}

export interface CoverLetterEvidence {
  /** The CV bullet quoted. */
  cvId: string;
  /** Its text exactly as in the CV. */
  text: string;
  /** Where it comes from: an employer, organisation or project name. */
  source: string;
  /** The requirements it proves. */
  requirementIds: string[];
}

export interface CoverLetter {
  role: string;
  company: string;
  sender: { name: string; contact: string[] };
  /** "1 November 2026". */
  date: string;
  recipient: string[];
  subject: string;
  salutation: string;
  /** Every paragraph of the body in order, evidence included (as plain sentences). */
  paragraphs: string[];
  /** The same body with the evidence marked as list items, for rendering. */
  body: { kind: 'paragraph' | 'bullet'; text: string }[];
  closing: string;
  signature: string;
  evidence: CoverLetterEvidence[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1 November 2026", in UTC so the same date gives the same letter anywhere. */
export function letterDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A CV's first word that reads as an action ("Led", "Built", "Redesigned", "Run"), so "I" can go before it. */
const ACTION_WORDS = new Set(
  ('build built run ran own owned lead led manage maintain develop design create drive drove deliver mentor write wrote teach taught ' +
    'support coordinate oversee oversaw handle work help cut took take grow grew win won set make made sell sold bring brought keep kept ' +
    'begin began give gave hold held ship shipped plan present present speak spoke train trained review reviewed implement launch ' +
    'introduce negotiate partner partnered automate coach care serve organise organize research analyse analyze test migrate scale ' +
    'reduce increase improve deploy architect rebuild rebuilt rewrite rewrote redesign streamline supervise prepare produce publish ' +
    'found founded establish use used do did raise reach achieve co-founded co-led').split(/\s+/),
);

function isActionWord(word: string): boolean {
  const w = word.toLowerCase().replace(/[^a-z-]/g, '');
  return ACTION_WORDS.has(w) || (/^[a-z-]{3,}ed$/.test(w) && !/^(need|seed|feed|speed|bed|red|shed)$/.test(w));
}

/** Qualities rather than skills: "experience with leadership" tells a reader nothing. */
const SOFT_TERMS = /^(leadership|communication|problem solving|mentoring|closing|teamwork)$/i;

function sentence(text: string): string {
  const t = cleanText(text);
  return /[.!?]["”’)]?$/.test(t) ? t : `${t}.`;
}

function lowerFirst(text: string): string {
  // "Redesigned" → "redesigned", but "API" / "GKE" stay as they are.
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function listOf(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** "London (Shoreditch), UK — hybrid, two days…" → "London (Shoreditch), UK". */
function shortLocation(loc: string | undefined): string {
  return cleanText(loc).split(/\s+[—–-]\s+|;|\|/)[0]!.trim();
}

interface BulletRef {
  id: string;
  text: string;
  source: string;
  kind: 'work' | 'volunteer' | 'project';
  entry: string;
  order: number;
}

function cvBullets(cv: Cv): Map<string, BulletRef> {
  const map = new Map<string, BulletRef>();
  let order = 0;
  const employer = (w: Cv['work'][number]) => (placeOrEmployer(w) ? readable(w.name) : '');
  cv.work.forEach((w) => w.highlights.forEach((h) => map.set(h.id, { id: h.id, text: cleanText(h.text), source: employer(w), kind: 'work', entry: w.id, order: order++ })));
  cv.projects.forEach((p) => p.highlights.forEach((h) => map.set(h.id, { id: h.id, text: cleanText(h.text), source: cleanText(p.name), kind: 'project', entry: p.id, order: order++ })));
  cv.volunteer.forEach((v) => v.highlights.forEach((h) => map.set(h.id, { id: h.id, text: cleanText(h.text), source: cleanText(v.organization), kind: 'volunteer', entry: v.id, order: order++ })));
  for (const [id, b] of map) if (!b.text) map.delete(id);
  return map;
}

/** "Deal Execution: Built three-statement models…" → "Built three-statement models…": a CV's run-in label is not prose. */
export function withoutLabel(text: string): string {
  // a label is a short heading in capitals ("Deal Execution", "TensorFlow"); "Own the ticket-issuing pipeline: …" is prose
  const m = /^([^:.;!?]{2,40}):\s+(?=[A-Z0-9])/.exec(text);
  const words = m?.[1]!.trim().split(/\s+/) ?? [];
  return m && words.length <= 4 && words.every((w) => /^[A-Z0-9&]/.test(w) || /^(and|of|&|for|the|to|in)$/.test(w)) ? text.slice(m[0].length) : text;
}

/** Whether a bullet reads as something the user did ("Built…", "Led…"), so the letter can say "I built…". */
export function isAchievement(text: string): boolean {
  const [first = '', second = ''] = withoutLabel(cleanText(text)).split(' ');
  return isActionWord(first) && !ROLE_NOUNS.test(second);
}

/** "Design lead for the viaduct", "Project manager on…": a bare verb before a role noun starts a title, not an action. */
const ROLE_NOUNS = /^(lead|leads|manager|engineer|director|owner|lead,|officer|analyst|coordinator|specialist|consultant|assistant|member|representative)$/i;

/**
 * The CV bullet in the letter's voice: "At Helix Rail, I redesigned …" (or "I also …" for the same place). Undefined
 * for a bullet that does not start with what the user did: pasted with its label it would read as a fragment.
 */
export function evidenceSentence(b: { text: string; source: string; kind: BulletRef['kind'] }, also = false): string | undefined {
  const text = sentence(withoutLabel(b.text));
  if (!isAchievement(text)) return undefined;
  if (also) return `I also ${lowerFirst(text)}`;
  if (!b.source) return `I ${lowerFirst(text)}`;
  return `${b.kind === 'project' ? `For ${b.source}` : `At ${b.source}`}, I ${lowerFirst(text)}`;
}

/** False when a place was read into the employer ("Columbus" beside "OH"): the letter then names no employer. */
function placeOrEmployer(w: Cv['work'][number]): boolean {
  const name = cleanText(w.name);
  return !!name && !(looksLikeLocation(name) && (/,\s*[A-Z]{2}$/.test(name) || /^[A-Z]{2}$/.test(cleanText(w.location))));
}

/** The current (or most recent) role: no end date first, then the latest end year, then the CV's own order. */
function latestRole(cv: Cv): Cv['work'][number] | undefined {
  // a place read into the title ("Columbus, OH") is not a role the letter can name
  const dated = cv.work.filter((w) => cleanText(w.position) && cleanText(w.name) && !/,\s*[A-Z]{2}$/.test(cleanText(w.position)));
  const current = dated.find((w) => !w.endDate && w.startDate);
  if (current) return current;
  const year = (w: Cv['work'][number]) => Number((w.endDate ?? w.startDate ?? '0').slice(0, 4));
  return dated.map((w, i) => ({ w, i })).sort((a, b) => year(b.w) - year(a.w) || a.i - b.i)[0]?.w;
}

/**
 * The summary's opening noun phrase in the letter's voice: "Field scientist who turns messy data into decisions." →
 * "I am a field scientist who turns messy data into decisions." Only a phrase that names the person (a few words,
 * then "with", "who", "specialising"…) is turned; a sentence with its own subject is left out, not mangled.
 */
export function selfDescription(summary: string | undefined, restated: string[] = []): string | undefined {
  const sentences = cleanText(summary).replace(/[“”"]/g, '').split(/(?<=[.!?])\s+(?=[A-Z])/).map((x) => x.trim());
  for (const first of sentences) {
    if (!first || first.length > 220 || /^(I|My|We|Our|He|She|They)\b/.test(first)) continue;
    // the tailored summary may open with the headline, which the letter has already said ("I am currently a …")
    if (restated.some((r) => r && first.toLowerCase().startsWith(r.toLowerCase()))) continue;
    if (!/^[A-Z][\p{L}&/+-]*(?:\s+[\p{L}&/+-]+){0,4}?\s+(?:with|who|specialising|specializing|focused|looking|seeking|experienced|skilled|passionate|dedicated|committed|known)\b/u.test(first)) continue;
    // "Field scientist who…" → "a field scientist who…", but a title in capitals stays as written
    // (and a describing word before a capitalised title: "Innovative Web Developer…" → "an innovative Web Developer…")
    const phrase = /^[A-Z][a-z]+\s+[a-z]/.test(first) || /^[A-Z][a-z]+(?:ive|ful|ous|ed|ing|ate)\s/.test(first) ? first[0]!.toLowerCase() + first.slice(1) : first;
    return sentence(`I am ${article(phrase)} ${phrase}`);
  }
  return undefined;
}

/** "SENiOR MARKETiNG MANAGER" (a small-caps font read back) or "TOMAS ALVAREZ" → "Senior Marketing Manager". */
export function readable(text: string): string {
  const t = cleanText(text);
  const letters = t.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  if (letters.length < 4 || upper / letters.length < 0.6) return t;
  return t.toLowerCase().replace(/(^|[\s/(-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

/** "I hold a Bachelor of Science in Finance from New York University." or, before its end date, "I am completing …". */
function degreeSentence(cv: Cv, now: Date): string | undefined {
  const e = cv.education.find((x) => cleanText(x.studyType) && cleanText(x.institution));
  if (!e) return undefined;
  const [type, area] = [cleanText(e.studyType), cleanText(e.area)];
  const degree = area ? `${type} in ${area}` : type;
  const ongoing = !!e.endDate && e.endDate > now.toISOString().slice(0, 7);
  return ongoing ? `I am completing ${article(degree)} ${degree} at ${cleanText(e.institution)}.` : `I hold ${article(degree)} ${degree} from ${cleanText(e.institution)}.`;
}

export function buildCoverLetter(input: CoverLetterInput): CoverLetter {
  const { cv, job } = input;
  const role = cleanText(job.title) || 'advertised';
  const company = cleanText(job.company);
  const model = buildCvModel(cv, 'v1');

  // Which requirements matter most: must-haves count four times as much as nice-to-haves.
  let parsed = input.parsedJob;
  if (!parsed) {
    try {
      parsed = parseJob(job);
    } catch {
      parsed = undefined;
    }
  }
  let analysis = input.analysis;
  if (!analysis && parsed) analysis = analyze(cv, parsed, { now: input.date });
  const kindOf = new Map(parsed?.requirements.map((r) => [r.id, r.kind]) ?? []);
  const keywordsOf = new Map<string, string[]>();

  const bullets = cvBullets(cv);
  const weight = new Map<string, Map<string, number>>(); // bullet → requirement → weight
  for (const m of analysis?.matches ?? []) {
    if (m.status === 'missing') continue;
    const kind = kindOf.get(m.requirementId);
    const w = (kind === 'nice' ? 0.5 : 2) * (m.status === 'met' ? 1 : 0.5);
    keywordsOf.set(m.requirementId, m.matchedKeywords);
    for (const ev of m.evidence) {
      if (!bullets.has(ev.cvId) || !isAchievement(bullets.get(ev.cvId)!.text)) continue;
      const per = weight.get(ev.cvId) ?? new Map<string, number>();
      per.set(m.requirementId, Math.max(per.get(m.requirementId) ?? 0, w));
      weight.set(ev.cvId, per);
    }
  }

  // Greedy: each pick proves the most requirements not yet proven; at most two bullets from one entry.
  const picked: BulletRef[] = [];
  const covered = new Set<string>();
  const perEntry = new Map<string, number>();
  while (picked.length < 3) {
    let best: { b: BulletRef; gain: number } | undefined;
    for (const [id, per] of weight) {
      const b = bullets.get(id)!;
      if (picked.includes(b) || (perEntry.get(b.entry) ?? 0) >= 2) continue;
      let gain = 0;
      for (const [req, w] of per) gain += covered.has(req) ? w * 0.1 : w;
      if (!best || gain > best.gain + 1e-9 || (Math.abs(gain - best.gain) < 1e-9 && b.order < best.b.order)) best = { b, gain };
    }
    if (!best || best.gain < 0.5) break;
    picked.push(best.b);
    perEntry.set(best.b.entry, (perEntry.get(best.b.entry) ?? 0) + 1);
    for (const req of weight.get(best.b.id)!.keys()) covered.add(req);
  }
  picked.sort((a, b) => a.order - b.order);
  const evidence: CoverLetterEvidence[] = picked.map((b) => ({ cvId: b.id, text: b.text, source: b.source, requirementIds: [...(weight.get(b.id)?.keys() ?? [])] }));

  // The posting's terms this evidence proves, named in the posting's own words.
  const proven: string[] = [];
  for (const e of evidence) for (const r of e.requirementIds) for (const k of keywordsOf.get(r) ?? []) if (kindOf.get(r) !== 'nice' && !proven.includes(k) && skillDef(k) && !SOFT_TERMS.test(k) && e.text && findSkills(e.text).includes(k) && ` ${fold(e.text)} `.includes(` ${fold(k)} `)) proven.push(k);

  // A common word the taxonomy capitalises ("Observability") is written as the posting writes it.
  const postingText = `${job.title}\n${job.description}`;
  const asPosted = (k: string) => {
    if (/^[A-Z][a-z]+(?: [a-z]+)+$/.test(k)) return k[0]!.toLowerCase() + k.slice(1); // "Design systems" mid-sentence
    if (k.length < 5 || !/^[A-Z][a-z]+$/.test(k)) return k;
    const m = new RegExp(`(?<![\\p{L}\\p{N}])${k}(?![\\p{L}\\p{N}])`, 'iu').exec(postingText);
    return m && m[0] === k.toLowerCase() ? m[0] : k;
  };

  const at = company ? ` at ${company}` : '';
  const latest = latestRole(cv);
  const opening = [`I am writing to apply for the ${role} position${at}.`];
  if (latest) {
    const pos = readable(latest.position);
    const where = placeOrEmployer(latest) ? `at ${readable(latest.name)}` : '';
    opening.push(!latest.endDate && latest.startDate
      ? `I am currently ${article(pos)} ${[pos, where].filter(Boolean).join(' ')}.`
      : `Most recently, I worked as ${article(pos)} ${[pos, where].filter(Boolean).join(' ')}.`);
  }
  const self = selfDescription(cv.basics.summary, [cleanText(cv.basics.label), ...cv.work.slice(0, 2).map((w) => cleanText(w.position)), cleanText(latest?.position)]);
  if (self) opening.push(self);
  const degree = degreeSentence(cv, input.date);
  if (degree && (!latest || cv.work.length <= 1)) opening.push(degree);

  const body: CoverLetter['body'] = [{ kind: 'paragraph', text: opening.join(' ') }];
  // Too little in the CV proves this posting's requirements: the latest role's own first achievements still tell the
  // reader what the applicant does, without claiming they answer the posting.
  const shown = [...picked];
  if (shown.length < 2) {
    for (const b of bullets.values()) {
      if (shown.length >= 2) break;
      if (!shown.includes(b) && isAchievement(b.text) && b.kind === 'work' && b.entry === (shown[0]?.entry ?? b.entry)) shown.push(b);
    }
    shown.sort((a, b) => a.order - b.order);
  }
  if (shown.length) {
    const said: string[] = [];
    const terms = proven.slice(0, 4).map(asPosted);
    said.push(terms.length
      ? `The posting asks for experience with ${listOf(terms)}, and that is the work I have been doing.`
      : picked.length ? 'Some of my work bears directly on what this role involves.' : 'A few results from my recent work show how I approach a role.');
    let lastEntry = '';
    for (const b of shown) {
      said.push(evidenceSentence(b, b.entry === lastEntry)!);
      lastEntry = b.entry;
    }
    body.push({ kind: 'paragraph', text: said.join(' ') });
  }

  // CV skills the posting mentions, not already named above.
  const skillTerms = [...new Set(cv.skills.flatMap((s) => (s.keywords.length ? s.keywords : [s.name])).map(cleanText).filter((t) => t && t.split(' ').length <= 4 && !/[:;]/.test(t) && (fold(skillDef(t)?.canonical ?? '') === fold(t) || (/.\p{Lu}|\p{Lu}\p{Ll}* \p{Lu}/u.test(t) && !/^[\p{Lu}\s]{4,}$/u.test(t)))))];
  const named = new Set(proven.map((p) => p.toLowerCase()));
  const shared = skillTerms.filter((t) => !named.has(t.toLowerCase()) && itemMentions(postingText, t) && !proven.some((p) => itemMentions(t, p))).slice(0, 5);
  if (shared.length) body.push({ kind: 'paragraph', text: `I also bring ${listOf(shared.map(asPosted))}, ${shared.length > 2 ? 'all of which' : shared.length === 2 ? 'both of which' : 'which'} your posting asks for.` });

  body.push({
    kind: 'paragraph',
    text: `I would welcome the chance to discuss how my experience could help${company ? ` ${company}` : ' your team'} in this role. Thank you for your time and consideration.`,
  });

  for (const p of body) p.text = p.text.replace(/\.\.(?=\s|$)/g, '.');
  const recipient = ['Hiring team', company, shortLocation(job.location)].filter(Boolean);
  return {
    role,
    company,
    sender: { name: model.name, contact: model.contact },
    date: letterDate(input.date),
    recipient,
    subject: `Application for ${role}`,
    salutation: company ? `Dear ${company} hiring team,` : 'Dear hiring team,',
    paragraphs: body.map((p) => p.text),
    body,
    closing: 'Kind regards,',
    signature: readable(model.name),
    evidence,
  };
}

// ─── PDF, in the CV's typography ───

export interface CoverLetterPdfOptions {
  fonts: FontSet;
  format: PaperFormat;
}

export function renderCoverLetterPdf(letter: CoverLetter, opts: CoverLetterPdfOptions): Uint8Array {
  const ts = new Typesetter(opts.fonts, opts.format, { title: `${letter.sender.name} – cover letter`, author: letter.sender.name, subject: letter.subject });
  const W = ts.contentWidth;
  const size = TYPE.body + 0.5;
  const leading = size * 1.3;
  const run = (text: string, style: Style = 'regular', s: number = size, gray?: number): Run => ({ text: ts.drawable(text), style, size: s, gray });
  const para = (runs: Run[], spaceBefore: number, indent = 0, align: Line['align'] = 'left'): Block => ({
    lines: ts.wrap(runs, W - indent).map((r) => ({ runs: r, indent, leading, align })),
    spaceBefore,
    splittable: true,
  });

  const blocks: Block[] = [];
  const head: Line[] = [{ runs: [run(letter.sender.name, 'regular', TYPE.name)], indent: 0, leading: TYPE.name, align: 'center' }];
  contactRows(ts, letter.sender.contact, W).forEach((r, i) => head.push({ runs: [r], indent: 0, leading: TYPE.contact * (i === 0 ? 1.9 : 1.35), align: 'center' }));
  blocks.push({ lines: head, spaceBefore: 0, ruleAfter: { gap: 9, gray: 0.55, width: 0.6, below: 9 } });

  blocks.push({ lines: [{ runs: [], right: run(letter.date), indent: 0, leading }], spaceBefore: 22 });
  blocks.push({ lines: letter.recipient.map((r) => ({ runs: [run(r)], indent: 0, leading })), spaceBefore: 4 });
  blocks.push({ ...para([run(letter.subject, 'bold')], 20), keepWithNext: true });
  blocks.push({ ...para([run(letter.salutation)], 14), keepWithNext: true });
  letter.body.forEach((p, i) => {
    if (p.kind === 'bullet') {
      const lines = ts.wrap([run(p.text)], W - TYPE.bulletIndent).map((r, j): Line => ({
        runs: r, indent: TYPE.bulletIndent, leading, marker: j === 0 ? { run: bulletMarker(size), indent: TYPE.markerIndent, dy: size * 0.09 } : undefined,
      }));
      blocks.push({ lines, spaceBefore: 4 });
    } else {
      blocks.push({ ...para([run(p.text)], i === 0 ? 10 : 9), keepWithNext: p.text.endsWith(':') });
    }
  });
  blocks.push({ ...para([run(letter.closing)], 14), keepWithNext: true });
  blocks.push(para([run(letter.signature)], 22));

  const pages = ts.paginate(blocks);
  ts.draw(pages, (p, of) => `Page ${p} of ${of}`);
  return ts.output();
}
