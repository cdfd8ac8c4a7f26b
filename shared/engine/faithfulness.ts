import type { Cv } from '../schema/cv';
import type { FaithfulnessViolation } from '../schema/score';
import type { TailoredCv } from '../schema/tailored-cv';
import { cvItems, itemMentions } from './matcher';
import { findSkills, formsOf } from './skills';
import { extractNumbers, fold, isStopWord } from './text';

/**
 * The faithfulness guard, run after CV_TAILOR whoever produced it. Facts (employers, titles, dates, degrees,
 * institutions) must equal the master's for the same id; free text (summary, bullets, skills) may only use
 * numbers, skills and words the master CV already has. What fails is reverted to the master or removed, and reported.
 */
export interface GuardResult {
  tailored: TailoredCv;
  violations: FaithfulnessViolation[];
}

export function guardFaithfulness(master: Cv, input: TailoredCv): GuardResult {
  const violations: FaithfulnessViolation[] = [];
  const cv: Cv = structuredClone(input.cv);
  const masterText = cvItems(master).map((i) => i.text).join('\n');
  const vocab = new Set(fold(masterText).split(' '));
  const masterNumbers = new Set(extractNumbers(masterText).map(normNum));
  const masterSkills = new Set(findSkills(masterText));
  // a skill the master proves may be named by any of its synonyms ("k8s" in the master, "Kubernetes" in the summary)
  for (const sk of masterSkills) for (const f of formsOf(sk)) for (const w of f.split(' ')) vocab.add(w);
  const v = (path: string, kind: FaithfulnessViolation['kind'], value: string, action: FaithfulnessViolation['action']) =>
    violations.push({ path, kind, value, action });

  // basics: identity never changes
  for (const f of ['name', 'email', 'phone', 'url', 'label'] as const) {
    if ((cv.basics[f] ?? '') !== (master.basics[f] ?? '')) {
      if (f === 'label' && !cv.basics.label) continue;
      v(`basics.${f}`, f === 'label' ? 'title' : 'text', String(cv.basics[f] ?? ''), 'reverted');
      (cv.basics as Record<string, unknown>)[f] = master.basics[f];
    }
  }
  cv.basics.location = master.basics.location;
  cv.basics.profiles = master.basics.profiles;

  // free text check shared by summary and bullets
  const textProblems = (text: string): { kind: FaithfulnessViolation['kind']; value: string }[] => {
    const out: { kind: FaithfulnessViolation['kind']; value: string }[] = [];
    for (const n of extractNumbers(text)) if (!masterNumbers.has(normNum(n))) out.push({ kind: 'number', value: n });
    for (const s of findSkills(text)) if (!masterSkills.has(s) && !itemMentions(masterText, s)) out.push({ kind: 'skill', value: s });
    const unknown = fold(text).split(' ').filter((w) => w.length > 3 && !isStopWord(w) && !/^\d/.test(w) && !vocab.has(w) && !vocab.has(w.replace(/s$/, '')) && !vocab.has(`${w}s`) && !ALLOWED_GLUE.has(w));
    if (unknown.length > 2) out.push({ kind: 'text', value: unknown.slice(0, 6).join(' ') });
    for (const e of properNames(text)) if (!fold(masterText).includes(fold(e))) out.push({ kind: 'employer', value: e });
    return out;
  };

  if ((cv.basics.summary ?? '') !== (master.basics.summary ?? '')) {
    const problems = textProblems(cv.basics.summary ?? '');
    if (problems.length) {
      for (const p of problems) v('basics.summary', p.kind, p.value, 'reverted');
      cv.basics.summary = master.basics.summary;
    }
  }

  // entries with facts: match by id, compare fields, drop unknown ids
  const checkEntries = <T extends { id: string }>(section: string, list: T[], masterList: T[], facts: [keyof T & string, FaithfulnessViolation['kind']][], newKind: FaithfulnessViolation['kind'] = 'entry'): T[] => {
    const kept: T[] = [];
    for (const [i, e] of list.entries()) {
      const m = masterList.find((x) => x.id === e.id);
      if (!m) {
        v(`${section}[${i}]`, newKind, describe(e), 'removed');
        continue;
      }
      for (const [f, kind] of facts) {
        if (norm(e[f]) !== norm(m[f])) {
          v(`${section}[${i}].${f}`, kind, String(e[f] ?? ''), 'reverted');
          (e as Record<string, unknown>)[f] = m[f];
        }
      }
      kept.push(e);
    }
    return kept;
  };

  cv.work = checkEntries('work', cv.work, master.work, [['name', 'employer'], ['position', 'title'], ['startDate', 'date'], ['endDate', 'date'], ['location', 'text']], 'employer');
  cv.education = checkEntries('education', cv.education, master.education, [['institution', 'institution'], ['studyType', 'degree'], ['area', 'degree'], ['startDate', 'date'], ['endDate', 'date'], ['score', 'number']], 'degree');
  cv.projects = checkEntries('projects', cv.projects, master.projects, [['name', 'entry'], ['startDate', 'date'], ['endDate', 'date'], ['url', 'text']]);
  cv.volunteer = checkEntries('volunteer', cv.volunteer, master.volunteer, [['organization', 'employer'], ['position', 'title'], ['startDate', 'date'], ['endDate', 'date']], 'employer');
  cv.certificates = checkEntries('certificates', cv.certificates, master.certificates, [['name', 'entry'], ['issuer', 'institution'], ['date', 'date']]);
  cv.awards = checkEntries('awards', cv.awards, master.awards, [['title', 'entry'], ['awarder', 'institution'], ['date', 'date']]);
  cv.publications = checkEntries('publications', cv.publications, master.publications, [['name', 'entry'], ['releaseDate', 'date']]);
  cv.languages = checkEntries('languages', cv.languages, master.languages, [['language', 'skill'], ['fluency', 'text']]);

  // bullets: each must be a master bullet of the same entry; rewritten text must stay within the master's facts
  const bulletSections = [['work', cv.work, master.work], ['projects', cv.projects, master.projects], ['volunteer', cv.volunteer, master.volunteer]] as const;
  for (const [section, list, masterList] of bulletSections) {
    for (const [i, e] of (list as { id: string; highlights: { id: string; text: string }[]; summary?: string; description?: string }[]).entries()) {
      const m = (masterList as typeof list).find((x) => x.id === e.id) as typeof e;
      const masterBullets = new Map(m.highlights.map((h) => [h.id, h.text]));
      const kept: { id: string; text: string }[] = [];
      for (const [j, h] of e.highlights.entries()) {
        const orig = masterBullets.get(h.id);
        if (orig === undefined) {
          v(`${section}[${i}].highlights[${j}]`, 'text', h.text, 'removed');
          continue;
        }
        if (h.text !== orig) {
          const problems = textProblems(h.text);
          if (problems.length) {
            for (const p of problems) v(`${section}[${i}].highlights[${j}]`, p.kind, p.value, 'reverted');
            h.text = orig;
          }
        }
        if (!kept.some((k) => k.id === h.id)) kept.push(h);
      }
      e.highlights = kept;
      for (const f of ['summary', 'description'] as const) {
        const val = (e as Record<string, unknown>)[f] as string | undefined;
        const orig = (m as Record<string, unknown>)[f] as string | undefined;
        if ((val ?? '') !== (orig ?? '') && textProblems(val ?? '').length) {
          v(`${section}[${i}].${f}`, 'text', val ?? '', 'reverted');
          (e as Record<string, unknown>)[f] = orig;
        }
      }
    }
  }

  // skills: every listed skill must appear somewhere in the master CV (any synonym)
  const foldedMaster = ` ${fold(masterText)} `;
  const known = (term: string) => formsOf(term).some((f) => foldedMaster.includes(` ${f} `)) || itemMentions(masterText, term) || fold(term).split(' ').every((w) => vocab.has(w));
  cv.skills = cv.skills.flatMap((s, i) => {
    const kw = s.keywords.filter((k) => {
      if (known(k)) return true;
      v(`skills[${i}].keywords`, 'skill', k, 'removed');
      return false;
    });
    const nameKnown = known(s.name) || (kw.length > 0 && master.skills.some((x) => x.name === s.name)) || (kw.length > 0 && s.keywords.length > 0);
    if (!nameKnown) {
      v(`skills[${i}].name`, 'skill', s.name, 'removed');
      return [];
    }
    if (s.keywords.length && !kw.length) return [];
    return [{ ...s, keywords: kw }];
  });

  // changes must cite master ids
  const masterIds = new Set(cvItems(master).map((i) => i.id).concat(['summary', 'sections', ...master.skills.map((s) => s.id)]));
  const changes = input.changes.filter((c) => c.sourceIds.every((id) => masterIds.has(id)));
  return { tailored: { cv, sectionOrder: input.sectionOrder, changes }, violations };
}

/** Words that connect the user's own facts in a rewritten summary without adding any. */
const ALLOWED_GLUE = new Set(['experience', 'includes', 'including', 'skilled', 'background', 'focus', 'focused', 'track', 'record', 'proven', 'strengths', 'expertise']);

function normNum(n: string): string {
  return n.replace(/[+]$/, '').replace(/^0+(?=\d)/, '');
}

function norm(x: unknown): string {
  return typeof x === 'string' ? x.trim().replace(/\s+/g, ' ') : x === undefined || x === null ? '' : JSON.stringify(x);
}

function describe(e: object): string {
  const r = e as Record<string, unknown>;
  return String(r.name ?? r.title ?? r.institution ?? r.organization ?? r.language ?? r.id);
}

/** Capitalised multi-word names ("Goldman Sachs", "Mayo Clinic") in the middle of a sentence: likely employers. */
function properNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<=[a-z,;]\s)((?:[A-Z][\p{L}'’]+)(?:\s(?:[A-Z][\p{L}'’]+|&))+)/gu)) out.push(m[1]!);
  return out;
}
