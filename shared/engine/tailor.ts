import type { Analysis } from '../schema/analysis';
import type { Cv, SectionKey } from '../schema/cv';
import { DEFAULT_SECTION_ORDER, SUMMARY_ID } from '../schema/cv';
import type { ParsedJob, Requirement } from '../schema/parsed-job';
import type { Change, TailoredCv } from '../schema/tailored-cv';
import { itemMentions } from './matcher';
import { findSkills, formsOf, skillDef } from './skills';
import { fold } from './text';

/**
 * The offline CV_TAILOR. It only moves and re-selects the user's own words: bullets and skills that prove what
 * the job asks for go first, the sections a reader needs go first, and the summary leads with the user's own
 * sentences that matter here, followed by the job's terms the CV already proves. Nothing is added that the
 * master CV does not say.
 */
export function tailorOffline(master: Cv, job: ParsedJob, analysis: Analysis): TailoredCv {
  const cv: Cv = structuredClone(master);
  const changes: Change[] = [];
  const weightOf = relevanceWeights(job, analysis);

  const relevance = (text: string) => {
    let s = 0;
    for (const [k, w] of weightOf) if (itemMentions(text, k)) s += w;
    return s;
  };

  // 1. Bullets within each role and project: most relevant first, ties keep the author's order.
  for (const entry of [...cv.work, ...cv.projects, ...cv.volunteer]) {
    const before = entry.highlights.map((h) => h.id);
    const sorted = stableSortBy(entry.highlights, (h) => -relevance(h.text));
    if (sorted.some((h, i) => h.id !== before[i])) {
      entry.highlights = sorted;
      changes.push({
        kind: 'reorder_bullets', targetId: entry.id, sourceIds: before,
        before: before.join(','), after: sorted.map((h) => h.id).join(','),
        requirementIds: requirementsTouched(job, sorted.slice(0, 3).map((h) => h.text)),
        reason: 'Bullets that prove what this job asks for now come first.',
      });
    }
  }

  // 2. Projects by relevance (roles stay in date order: recruiters distrust shuffled histories).
  const projBefore = cv.projects.map((p) => p.id);
  cv.projects = stableSortBy(cv.projects, (p) => -relevance([p.name, p.description, ...p.highlights.map((h) => h.text)].join(' ')));
  if (cv.projects.some((p, i) => p.id !== projBefore[i])) {
    changes.push({ kind: 'reorder_entries', targetId: 'projects', sourceIds: projBefore, before: projBefore.join(','), after: cv.projects.map((p) => p.id).join(','), requirementIds: [], reason: 'Most relevant projects first.' });
  }

  // 3. Skills: the job's skills the CV proves lead, then the rest in the author's order.
  const skillChange = tailorSkills(cv, relevance);
  if (skillChange) changes.push(...skillChange);

  // 4. Summary: the user's own most relevant sentences, then the proven job terms.
  const summaryChange = tailorSummary(cv, master, job, analysis, relevance);
  if (summaryChange) changes.push(summaryChange);

  // 5. Section order.
  const oldOrder = master.meta.sectionOrder?.length ? master.meta.sectionOrder : presentSections(master);
  const order = sectionOrderFor(cv, job, analysis, oldOrder);
  cv.meta = { ...cv.meta, sectionOrder: order };
  if (order.join() !== oldOrder.join()) {
    changes.push({ kind: 'reorder_sections', targetId: 'sections', sourceIds: ['sections'], before: oldOrder.join(','), after: order.join(','), requirementIds: [], reason: 'What this job screens for first is shown first.' });
  }
  return { cv, sectionOrder: order, changes };
}

/** Weight of each keyword the job asks for: must-have 3, nice-to-have 1, boosted where the CV underplays it. */
function relevanceWeights(job: ParsedJob, analysis: Analysis): Map<string, number> {
  const w = new Map<string, number>();
  for (const r of job.requirements) {
    const m = analysis.matches.find((x) => x.requirementId === r.id);
    const base = r.kind === 'must' ? 3 : 1;
    const keys = m?.matchedKeywords.length ? m.matchedKeywords : r.keywords;
    for (const k of keys) w.set(k, (w.get(k) ?? 0) + base);
  }
  for (const k of job.keywords) if (!w.has(k)) w.set(k, 0.5);
  return w;
}

function requirementsTouched(job: ParsedJob, texts: string[]): string[] {
  return job.requirements.filter((r) => r.keywords.some((k) => texts.some((t) => itemMentions(t, k)))).map((r) => r.id);
}

/** The master's own groups and words, the ones this job asks for first; no group is invented, none renamed. */
function tailorSkills(cv: Cv, relevance: (t: string) => number): Change[] | undefined {
  const changes: Change[] = [];
  const beforeIds = cv.skills.map((s) => s.id);
  for (const s of cv.skills) {
    if (s.keywords.length > 1) {
      const sorted = stableSortBy(s.keywords, (k) => -relevance(k));
      if (sorted.join('|') !== s.keywords.join('|')) {
        changes.push({ kind: 'reorder_skills', targetId: s.id, sourceIds: [s.id], before: s.keywords.join(', '), after: sorted.join(', '), requirementIds: [], reason: 'Skills this job asks for first.' });
        s.keywords = sorted;
      }
    }
  }
  cv.skills = stableSortBy(cv.skills, (s) => -relevance([s.name, ...s.keywords].join(', ')));

  if (cv.skills.some((s, i) => s.id !== beforeIds[i])) {
    changes.push({ kind: 'reorder_entries', targetId: 'skills', sourceIds: beforeIds.length ? beforeIds : [SUMMARY_ID], before: beforeIds.join(','), after: cv.skills.map((s) => s.id).join(','), requirementIds: [], reason: 'Skill groups this job asks for first.' });
  }
  return changes.length ? changes : undefined;
}

/**
 * The summary a recruiter reads first, from the master's own words only: its own sentences (the most relevant three,
 * in the author's order) and, where the job's proven skills are not named there yet, one sentence made of the master's
 * headline and those skills ("Data engineer with experience in Python, Airflow and dbt."). A master without a summary
 * gets none: a one-line summary the user never wrote ("Senior Data Engineer with experience in SQL.") is a stub.
 */
function tailorSummary(cv: Cv, master: Cv, job: ParsedJob, analysis: Analysis, relevance: (t: string) => number): Change | undefined {
  const original = master.basics.summary?.trim() ?? '';
  const sentences = splitSentences(original);
  const ranked = stableSortBy(sentences.map((s, i) => ({ s, i, r: relevance(s) })), (x) => -x.r);
  const kept = (sentences.length > 3 ? ranked.slice(0, 3) : ranked).sort((a, b) => a.i - b.i);
  const keptText = kept.map((k) => k.s).join(' ');
  const sourceIds = new Set<string>(original ? [SUMMARY_ID] : []);
  const reqIds: string[] = [];
  const proven: string[] = [];
  const written = new Map<string, string>();
  for (const r of [...job.requirements].sort((a, b) => rankReq(a) - rankReq(b))) {
    const m = analysis.matches.find((x) => x.requirementId === r.id);
    if (!m || m.status === 'missing' || r.category === 'years' || r.category === 'authorization' || r.category === 'location') continue;
    for (const k of m.matchedKeywords) {
      if (proven.length >= 5 || proven.includes(k) || !skillDef(k) || SOFT_TERMS.test(k) || itemMentions(keptText, k)) continue;
      // named by the taxonomy in the quote itself: a stem match ("key accounts" for Accounting) is not a claim to print
      const ev = m.evidence.find((e) => e.cvId !== SUMMARY_ID && e.cvId !== 'label' && writtenForm(e.quote, k));
      if (!ev) continue;
      proven.push(k);
      written.set(k, writtenForm(ev.quote, k)!);
      sourceIds.add(ev.cvId);
      if (!reqIds.includes(r.id)) reqIds.push(r.id);
    }
  }
  const headline = readableCase(headlineOf(master));
  // "Senior Marketing Manager" before "Marketing manager with eight years…" says the same thing twice
  const restates = !!headline && fold(keptText).includes(fold(headline).split(' ').slice(-2).join(' '));
  const prose = proseCase([original, ...cvItemsText(master)].join('\n'));
  let lead = '';
  if (proven.length && headline && !restates && kept.length) lead = `${headline} with experience in ${listJoin(proven.map((k) => prose(written.get(k) ?? k)))}.`;
  // a single sentence of the author's is joined by the headline sentence, so the summary never reads as a stub
  if (!lead && kept.length === 1 && headline && !restates) {
    const listed = cv.skills.flatMap((s) => (s.keywords.length ? s.keywords : [s.name])).filter((k) => skillDef(k) && !SOFT_TERMS.test(k) && !itemMentions(keptText, k)).slice(0, 3);
    if (listed.length) lead = `${headline} with experience in ${listJoin(listed.map(prose))}.`;
  }
  const parts = [lead, ...kept.map((k) => k.s)].filter(Boolean);
  if (!parts.length) return undefined;
  const after = parts.join(' ').trim();
  if (after === original) return undefined;
  cv.basics.summary = after;
  return { kind: 'rewrite_summary', targetId: SUMMARY_ID, sourceIds: [...sourceIds], before: original, after, requirementIds: reqIds, reason: 'Leads with what this job asks for, in your own words and skills your CV proves.' };
}

/** The skill as the quote writes it ("WMS", "pandas"), or undefined when the quote only implies it. */
function writtenForm(quote: string, skill: string): string | undefined {
  if (!findSkills(quote).includes(skill)) return undefined;
  for (const f of formsOf(skill)) {
    const words = f.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const m = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s-]+')}(?![\\p{L}\\p{N}])`, 'iu').exec(quote);
    if (m) return m[0];
  }
  return undefined;
}

/** Qualities rather than skills: a summary that claims "experience in leadership" tells a recruiter nothing. */
const SOFT_TERMS = /^(leadership|communication|problem solving|mentoring|closing|teamwork)$/i;

function cvItemsText(cv: Cv): string[] {
  return [...cv.work, ...cv.projects, ...cv.volunteer].flatMap((e) => e.highlights.map((h) => h.text));
}

/** A skill as a sentence writes it: "financial modelling" and "forecasting" in lower case when the CV writes them so. */
function proseCase(text: string): (term: string) => string {
  return (term) => {
    if (/^[A-Z][a-z]+(?: [a-z]+)+$/.test(term)) return term[0]!.toLowerCase() + term.slice(1);
    if (/^[A-Z][a-z]+$/.test(term) && new RegExp(`(?<![\\p{L}])${term.toLowerCase()}(?![\\p{L}])`, 'u').test(text)) return term.toLowerCase();
    return term;
  };
}

/** "SENiOR MARKETiNG MANAGER" (small capitals read back) → "Senior Marketing Manager"; anything else as written. */
function readableCase(text: string): string {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4 || letters.replace(/[^\p{Lu}]/gu, '').length / letters.length < 0.6) return text;
  return text.toLowerCase().replace(/(^|[\s/(-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

/** The master's own headline, or its latest role's title: how the summary may name the person. */
function headlineOf(cv: Cv): string {
  const label = (cv.basics.label ?? '').trim();
  if (label && label.split(/\s+/).length <= 6 && !/[.,;!?|•·@]/.test(label)) return label;
  const latest = cv.work.find((w) => w.position?.trim());
  const pos = latest?.position?.trim() ?? '';
  return pos && pos.split(/\s+/).length <= 6 && !/[.,;!?|•·@()]/.test(pos) ? pos : '';
}

/** Sentences of the master's prose: "." "!" "?" before a capital, so "e.g. Python" and "3.5" stay whole. */
function splitSentences(text: string): string[] {
  return text.replace(/^[“"]|[”"]$/g, '').split(/(?<=[.!?])["”]?\s+(?=[A-Z“"])/).map((s) => s.trim()).filter(Boolean);
}

function rankReq(r: Requirement): number {
  return (r.kind === 'must' ? 0 : 10) + (r.category === 'hard_skill' ? 0 : r.category === 'certification' ? 1 : 2);
}

function listJoin(xs: string[]): string {
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function presentSections(cv: Cv): SectionKey[] {
  return DEFAULT_SECTION_ORDER.filter((k) => (k === 'summary' ? !!cv.basics.summary : (cv[k] as unknown[]).length > 0));
}

function sectionOrderFor(cv: Cv, job: ParsedJob, analysis: Analysis, masterOrder: readonly SectionKey[]): SectionKey[] {
  const present = presentSections(cv);
  const musts = job.requirements.filter((r) => r.kind === 'must');
  const met = (cat: Requirement['category']) => musts.some((r) => r.category === cat && analysis.matches.find((m) => m.requirementId === r.id)?.status !== 'missing');
  const certFirst = met('certification') && cv.certificates.length > 0;
  const eduFirst = musts.some((r) => r.category === 'education') && job.seniority === 'junior';
  // skills the master already shows above its roles stay there when they prove something the job asks: moving them
  // down would hide proof the reader saw first
  const skillsEarly = masterOrder.includes('skills') && masterOrder.indexOf('skills') < masterOrder.indexOf('work');
  const skillsProve = analysis.matches.some((m) => m.status !== 'missing' && m.evidence.some((e) => /^s\d/.test(e.cvId)));
  const skillHeavy = musts.filter((r) => r.category === 'hard_skill').length >= 2 || (skillsEarly && skillsProve);
  const head: SectionKey[] = ['summary'];
  if (skillHeavy) head.push('skills');
  if (certFirst) head.push('certificates');
  if (eduFirst) head.push('education');
  head.push('work');
  const projectsRelevant = cv.projects.some((p) => findSkills([p.name, p.description, ...p.highlights.map((h) => h.text)].join(' ')).some((s) => job.keywords.includes(s)));
  if (projectsRelevant) head.push('projects');
  const rest = DEFAULT_SECTION_ORDER.filter((k) => !head.includes(k));
  if (!skillHeavy) {
    rest.splice(rest.indexOf('skills'), 1);
    head.push('skills');
  }
  return [...head, ...rest].filter((k) => present.includes(k));
}

function stableSortBy<T>(xs: readonly T[], key: (x: T) => number): T[] {
  return xs.map((x, i) => ({ x, i, k: key(x) })).sort((a, b) => a.k - b.k || a.i - b.i).map((e) => e.x);
}
