import type { Cv } from '../schema/cv';
import type { FaithfulnessViolation } from '../schema/score';
import type { TailoredCv } from '../schema/tailored-cv';
import { itemMentions } from './matcher';
import { findSkills, formsOf } from './skills';
import { extractNumbers, fold, isStopWord } from './text';

/**
 * The faithfulness guard, run after CV_TAILOR whoever produced it. It works as an allow-list: a tailored CV may
 * reorder entries, bullets and skills, rewrite bullet and summary wording, and list skills the master proves.
 * Everything else is the master's, field for field, by id. Rewritten text may only use words, numbers and skills
 * the master already has (numbers in a bullet must come from that same bullet). What fails is reverted or removed,
 * and reported.
 */
export interface GuardResult {
  tailored: TailoredCv;
  violations: FaithfulnessViolation[];
}

type Kind = FaithfulnessViolation['kind'];

/** Words that connect the user's own facts in a rewritten summary without adding any. */
const ALLOWED_GLUE = new Set(['experience', 'includes', 'including', 'skills', 'strengths', 'key', 'role']);

export function guardFaithfulness(master: Cv, input: TailoredCv): GuardResult {
  const violations: FaithfulnessViolation[] = [];
  const v = (path: string, kind: Kind, value: unknown, action: FaithfulnessViolation['action']) =>
    violations.push({ path, kind, value: typeof value === 'string' ? value : JSON.stringify(value ?? null), action });
  const src = structuredClone(input.cv);

  const masterText = allStrings(master).join('\n');
  const vocab = new Set(tokens(masterText));
  const masterNumbers = numbersOf(masterText);
  const masterSkills = new Set(findSkills(masterText));
  for (const sk of masterSkills) for (const f of formsOf(sk)) for (const w of f.split(' ')) vocab.add(w);
  const foldedMaster = ` ${fold(masterText)} `;
  const known = (term: string) => formsOf(term).some((f) => foldedMaster.includes(` ${f} `)) || itemMentions(masterText, term) || tokens(term).every((w) => vocab.has(w));

  /** Problems of a rewritten text; `numbers` are the numbers it may use. */
  const textProblems = (text: string, numbers: Set<string>): { kind: Kind; value: string }[] => {
    const t = nfkc(text);
    const out: { kind: Kind; value: string }[] = [];
    for (const n of [...extractNumbers(t), ...numberWords(t)]) if (!numbers.has(normNum(n))) out.push({ kind: 'number', value: n });
    const skillWords = new Set<string>();
    for (const s of findSkills(t)) {
      if (!masterSkills.has(s) && !itemMentions(masterText, s)) out.push({ kind: 'skill', value: s });
      else for (const f of formsOf(s)) for (const w of f.split(' ')) skillWords.add(w); // a proven skill, by any of its names
    }
    const unknown = tokens(t).filter((w) => !/^\d/.test(w) && !isStopWord(w) && !ALLOWED_GLUE.has(w) && !skillWords.has(w) && !vocab.has(w) && !vocab.has(w.replace(/s$/, '')) && !vocab.has(`${w}s`));
    if (unknown.length) out.push({ kind: 'text', value: unknown.slice(0, 6).join(' ') });
    for (const e of properNames(t)) if (!foldedMaster.includes(` ${fold(e)} `)) out.push({ kind: 'employer', value: e });
    return out;
  };

  // basics: identity and links never change; only the summary may be rewritten
  const basics = structuredClone(master.basics);
  for (const f of ['name', 'email', 'phone', 'url', 'label', 'image'] as const) {
    if ((src.basics[f] ?? '') !== (master.basics[f] ?? '') && !(f === 'label' && !src.basics.label)) v(`basics.${f}`, f === 'label' ? 'title' : 'text', src.basics[f] ?? '', 'reverted');
  }
  if ((src.basics.summary ?? '') !== (master.basics.summary ?? '')) {
    const problems = textProblems(src.basics.summary ?? '', masterNumbers);
    for (const p of problems) v('basics.summary', p.kind, p.value, 'reverted');
    if (!problems.length) basics.summary = src.basics.summary;
  }

  /** Entries by id: the master's entry, with only the allowed parts taken from the tailored one. */
  const entries = <T extends { id: string }>(section: string, list: T[], masterList: T[], facts: Partial<Record<keyof T & string, Kind>>, newKind: Kind, allow: (out: T, e: T, m: T, path: string) => void = () => {}): T[] => {
    const seen = new Set<string>();
    const out: T[] = [];
    list.forEach((e, i) => {
      const path = `${section}[${i}]`;
      const m = masterList.find((x) => x.id === e.id);
      if (!m || seen.has(e.id)) {
        v(path, m ? 'entry' : newKind, describe(e), 'removed');
        return;
      }
      seen.add(e.id);
      for (const k of Object.keys({ ...m, ...e }) as (keyof T & string)[]) {
        if (k === 'id' || k === 'highlights' || k === 'summary' || k === 'description' || k === 'keywords') continue;
        if (norm(e[k]) !== norm(m[k])) v(`${path}.${k}`, facts[k] ?? 'text', e[k], 'reverted');
      }
      const kept = structuredClone(m);
      allow(kept, e, m, path);
      out.push(kept);
    });
    return out;
  };

  const bulletsAndProse = <T extends { highlights: { id: string; text: string }[] }>(kept: T, e: T, m: T, path: string) => {
    const masterBullets = new Map(m.highlights.map((h) => [h.id, h.text]));
    const seen = new Set<string>();
    kept.highlights = [];
    e.highlights.forEach((h, j) => {
      const orig = masterBullets.get(h.id);
      if (orig === undefined || seen.has(h.id)) {
        v(`${path}.highlights[${j}]`, 'text', h.text, 'removed');
        return;
      }
      seen.add(h.id);
      let text = h.text;
      if (text !== orig) {
        const problems = textProblems(text, numbersOf(orig));
        for (const p of problems) v(`${path}.highlights[${j}]`, p.kind, p.value, 'reverted');
        if (problems.length) text = orig;
      }
      kept.highlights.push({ id: h.id, text });
    });
    for (const f of ['summary', 'description'] as const) {
      const val = (e as Record<string, unknown>)[f] as string | undefined;
      const orig = (m as Record<string, unknown>)[f] as string | undefined;
      if ((val ?? '') === (orig ?? '')) continue;
      const problems = textProblems(val ?? '', numbersOf(orig ?? ''));
      if (problems.length || !val) v(`${path}.${f}`, problems[0]?.kind ?? 'text', val ?? '', 'reverted');
      else (kept as Record<string, unknown>)[f] = val;
    }
  };

  const cv: Cv = {
    basics,
    work: entries('work', src.work, master.work, { name: 'employer', position: 'title', startDate: 'date', endDate: 'date' }, 'employer', bulletsAndProse),
    volunteer: entries('volunteer', src.volunteer, master.volunteer, { organization: 'employer', position: 'title', startDate: 'date', endDate: 'date' }, 'employer', bulletsAndProse),
    projects: entries('projects', src.projects, master.projects, { name: 'entry', startDate: 'date', endDate: 'date', roles: 'title', entity: 'employer' }, 'entry', (kept, e, m, path) => {
      bulletsAndProse(kept, e, m, path);
      if (norm(e.keywords) !== norm(m.keywords)) v(`${path}.keywords`, 'skill', e.keywords.filter((k) => !m.keywords.includes(k)).join(', ') || e.keywords.join(', '), 'reverted');
    }),
    education: entries('education', src.education, master.education, { institution: 'institution', studyType: 'degree', area: 'degree', startDate: 'date', endDate: 'date', score: 'number', courses: 'degree' }, 'degree'),
    certificates: entries('certificates', src.certificates, master.certificates, { name: 'entry', issuer: 'institution', date: 'date' }, 'entry'),
    awards: entries('awards', src.awards, master.awards, { title: 'entry', awarder: 'institution', date: 'date' }, 'entry'),
    publications: entries('publications', src.publications, master.publications, { name: 'entry', releaseDate: 'date' }, 'entry'),
    languages: entries('languages', src.languages, master.languages, { language: 'skill' }, 'skill'),
    interests: entries('interests', src.interests, master.interests, {}, 'entry'),
    references: entries('references', src.references, master.references, { name: 'entry' }, 'entry'),
    skills: [],
    meta: { ...master.meta, sectionOrder: src.meta.sectionOrder },
  };

  // skills: groups by id keep the master's name and level; keywords may be reordered, and known skills added
  const seenSkills = new Set<string>();
  src.skills.forEach((s, i) => {
    const path = `skills[${i}]`;
    const m = master.skills.find((x) => x.id === s.id);
    if (seenSkills.has(s.id)) {
      v(path, 'entry', s.name, 'removed');
      return;
    }
    seenSkills.add(s.id);
    const keywords = s.keywords.filter((k) => {
      if (m?.keywords.includes(k) || known(k)) return true;
      v(`${path}.keywords`, 'skill', k, 'removed');
      return false;
    });
    if (m) {
      if (s.name !== m.name) v(`${path}.name`, 'skill', s.name, 'reverted');
      if ((s.level ?? '') !== (m.level ?? '')) v(`${path}.level`, 'text', s.level ?? '', 'reverted');
      cv.skills.push({ ...m, keywords: m.keywords.length || keywords.length ? keywords : [] });
      return;
    }
    // a new group may only be named by a skill the master has: a heading the user never wrote ("Key skills for this
    // role") would stand in the document as the user's own
    if (!known(s.name) || !masterSkills.has(s.name) && !itemMentions(masterText, s.name)) {
      v(`${path}.name`, 'skill', s.name, 'removed');
      return;
    }
    cv.skills.push({ id: s.id, name: s.name, keywords });
  });

  // changes must cite master ids
  const masterIds = new Set(['summary', 'sections', ...idsOf(master)]);
  const changes = input.changes.filter((c) => c.sourceIds.every((id) => masterIds.has(id)));
  return { tailored: { cv, sectionOrder: input.sectionOrder, changes }, violations };
}

const NUMBER_WORDS = /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|dozens|hundreds|thousands|millions|double|doubled|triple|tripled|half|halved)\b/gi;

/** Numbers written as words count as numbers: "mentored twelve engineers" needs a twelve in the same source. */
function numberWords(text: string): string[] {
  return [...text.matchAll(NUMBER_WORDS)].map((m) => m[1]!.toLowerCase());
}

function numbersOf(text: string): Set<string> {
  const t = nfkc(text);
  return new Set([...extractNumbers(t), ...numberWords(t)].map(normNum));
}

function nfkc(s: string): string {
  return s.normalize('NFKC');
}

/** Folded word tokens of any length (acronyms such as PhD and MBA count). */
function tokens(s: string): string[] {
  return fold(nfkc(s)).split(' ').filter((w) => /[a-z]/.test(w));
}

function allStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) allStrings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'id') allStrings(x, out);
  return out;
}

function idsOf(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) idsOf(x, out);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.id === 'string') out.push(o.id);
    for (const x of Object.values(o)) if (x && typeof x === 'object') idsOf(x, out);
  }
  return out;
}

function normNum(n: string): string {
  return n.replace(/[+]$/, '').replace(/^0+(?=\d)/, '');
}

function norm(x: unknown): string {
  if (x === undefined || x === null || x === '' || (Array.isArray(x) && x.length === 0)) return '';
  return typeof x === 'string' ? x.trim().replace(/\s+/g, ' ') : JSON.stringify(x);
}

function describe(e: object): string {
  const r = e as Record<string, unknown>;
  return String(r.name ?? r.title ?? r.institution ?? r.organization ?? r.language ?? r.id);
}

/** Capitalised multi-word names ("Goldman Sachs", "McKinsey & Company") in the middle of a sentence: likely employers. */
function properNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<=[a-z,;]\s)((?:[A-Z][\p{L}'’]+)(?:\s(?:[A-Z][\p{L}'’]+|&))+)/gu)) out.push(m[1]!);
  return out;
}
