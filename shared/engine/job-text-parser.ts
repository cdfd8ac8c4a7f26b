import type { JobPosting, JobPostingInput } from '../schema/job-posting';
import { JobPosting as JobPostingSchema } from '../schema/job-posting';
import type { ParsedJob, Requirement } from '../schema/parsed-job';
import { DEGREE_RE, TITLE_WORDS } from './lexicon';
import { BULLET_RE, classifyPosting, headingPart, linePart } from './posting-sections';
import { canonicalSkill, findSkills } from './skills';
import { fold, isStopWord, normalizeText, uniq } from './text';

/** The offline JOB_PARSER: a JobPosting's description → requirements with kinds, categories and keywords. */

/** A job posting from a text file: title on the first line, company on the second, location on the third when they look so. */
export function jobFromText(text: string, extra: Partial<JobPostingInput> = {}): JobPosting {
  const lines = normalizeText(text).split('\n');
  const head: string[] = [];
  let i = 0;
  while (i < lines.length && head.length < 3) {
    const l = lines[i]!.trim().replace(/^#{1,6}\s*/, '');
    if (!l) {
      if (head.length) break;
      i++;
      continue;
    }
    if (headingPart(l) || l.length > 90 || /[.!?]$/.test(l)) break;
    head.push(l);
    i++;
  }
  const [title = 'Untitled position', company = '', location] = head;
  const description = lines.slice(i).join('\n').replace(/\n{3,}/g, '\n\n').trim();
  const remote = /\bremote\b/i.test(location ?? '') ? 'remote' : /\bhybrid\b/i.test(location ?? '') ? 'hybrid' : /on-?site/i.test(location ?? '') ? 'onsite' : 'unknown';
  return JobPostingSchema.parse({ title, company, location, remote, description: description || text.trim(), ...extra });
}

const HARD_CONSTRAINT_RE = /\b(right to work|work authori[sz]ation|authori[sz]ed to work|eligible to work|security clearance|must be based|must live|must be located|commutable distance|driving licen[cs]e|must reside|on-?site (?:\d|in|at|five|four|three)|in (?:the )?office \d|in (?:one of )?our offices?|(?:require|requires|required)\b.{0,40}\b(?:degree|bachelor|master)|\d days? (?:a|per) week in (?:the|our) office)\b/i;
/** Words that make one line of a must-have list a nice-to-have ("… is a strong plus", "Degree preferred"); "ideally" inside a line only qualifies part of it. */
const NICE_WORDS_RE = /^(?:ideally|preferably)\b|\b(?:a (?:strong |big |huge |real )?plus|bonus|nice to have|desirable|an advantage|advantageous|not required|would be great|atout)\b|\bpreferred\W*$/i;

export function parseJob(job: JobPosting): ParsedJob {
  const lines = classifyPosting(normalizeText(job.description));
  const reqs: Requirement[] = [];
  const dutyText: string[] = [];
  const noise = noiseTerms(job, lines.filter((l) => l.part === 'must' || l.part === 'nice').map((l) => l.text).join('\n'));
  const add = (text: string, kind: 'must' | 'nice') => {
    const t = text.replace(BULLET_RE, '').trim();
    if (t.length < 3 || /[:：]$/.test(t) || linePart(t)) return;
    const k = kind === 'must' && NICE_WORDS_RE.test(t) ? 'nice' : kind;
    reqs.push(makeRequirement(`r${reqs.length + 1}`, t, k, noise));
  };
  let pending: { text: string; kind: 'must' | 'nice' } | undefined;
  const flush = () => {
    if (pending) add(pending.text, pending.kind);
    pending = undefined;
  };
  for (const l of lines) {
    if (l.heading || !l.text) {
      flush();
      continue;
    }
    if (l.part === 'must' || l.part === 'nice') {
      if (l.bullet) {
        flush();
        pending = { text: l.text, kind: l.part };
      } else if (pending && /^[a-z(]/.test(l.text)) {
        pending.text += ` ${l.text}`;
      } else {
        flush();
        // prose inside a requirements block: one requirement per sentence
        for (const s of sentences(l.text)) add(s, l.part);
      }
      continue;
    }
    flush();
    if (l.part === 'duties') dutyText.push(l.text);
    // hard constraints can sit anywhere in the job's own text ("You must already have the right to work in the UK")
    if (l.part === 'duties' || l.part === 'other' || l.part === 'about' || l.part === 'process') {
      for (const s of sentences(l.text)) if (HARD_CONSTRAINT_RE.test(s) && !linePart(s)) add(s, 'must');
    }
  }
  flush();
  if (!reqs.length) {
    // a posting with no recognisable requirements block: fall back to the skills its own job text names
    const jobText = lines.filter((l) => !l.heading && (l.part === 'duties' || l.part === 'other')).map((l) => l.text).join('\n');
    const skills = findSkills(jobText).filter((s) => !noise(s)).slice(0, 12);
    for (const s of skills) reqs.push(makeRequirement(`r${reqs.length + 1}`, s, 'must', noise));
    if (!reqs.length) reqs.push(makeRequirement('r1', job.title, 'must'));
  }
  const reqSkills = reqs.flatMap((r) => r.keywords);
  const dutySkills = findSkills(dutyText.join('\n')).filter((s) => !noise(s));
  const keywords = uniq([...reqSkills, ...dutySkills]).slice(0, 40);
  return {
    title: job.title,
    normalizedTitle: normalizeTitle(job.title),
    company: job.company,
    seniority: seniorityOf(job.title, reqs),
    requirements: reqs,
    keywords,
  };
}

/** The posting's own job text (requirements and responsibilities): where skill keywords may come from. */
export function jobSkillText(job: JobPosting): string {
  return classifyPosting(normalizeText(job.description))
    .filter((l) => !l.heading && (l.part === 'must' || l.part === 'nice' || l.part === 'duties'))
    .map((l) => l.text)
    .join('\n');
}

/**
 * Words that are never requirements, keywords or gaps for this posting: the employer's own name and the job
 * title's words (a posting says "vercel" and "engineer" everywhere; neither is something to prove).
 */
export function noiseTerms(job: { company?: string; title?: string }, requirementText = ''): (term: string) => boolean {
  const company = fold(job.company ?? '').replace(/\b(jobs?|careers?|inc|ltd|llc|gmbh|sa|plc|corp)\b/g, ' ').replace(/\s+/g, ' ').trim();
  // the brand is the name's first word ("Scale" of Scale AI, "Ashcombe" of Ashcombe Housing Group); the rest
  // ("Payments", "Housing") may well be the field the job asks about
  const brand = company.split(' ')[0] ?? '';
  const asked = ` ${fold(requirementText)} `;
  // the title's words are the job's name, not something to prove, unless the requirements ask for them too
  // ("Mathematics Teacher" asking for a degree in mathematics)
  // role nouns and seniority ("engineer", "physiotherapist", "senior") are the job's name even when asked
  const titleWords = new Set(fold(job.title ?? '').split(' ').filter((w) => w.length > 2 && !canonicalSkill(w) && (TITLE_WORDS.has(w) || SENIORITY.has(w) || /(?:ist|ian)$/.test(w) || !asked.includes(` ${w} `))));
  return (term: string) => {
    const f = fold(term);
    if (!f) return true;
    if (company && (f === company || (brand.length > 2 && !COMPANY_GENERIC.has(brand) && f === brand))) return true;
    if (!canonicalSkill(term) && (GENERIC.has(f) || isStopWord(f))) return true;
    return titleWords.has(f) && !canonicalSkill(term);
  };
}

const SENIORITY = new Set(['senior', 'junior', 'lead', 'staff', 'principal', 'head', 'mid', 'level', 'entry', 'graduate', 'trainee', 'apprentice', 'intern', 'sr', 'jr']);
const COMPANY_GENERIC = new Set(['the', 'and', 'group', 'company', 'technologies', 'labs', 'software', 'systems', 'health', 'data', 'cloud']);

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z])/).map((s) => s.trim()).filter((s) => s.length > 2);
}

/** Taxonomy entries that are ways of working, not tools: a requirement naming only these is a soft skill. */
const SOFT_SKILLS = new Set(['Communication', 'Leadership', 'Mentoring', 'Stakeholder management', 'Problem solving', 'Negotiation']);

export function makeRequirement(id: string, text: string, kind: 'must' | 'nice', noise: (term: string) => boolean = () => false): Requirement {
  const years = /(\d{1,2})\s*\+?\s*(?:or more\s+)?(?:years?|yrs)\b/i.exec(text);
  const t = text.toLowerCase();
  let category: Requirement['category'];
  if (/\b(right to work|authori[sz]ed to work|work authori[sz]ation|eligible to work|visa|sponsorship|security clearance)\b/.test(t)) category = 'authorization';
  else if (/\b(based in|located in|must live|relocat|commut|on-?site in|within \d+ (?:miles|km)|in (?:one of )?our offices?|hybrid policy|ability to travel|willing(?:ness)? to travel|travel (?:up to )?\d+%)\b/.test(t)) category = 'location';
  else if (years) category = 'years';
  else if (/\b(licen[cs]e[ds]?|certifi(?:ed|cation|cate)|registration|registered|chartered|accredit\w*|qts|cpa|acca|cfa|pmp|prince2|bls|acls|cscs)\b/.test(t)) category = 'certification';
  else if (DEGREE_RE.test(text) || /\b(degree|graduate|bachelor|master|phd|dipl[oô]me|brevet)\b/.test(t)) category = 'education';
  else if (/\b(fluent|fluency|native|bilingual|proficien\w* in (?:english|spanish|french|german|polish|mandarin)|in the (?:english|french|german|spanish) language)\b|^(?:languages?|langues?|sprachen)\s*:/.test(t)) category = 'language';
  else if (findSkills(text).length && !findSkills(text).every((k) => SOFT_SKILLS.has(k))) category = 'hard_skill';
  else if (findSkills(text).length || /\b(communicat|collaborat|team ?player|work in teams|interpersonal|empath|organi[sz]ed|attention to detail|self-starter|proactive|curious|adaptab|resilien|leadership|stakeholder|results-oriented|people management|sense of)\w*/.test(t)) category = 'soft_skill';
  // "Experience with debugging tools", "Knowledge of PLC/SCADA packages": a skill or tool the taxonomy lacks
  else if (/^(?:have |has )?(?:(?:hands-on |deep |solid |proven |strong )?(?:experience|expertise) (?:with|in|using|designing|writing|building|developing|operating)|(?:working )?knowledge of|proficien\w* (?:in|with)|familiar\w* with)\b/.test(t)) category = 'hard_skill';
  else category = 'other';
  let keywords = findSkills(text).filter((s) => !noise(s));
  if (!keywords.length && category !== 'authorization' && category !== 'years' && category !== 'location') keywords = contentTerms(text).filter((s) => !noise(s));
  return {
    id,
    text,
    kind,
    category,
    keywords: uniq(keywords),
    ...(years ? { minYears: Math.min(50, +years[1]!) } : {}),
  };
}

/** A few distinctive terms of a requirement when the taxonomy knows none: acronyms first (NIV, ILS), then content words. */
function contentTerms(text: string): string[] {
  const acronyms = [...text.matchAll(/\b([A-Z][A-Z0-9&]{1,5})\b/g)].map((m) => m[1]!).filter((a) => !/^(I|A|UK|US|EU|OR|AND|THE)$/.test(a) && !GENERIC.has(a.toLowerCase()) && !isStopWord(a.toLowerCase()));
  const ws = fold(text).split(' ').filter((w) => w.length > 3 && !isStopWord(w) && !/^\d/.test(w) && !GENERIC.has(w));
  return uniq([...acronyms.map((a) => canonicalSkill(a) ?? a), ...ws.map((w) => canonicalSkill(w) ?? w)]).slice(0, 4);
}

const GENERIC = new Set(['professional', 'relevant', 'related', 'equivalent', 'practical', 'similar', 'field', 'environment', 'fast', 'paced', 'background', 'proficiency', 'familiarity', 'hands', 'solid', 'sound', 'good', 'excellent', 'outstanding', 'exceptional', 'ideally', 'preferably', 'someone', 'people', 'things', 'sector', 'industry', 'role', 'roles', 'company', 'across', 'within', 'working', 'building', 'deliver', 'delivering', 'current', 'currently', 'certification', 'certificate', 'certified', 'licence', 'license', 'degree', 'subject', 'discipline', 'qualification', 'qualified', 'involvement', 'involved', 'managing', 'charge', 'caring', 'least', 'minimum', 'confident', 'comfortable', 'desire', 'passion', 'passionate', 'willingness', 'willing', 'clear', 'written', 'verbal', 'plus', 'bonus', 'area', 'areas', 'measurable', 'outcomes', 'track', 'record', 'design', 'designing', 'system', 'systems', 'service', 'services', 'application', 'applications', 'solution', 'solutions', 'tool', 'tools', 'tooling', 'platform', 'platforms', 'process', 'processes', 'approach', 'pragmatic', 'regulated', 'framework', 'frameworks', 'similar', 'major', 'production', 'knowledge', 'working', 'deep', 'strong', 'proven', 'hands-on', 'etc',
  // words of process, pay and praise that a posting repeats and no CV proves
  'please', 'reference', 'subtitle', 'usd', 'eur', 'gbp', 'note', 'respect', 'technical', 'mastery', 'thrive', 'bring', 'kind', 'optimistic', 'youll', 'youre', 'weve', 'were', 'theyll', 'scientists', 'inferences', 'policy', 'requires', 'waiting', 'period', 'posting', 'apply', 'applying', 'candidates', 'applicants', 'opportunity', 'exciting', 'amazing', 'great', 'love', 'enjoy', 'want', 'like', 'need', 'needs', 'able', 'ability', 'abilities', 'highly', 'ideal', 'interest', 'interested', 'passionate', 'team', 'teams', 'member', 'members', 'world', 'mission', 'future', 'help', 'helping', 'make', 'making', 'things', 'thing', 'really', 'truly', 'every', 'always', 'preferred', 'required', 'must', 'strong', 'demonstrated', 'understanding', 'familiar', 'experience', 'experienced', 'years', 'year', 'well', 'comfort', 'operate', 'ambiguity', 'self', 'motivated', 'driven', 'growth', 'mindset', 'values', 'value', 'culture', 'humble', 'towards', 'bias', 'impact', 'tant', 'first', 'training', 'require', 'education', 'expect', 'staff', 'currently', 'votre', 'vous', 'nous', 'curiosity', 'ownership', 'excellence']);

function normalizeTitle(title: string): string {
  return title
    .replace(/\(.*?\)/g, ' ')
    .replace(/\b(sr|snr)\.?\b/gi, 'Senior')
    .replace(/\b(jr|jnr)\.?\b/gi, 'Junior')
    .replace(/\s*[-–—|,].*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function seniorityOf(title: string, reqs: Requirement[]): ParsedJob['seniority'] {
  const t = title.toLowerCase();
  if (/\bintern(ship)?\b/.test(t)) return 'intern';
  if (/\b(chief|vp|vice president|director|head of)\b/.test(t)) return 'executive';
  if (/\bprincipal\b/.test(t)) return 'principal';
  if (/\b(lead|staff|manager)\b/.test(t)) return 'lead';
  if (/\b(senior|sr\.?)\b/.test(t)) return 'senior';
  if (/\b(junior|jr\.?|graduate|entry|trainee|apprentice)\b/.test(t)) return 'junior';
  const years = Math.max(0, ...reqs.map((r) => r.minYears ?? 0));
  if (years >= 5) return 'senior';
  if (years >= 2) return 'mid';
  return years > 0 ? 'junior' : 'unknown';
}
