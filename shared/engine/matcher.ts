import type { Analysis, Evidence, Knockout, RequirementMatch } from '../schema/analysis';
import type { Cv } from '../schema/cv';
import type { ParsedJob, Requirement } from '../schema/parsed-job';
import { monthsBetween, parseDate } from './dates';
import { DEGREE_RE } from './lexicon';
import { mentions } from './skills';
import { fold, memoize } from './text';

/** A piece of CV text that can be quoted as evidence, with where it sits. */
export interface CvItem {
  id: string;
  text: string;
  section: 'summary' | 'work' | 'projects' | 'skills' | 'education' | 'certificates' | 'awards' | 'volunteer' | 'publications' | 'languages' | 'label';
  /** Index of the entry in its section and of the bullet in its entry (-1 for the entry's own line). */
  entry: number;
  bullet: number;
}

export function cvItems(cv: Cv): CvItem[] {
  const items: CvItem[] = [];
  if (cv.basics.label) items.push({ id: 'label', text: cv.basics.label, section: 'label', entry: 0, bullet: -1 });
  if (cv.basics.summary) items.push({ id: 'summary', text: cv.basics.summary, section: 'summary', entry: 0, bullet: -1 });
  cv.work.forEach((w, i) => {
    items.push({ id: w.id, text: [w.position, w.name, w.summary].filter(Boolean).join(' — '), section: 'work', entry: i, bullet: -1 });
    w.highlights.forEach((h, j) => items.push({ id: h.id, text: h.text, section: 'work', entry: i, bullet: j }));
  });
  cv.projects.forEach((p, i) => {
    items.push({ id: p.id, text: [p.name, p.description, p.keywords.join(', ')].filter(Boolean).join(' — '), section: 'projects', entry: i, bullet: -1 });
    p.highlights.forEach((h, j) => items.push({ id: h.id, text: h.text, section: 'projects', entry: i, bullet: j }));
  });
  cv.volunteer.forEach((v, i) => {
    items.push({ id: v.id, text: [v.position, v.organization, v.summary].filter(Boolean).join(' — '), section: 'volunteer', entry: i, bullet: -1 });
    v.highlights.forEach((h, j) => items.push({ id: h.id, text: h.text, section: 'volunteer', entry: i, bullet: j }));
  });
  cv.skills.forEach((s, i) => items.push({ id: s.id, text: s.keywords.length ? `${s.name}: ${s.keywords.join(', ')}` : s.name, section: 'skills', entry: i, bullet: -1 }));
  cv.education.forEach((e, i) => items.push({ id: e.id, text: [e.studyType, e.area, e.institution, e.score, e.courses.join(', ')].filter(Boolean).join(', '), section: 'education', entry: i, bullet: -1 }));
  cv.certificates.forEach((c, i) => items.push({ id: c.id, text: [c.name, c.issuer].filter(Boolean).join(', '), section: 'certificates', entry: i, bullet: -1 }));
  cv.awards.forEach((a, i) => items.push({ id: a.id, text: [a.title, a.awarder, a.summary].filter(Boolean).join(', '), section: 'awards', entry: i, bullet: -1 }));
  cv.publications.forEach((p, i) => items.push({ id: p.id, text: [p.name, p.publisher, p.summary].filter(Boolean).join(', '), section: 'publications', entry: i, bullet: -1 }));
  cv.languages.forEach((l, i) => items.push({ id: l.id, text: [l.language, l.fluency].filter(Boolean).join(' '), section: 'languages', entry: i, bullet: -1 }));
  return items;
}

/** Whether a CV item mentions a keyword: taxonomy synonyms, or same-stem words for terms the taxonomy does not know. */
export function itemMentions(text: string, keyword: string): boolean {
  if (mentions(text, keyword)) return true;
  const k = fold(keyword);
  if (k.includes(' ') || k.length < 4) return false;
  return stemsOf(text).has(stem(k));
}

/** The stems of a text's words (4 letters or more), computed once per distinct text. */
const stemsOf = memoize((text: string) => new Set(fold(text).split(' ').filter((w) => w.length >= 4).map(stem)), 5_000);

/** A light stemmer: plurals and -ing/-ed only, so "transfers" ~ "transfer" but "engines" never ~ "engineer". */
export function stem(w: string): string {
  let s = w;
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('s') && !s.endsWith('ss') && s.length > 3) s = s.slice(0, -1);
  if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith('ed') && s.length > 4) s = s.slice(0, -2);
  return s.replace(/e$/, '');
}

/** Total months of dated work, overlaps merged; only roles whose text satisfies `filter` when given. */
export function experienceMonths(cv: Cv, now: Date, filter?: (w: Cv['work'][number]) => boolean): { months: number; ids: string[] } {
  const spans: [number, number][] = [];
  const ids: string[] = [];
  for (const w of cv.work) {
    if (filter && !filter(w)) continue;
    const s = w.startDate ? parseDate(w.startDate).iso : null;
    if (!s) continue;
    const e = w.endDate ? parseDate(w.endDate).iso : null;
    const start = toMonthIndex(s);
    const end = start + monthsBetween(s, e, now) - 1;
    spans.push([start, end]);
    ids.push(w.id);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur: [number, number] | undefined;
  for (const sp of spans) {
    if (!cur || sp[0] > cur[1] + 1) {
      if (cur) total += cur[1] - cur[0] + 1;
      cur = [...sp];
    } else cur[1] = Math.max(cur[1], sp[1]);
  }
  if (cur) total += cur[1] - cur[0] + 1;
  return { months: total, ids };
}

function toMonthIndex(iso: string): number {
  const [y, m] = iso.split('-').map(Number);
  return y! * 12 + ((m ?? 1) - 1);
}

const DEGREE_LEVEL: [RegExp, number][] = [
  [/\b(ph\.?\s?d|d\.?phil|doctorate)\b/i, 5],
  [/\b(m\.?sc|m\.?s|m\.?a|m\.?b\.?a|m\.?eng|m\.?ed|m\.?res|m\.?phil|ll\.?m|master)/i, 4],
  [/\b(b\.?sc|b\.?s|b\.?a|b\.?eng|b\.?ed|b\.?com|b\.?n|bsn|b\.?des|b\.?f\.?a|ll\.?b|bachelor|undergraduate degree|degree)\b/i, 3],
  [/\b(associate|hnd|hnc|diploma|adn|pgce)\b/i, 2],
];

function degreeLevel(text: string): number {
  for (const [re, lvl] of DEGREE_LEVEL) if (re.test(text)) return lvl;
  return 0;
}

export interface MatchContext {
  now: Date;
}

export function matchRequirement(req: Requirement, cv: Cv, items: CvItem[], ctx: MatchContext): RequirementMatch {
  const evidence: Evidence[] = [];
  const matched = new Set<string>();
  const cite = (it: CvItem) => {
    if (!evidence.some((e) => e.cvId === it.id) && evidence.length < 4) evidence.push({ cvId: it.id, quote: it.text });
  };

  if (req.category === 'years' && req.minYears !== undefined) {
    const topical = req.keywords.filter((k) => k !== 'Leadership' || /\blead/i.test(req.text));
    const filter = topical.length ? (w: Cv['work'][number]) => topical.some((k) => itemMentions([w.position, w.name, w.summary, ...w.highlights.map((h) => h.text)].join(' \n '), k)) : undefined;
    const { months, ids } = experienceMonths(cv, ctx.now, filter);
    const years = months / 12;
    for (const id of ids.slice(0, 4)) {
      const it = items.find((x) => x.id === id);
      if (it) cite(it);
    }
    topical.forEach((k) => matched.add(k));
    const status = years >= req.minYears ? 'met' : years >= req.minYears * 0.6 && years > 0 ? 'partial' : 'missing';
    return { requirementId: req.id, status, evidence: status === 'missing' ? [] : evidence, matchedKeywords: status === 'missing' ? [] : [...matched], note: `${Math.floor(years * 10) / 10} years of dated experience${topical.length ? ` mentioning ${topical.join(', ')}` : ''} against ${req.minYears} asked` };
  }

  if (req.category === 'education') {
    const wanted = degreeLevel(req.text) || 3;
    const areaTerms = req.keywords.filter((k) => !/^(degree|computer|subject)$/i.test(k) || k === 'computer');
    let best: { it: CvItem; level: number; areaHit: boolean } | undefined;
    for (const it of items.filter((x) => x.section === 'education' || x.section === 'certificates')) {
      const level = degreeLevel(it.text) || (DEGREE_RE.test(it.text) ? 2 : 0);
      const areaHit = areaTerms.length === 0 || areaTerms.some((k) => itemMentions(it.text, k));
      if (!best || level * 2 + Number(areaHit) > best.level * 2 + Number(best.areaHit)) best = { it, level, areaHit };
    }
    if (best && best.level > 0) cite(best.it);
    const related = /\b(related|equivalent|similar|any)\b/i.test(req.text);
    const status = !best || best.level === 0 ? 'missing' : best.level >= wanted && (best.areaHit || related) ? 'met' : 'partial';
    if (status !== 'missing') areaTerms.filter((k) => best && itemMentions(best.it.text, k)).forEach((k) => matched.add(k));
    return { requirementId: req.id, status, evidence: status === 'missing' ? [] : evidence, matchedKeywords: [...matched] };
  }

  const keywords = req.keywords;
  if (!keywords.length) return { requirementId: req.id, status: 'missing', evidence: [], matchedKeywords: [], note: 'Nothing in the posting to check this against automatically.' };
  // Prefer the strongest places: skills and certificates, then the most recent bullets.
  // Evidence is what the CV did and learned (roles, projects, education, certificates, skills), never the
  // summary's own prose or the headline: "(Go Sooners and Cardinal!)" is not Go. A summary that repeats a
  // skill proven elsewhere is cited beside that proof, since that is where a reader sees it.
  for (const k of keywords) {
    const hits = items.filter((it) => it.section !== 'label' && itemMentions(it.text, k));
    const proof = hits.filter((it) => EVIDENCE_SECTIONS.has(it.section));
    if (!proof.length) continue;
    matched.add(k);
    hits.sort((a, b) => rank(a) - rank(b)).slice(0, 2).forEach(cite);
    if (!evidence.some((e) => proof.some((p) => p.id === e.cvId))) cite(proof.sort((a, b) => rank(a) - rank(b))[0]!);
  }
  const ratio = matched.size / keywords.length;
  const anyOf = /\b(or|such as|e\.g\.|for example|like)\b/i.test(req.text) && keywords.length > 1;
  const status = matched.size === 0 ? 'missing' : ratio >= 0.75 || (anyOf && matched.size >= 1) ? 'met' : 'partial';
  return { requirementId: req.id, status, evidence, matchedKeywords: [...matched] };
}

/** Sections whose words prove a skill. */
export const EVIDENCE_SECTIONS: ReadonlySet<CvItem['section']> = new Set(['work', 'projects', 'education', 'certificates', 'skills', 'volunteer', 'awards', 'publications', 'languages']);

function rank(it: CvItem): number {
  const base = { certificates: 0, skills: 1, work: 2, projects: 3, education: 4, summary: 5, volunteer: 6, awards: 7, publications: 8, languages: 9, label: 10 }[it.section];
  return base * 100 + it.entry * 10 + Math.max(0, it.bullet);
}

/** Match score and tallies, computed only from statuses. */
export function computeFigures(job: ParsedJob, matches: RequirementMatch[], prominence?: number): Analysis['figures'] {
  const tally = (kind: 'must' | 'nice') => {
    const rs = job.requirements.filter((r) => r.kind === kind);
    const st = rs.map((r) => matches.find((m) => m.requirementId === r.id)?.status ?? 'missing');
    return { met: st.filter((s) => s === 'met').length, partial: st.filter((s) => s === 'partial').length, missing: st.filter((s) => s === 'missing').length, total: rs.length };
  };
  const mustHave = tally('must');
  const niceToHave = tally('nice');
  return { match: matchScore(job, matches, prominence), mustHave, niceToHave };
}

/** Coverage of requirements (must counts twice), 0–100. */
export function coverage(job: ParsedJob, matches: RequirementMatch[]): number {
  let got = 0;
  let total = 0;
  for (const r of job.requirements) {
    const w = r.kind === 'must' ? 2 : 1;
    const st = matches.find((m) => m.requirementId === r.id)?.status ?? 'missing';
    total += w;
    got += w * (st === 'met' ? 1 : st === 'partial' ? 0.5 : 0);
  }
  return total ? (100 * got) / total : 0;
}

/**
 * The match figure: 60% what the CV proves, 40% whether a reader sees the proof where they look in the first
 * seconds (summary, a skills section above experience, the first bullets of recent roles). Screeners and ATS
 * rankers both weigh where a term sits, so reordering can raise the match honestly; inventing cannot (the
 * faithfulness guard reverts it and the coverage part only counts evidence found in the CV).
 */
export const MATCH_WEIGHTS = { coverage: 0.6, prominence: 0.4 } as const;

export function matchScore(job: ParsedJob, matches: RequirementMatch[], prominence?: number): number {
  const cov = coverage(job, matches);
  const p = prominence ?? cov;
  return Math.round(MATCH_WEIGHTS.coverage * cov + MATCH_WEIGHTS.prominence * p);
}

export function knockoutsFor(job: ParsedJob, cv: Cv, matches: RequirementMatch[]): Knockout[] {
  const out: Knockout[] = [];
  const allText = cvItems(cv).map((i) => i.text).join('\n');
  for (const r of job.requirements) {
    if (r.kind !== 'must') continue;
    const m = matches.find((x) => x.requirementId === r.id);
    const st = m?.status ?? 'missing';
    switch (r.category) {
      case 'authorization': {
        const stated = /\b(right to work|work permit|authori[sz]ed to work|citizen|permanent resident|settled status|green card|eu passport|no sponsorship)\b/i.test(allText);
        out.push({ requirementId: r.id, kind: 'authorization', status: stated ? 'ok' : 'unknown', message: stated ? 'Your CV states your right to work.' : `The posting requires: "${quoted(r.text)}". Your CV does not say — state your right to work in your application if you have it.` });
        break;
      }
      case 'location': {
        const city = cv.basics.location?.city;
        const ok = !!city && fold(r.text).includes(fold(city));
        out.push({ requirementId: r.id, kind: 'location', status: ok ? 'ok' : 'unknown', message: ok ? `You are based in ${city}.` : `The posting requires: "${quoted(r.text)}". Make your location or willingness to relocate clear.` });
        break;
      }
      case 'education':
        out.push({ requirementId: r.id, kind: 'degree', status: st === 'met' ? 'ok' : st === 'partial' ? 'risk' : 'risk', message: st === 'met' ? 'Your education meets this.' : `Required: "${quoted(r.text)}". ${st === 'partial' ? 'Your degree may not match exactly.' : 'No matching degree found on your CV.'}` });
        break;
      case 'years':
        out.push({ requirementId: r.id, kind: 'years', status: st === 'met' ? 'ok' : 'risk', message: m?.note ?? r.text });
        break;
      case 'certification':
        out.push({ requirementId: r.id, kind: 'certification', status: st === 'met' ? 'ok' : 'risk', message: st === 'met' ? 'Found on your CV.' : `Required: "${quoted(r.text)}". Not found on your CV.` });
        break;
      case 'language':
        out.push({ requirementId: r.id, kind: 'language', status: st === 'met' ? 'ok' : 'risk', message: st === 'met' ? 'Found on your CV.' : `Required: "${quoted(r.text)}". Not found on your CV.` });
        break;
      default:
        break;
    }
  }
  return out;
}

/** Requirements whose gap decides whether an application is read at all: shown as knockouts, not skill gaps. */
export function isKnockout(r: Requirement): boolean {
  if (r.kind !== 'must') return false;
  // a must-have certification is usually a licence or registration (HCPC, RN, CPA, a driving licence)
  return r.category === 'authorization' || r.category === 'location' || r.category === 'years' || r.category === 'education' || r.category === 'certification';
}

/** Ids of the requirements not fully met that are skills to show or build (knockouts are apart). */
export function skillGapsOf(job: ParsedJob, matches: RequirementMatch[]): string[] {
  return job.requirements.filter((r) => !isKnockout(r) && (matches.find((m) => m.requirementId === r.id)?.status ?? 'missing') !== 'met').map((r) => r.id);
}

/**
 * Honest coaching, one short piece per gap, about that gap: the terms it names, what the CV already shows and
 * where the proof would go. Never "add it to your CV" unless it is true.
 */
export function coachingFor(job: ParsedJob, matches: RequirementMatch[]): Analysis['coaching'] {
  const out: Analysis['coaching'] = [];
  for (const r of job.requirements) {
    const m = matches.find((x) => x.requirementId === r.id);
    if (!m || m.status === 'met') continue;
    out.push({ requirementId: r.id, advice: adviceFor(r, m) });
  }
  return out;
}

function adviceFor(r: Requirement, m: RequirementMatch): string {
  const missing = r.keywords.filter((k) => !m.matchedKeywords.includes(k));
  const terms = listJoin(missing.length ? missing : r.keywords);
  const shown = listJoin(m.matchedKeywords);
  const nice = r.kind === 'nice';
  switch (r.category) {
    case 'years':
      return m.status === 'partial'
        ? `Your dated roles come close (${m.note ?? 'fewer years than asked'}): make sure every relevant role, internship or freelance period has its dates.`
        : `The posting asks for ${r.minYears ?? 'several'}+ years${terms ? ` of ${terms}` : ''}; ${m.note ? `your CV shows ${m.note.split(' against ')[0]}` : 'your CV shows fewer'}. Recruiters may still read on if your bullets show the same scope of work.`;
    case 'education':
      return m.status === 'partial'
        ? `Your degree is not an exact match for "${quoted(r.text)}": name the modules or projects closest to ${terms || 'the field asked'} under Education.`
        : `No degree on your CV matches "${quoted(r.text)}"; if the posting accepts equivalent experience, lead with the roles that show it.`;
    case 'certification':
      return `If you hold ${terms || `"${quoted(r.text)}"`}, add it under Certificates with the issuer and date; if you are working toward it, say so with the expected date.`;
    case 'language':
      return `Add ${terms || 'the language asked'} with your level (for example "professional working proficiency") to a Languages section.`;
    case 'authorization':
      return 'State your right to work (or the visa you hold) in one line of your CV header or cover letter; screeners filter on it first.';
    case 'location':
      return 'Say where you are based and whether you can work on site as asked, in your CV header or cover letter.';
    case 'soft_skill':
      return `Show "${quoted(r.text)}" through a bullet that says what you did and what came of it, rather than naming it as a trait.`;
    case 'hard_skill':
      if (m.status === 'partial') return `You show ${shown}; the posting also names ${terms}. If you have used ${missing.length > 1 ? 'them' : 'it'}, name the role or project where you did.`;
      return nice
        ? `${terms} is a nice-to-have: mention it only if you have really used it, in the bullet where you did.`
        : `Nothing in your roles, projects or skills shows ${terms}. If you have used ${r.keywords.length > 1 ? 'any of these' : 'it'}, add the project or role where you did; if not, the cover letter can say how you would pick it up.`;
    default:
      return m.status === 'partial'
        ? `Partly shown (${shown || 'related work'}): one bullet that names ${terms || 'this'} directly would make it clear.`
        : nice
          ? `"${quoted(r.text)}" is a plus, not a must: worth one line only if it is true for you.`
          : `"${quoted(r.text)}" is not visible on your CV; if it is true for you, one concrete bullet or a sentence in the cover letter covers it.`;
  }
}

function listJoin(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

export function analyze(cv: Cv, job: ParsedJob, ctx: MatchContext): Analysis {
  const items = cvItems(cv);
  const matches = job.requirements.map((r) => matchRequirement(r, cv, items, ctx));
  return finalizeAnalysis(cv, job, matches);
}

/** Everything in an Analysis that is not the per-requirement judgement is computed here, by code. */
export function finalizeAnalysis(cv: Cv, job: ParsedJob, matches: RequirementMatch[]): Analysis {
  return {
    matches,
    knockouts: knockoutsFor(job, cv, matches),
    coaching: coachingFor(job, matches),
    skillGaps: skillGapsOf(job, matches),
    figures: computeFigures(job, matches, prominenceOf(cv, job, matches)),
  };
}

/**
 * 0–100: how visible each requirement's evidence is. Summary and a skills section shown before experience count
 * fully; bullets count by position (the first three of the two most recent roles are what a reader sees).
 */
export function prominenceOf(cv: Cv, job: ParsedJob, matches: RequirementMatch[]): number {
  const order = cv.meta.sectionOrder ?? [];
  const workPos = order.indexOf('work');
  const before = (k: string) => order.indexOf(k as never) >= 0 && (workPos < 0 || order.indexOf(k as never) < workPos);
  const items = new Map(cvItems(cv).map((i) => [i.id, i]));
  let total = 0;
  let got = 0;
  for (const r of job.requirements) {
    const m = matches.find((x) => x.requirementId === r.id);
    if (!m || m.status === 'missing' || !m.evidence.length) continue;
    const w = r.kind === 'must' ? 2 : 1;
    total += w;
    let best = 0;
    for (const e of m.evidence) {
      const it = items.get(e.cvId);
      if (!it) continue;
      best = Math.max(best, positionWeight(it, before, r));
    }
    got += w * best;
  }
  return total ? Math.round((100 * got) / total) : 0;
}

/** Where a reader's eye lands in a first scan, 0–1. */
function positionWeight(it: CvItem, shownBeforeWork: (k: string) => boolean, r: Requirement): number {
  switch (it.section) {
    case 'summary':
    case 'label':
      return 1;
    case 'skills':
      return shownBeforeWork('skills') ? (it.entry < 6 ? 1 : 0.7) : it.entry < 6 ? 0.55 : 0.4;
    case 'certificates':
      return r.category === 'certification' ? (shownBeforeWork('certificates') ? 1 : 0.7) : 0.5;
    case 'education':
      return r.category === 'education' ? 1 : 0.4;
    case 'work': {
      if (r.category === 'years') return 1;
      const recency = it.entry === 0 ? 1 : it.entry === 1 ? 0.8 : 0.5;
      const pos = it.bullet < 0 ? 0.8 : it.bullet < 2 ? 1 : it.bullet < 3 ? 0.8 : it.bullet < 5 ? 0.5 : 0.35;
      return recency * pos;
    }
    case 'projects':
      return it.bullet < 2 ? 0.5 : 0.35;
    default:
      return 0.3;
  }
}

/** A requirement quoted inside a sentence: its own closing full stop would double the sentence's ("…starts.".). */
function quoted(text: string): string {
  return text.trim().replace(/[.;:]+$/, '');
}
