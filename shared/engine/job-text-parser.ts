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

const HARD_CONSTRAINT_RE = /\b(physical presence|hire for in-person|in-person (?:only|team|role)|driver'?s licen[cs]e|right to work|work authori[sz]ation|authori[sz]ed to work|eligible to work|security clearance|must be based|must live|must be located|commutable distance|driving licen[cs]e|must reside|on-?site (?:\d|in|at|five|four|three)|in (?:the )?office \d|in (?:one of )?our offices?|(?:require|requires|required)\b.{0,40}\b(?:degree|bachelor|master)|\d days? (?:a|per) week in (?:the|our) office)\b/i;
/** Words that make one line of a must-have list a nice-to-have ("… is a strong plus", "Degree preferred"); "ideally" inside a line only qualifies part of it. */
const NICE_WORDS_RE = /^(?:ideally|preferably)\b|\b(?:a (?:strong |big |huge |real )?plus|bonus|nice to have|desirable|an advantage|advantageous|not required|would be great|would be ideal|desired|encouraged to apply|atout)\b|\bpreferred\W*$/i;

/**
 * A sentence of the posting's prose that asks something of the candidate, wherever it sits ("The ideal candidate will
 * have…", "Qualified candidates should have…", "Candidates must…", "We require…", "…is preferred", "This position
 * requires…", "seeking a … with a minimum of 8 years of experience"): law firms and many careers pages write their
 * requirements so, under no requirements heading.
 */
const ASKING_SENTENCE_RE = new RegExp(
  [
    String.raw`\b(?:the )?(?:ideal|successful|qualified) (?:candidates?|applicants?)\b.{0,40}\b(?:will|should|must|would) (?:have|possess|be|bring)\b`,
    String.raw`\bthe candidate (?:(?:should|must) (?:have|be|possess)|will (?:have|possess|bring))\b`,
    String.raw`\b(?:candidates?|applicants?|students?) (?:must|should) (?:have|be|possess|demonstrate)\b(?! submitted)`,
    String.raw`\bwe seek (?:students|candidates|people|individuals|lawyers|attorneys) (?:who|with)\b`,
    String.raw`\bclass(?:es)? of (?:19|20)\d\d\b`,
    String.raw`\b(?:candidates?|applicants?) (?:with|licensed|who)\b.{0,80}\bencouraged to apply\b`,
    String.raw`\bwe (?:require|are looking for (?:a candidate|someone|candidates?) with)\b`,
    String.raw`\b(?:is|are) (?:required|essential|mandatory|preferred|desired|desirable|a (?:big |strong |huge )?plus)\b(?! only)`,
    String.raw`\b(?:this |the )(?:position|role|job) (?:requires|will require)\b`,
    String.raw`\brole requires\b`,
    String.raw`^must (?:be|have)\b`,
    String.raw`\b(?:seek(?:s|ing)?|looking for|hire)\b.{0,80}\b(?:with|have)\b.{0,30}\b(?:\d{1,2}\+?|one|two|three|four|five|six|seven|eight|nine|ten)(?: \(\d+\))?(?:\s*(?:to|-|–)\s*(?:\d{1,2}\+?|\w+)(?: \(\d+\))?)? years?\b`,
    String.raw`\b(?:seek(?:s|ing)?|hire) an? (?:first|second|third|fourth|fifth|sixth|seventh|eighth)(?: or \w+)?[- ]year\b`,
    String.raw`^location:.*\bcandidates will be considered\b`,
  ].join('|'),
  'i',
);

export function parseJob(job: JobPosting): ParsedJob {
  const lines = classifyPosting(normalizeText(job.description));
  const reqs: Requirement[] = [];
  const dutyText: string[] = [];
  const noise = noiseTerms(job, lines.filter((l) => l.part === 'must' || l.part === 'nice').map((l) => l.text).join('\n'));
  const add = (text: string, kind: 'must' | 'nice') => {
    const t = text.replace(BULLET_RE, '').trim();
    if (t.length < 3 || /[:：]$/.test(t) || linePart(t)) return;
    // "(construction loan experience preferred but not required)" qualifies an aside, not the whole line
    const k = kind === 'must' && NICE_WORDS_RE.test(t.replace(/\([^)]*\)/g, ' ')) ? 'nice' : kind;
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
      // "- OR equivalent experience." under a bullet finishes that bullet's sentence
      if (l.bullet && pending && /^(?:or|and)\b/i.test(l.text)) {
        pending.text += ` ${l.text}`;
      } else if (l.bullet) {
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
      // "Skills: Figma": a label listing what the job asks
      if (/^(?:required )?skills?\s*[:：]\s*\S/i.test(l.text)) add(l.text, 'must');
      else for (const s of sentences(l.text)) if ((HARD_CONSTRAINT_RE.test(s) || (l.part !== 'process' && ASKING_SENTENCE_RE.test(s))) && !linePart(s)) add(s, 'must');
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

/** Sentences of a prose line; "U.S. Department", "e.g. Power BI" and "Ph.D. Biology" do not end one. */
function sentences(text: string): string[] {
  return text.split(/(?<!\b(?:[A-Z]|[A-Z][a-z]|e\.g|i\.e|Inc|Ltd|Mr|Ms|Mrs|Dr|St|No)\.)(?<=[.!?])\s+(?=[A-Z])/).map((s) => s.trim()).filter((s) => s.length > 2);
}

/** Taxonomy entries that are ways of working, not tools: a requirement naming only these is a soft skill. */
const SOFT_SKILLS = new Set(['Communication', 'Leadership', 'Mentoring', 'Stakeholder management', 'Problem solving', 'Negotiation', 'Customer service']);

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15 };
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8 };
const COUNT = String.raw`(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)(?:\s*\(\d{1,2}\))?`;
/** "5+ years", "three to six years", "three (3) to eight (8) years", "Two (2)+ years", "Eight years experience". */
const YEARS_RE = new RegExp(String.raw`\b${COUNT}\s*\+?\s*(?:(?:to|-|–)\s*(?:\d{1,2}|[a-z]+)(?:\s*\(\d{1,2}\))?\s*\+?\s*)?(?:or more\s+)?(?:years?|yrs)\b`, 'i');
/** Law firms count experience in class years: "a third or fourth year associate". */
const CLASS_YEAR_RE = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth)(?: or \w+)?[- ]year (?:associate|attorney|lawyer)|\bclass(?:es)? of (?:19|20)\d\d\b/i;
/** Bar admission and practice registration are licences. */
const BAR_RE = /\b(admitted to (?:practice|the [\w ]{0,20}\bbar)|admission to (?:the )?[\w ]{0,30}\bbar\b|bar (?:admission|membership|eligibility)|member(?:ship)? (?:of|to|in) the [\w ]{0,30}\bbar\b|patent bar|registered to practice before|licensed to practice|driver'?s licen[cs]e|driving licen[cs]e)/i;
const SCHOOL_RE = /\b((?<!high |some |certain )degree|bachelor|master|masters|ph\.?\s?d|doctorate|diploma|college|university|law school|high school|graduate of)\b/i;
const LANGUAGE_RE = /\b(english|french|dutch|german|spanish|italian|portuguese|japanese|chinese|mandarin|cantonese|korean|arabic|hindi|polish|russian)\b/i;
const SOFT_RE = /\b(communicat|collaborat|team ?player|work in teams|interpersonal|empath|organi[sz](?:ed|ational|ation|ing)|attention to detail|detail[- ]oriented|self-?start|self-?motivat|proactive|curious|curiosity|adaptab|resilien|leadership|stakeholder|results-oriented|people management|sense of|judge?ment|initiative|under pressure|time management|prioriti|multi-?task|multiple (?:tasks|priorities)|deadlines|analytical|problem[- ]solving|independent|work alone|without (?:constant )?supervision|ambigu|uncertain|presence|awareness|big picture|creativ|innovative|poised|mature|flexib|composure|integrity|confidentiality|conscientious|dedication|driven|passion|mindset|think|writing skills|research and writing|manage (?:people|multiple)|motivate|serving others|customer focus|client service|learning|up-to-date|accomplished|acumen|spirit|responsibility|approachable|friendly|academic (?:credentials|record))\w*/i;

export function makeRequirement(id: string, text: string, kind: 'must' | 'nice', noise: (term: string) => boolean = () => false): Requirement {
  const years = YEARS_RE.exec(text);
  const classYear = CLASS_YEAR_RE.exec(text);
  const minYears = years ? (NUMBER_WORDS[years[1]!.toLowerCase()] ?? +years[1]!) : classYear?.[1] ? ORDINALS[classYear[1].toLowerCase()] : undefined;
  const school = SCHOOL_RE.exec(text);
  // "MS Office", "MS Project": Microsoft, not a Master of Science
  const degreeText = text.replace(/\bMS(?= (?:Office|Project|Word|Excel|Visio|Access|Teams|Outlook|PowerPoint|SQL)\b)/g, 'Microsoft');
  const t = text.toLowerCase();
  const skills = findSkills(text);
  let category: Requirement['category'];
  if (/\b(right to work|authori[sz]ed to work|work authori[sz]ation|eligible to work|visa|sponsorship|security (?:clearance|screening)|background check|us citizen)\b/.test(t)) category = 'authorization';
  else if (/\b(based in|located in|must live|relocat|commut|on-?site in|within \d+ (?:miles|km)|in (?:one of )?our offices?|hybrid policy|ability to travel|willing(?:ness)? to travel|travel (?:up to )?\d+%|in-person (?:team|role|position|only|work)|hire for in-person|physical presence|(?:locate|reside) in|work from the \w+ office|candidates will be considered)\b/.test(t) || /^location\s*:/.test(t)) category = 'location';
  else if (BAR_RE.test(text)) category = 'certification';
  // a degree named before the years ("Bachelor's degree AND 2+ years") is the degree requirement; years first ("8+ years…, with a Bachelor's") is the years one
  else if (school && (!years || school.index < years.index)) category = 'education';
  else if (years || classYear) category = 'years';
  else if (/\b(fluent|fluency|native|bilingual|foreign language|language skills)\b|^(?:languages?|langues?|sprachen)\s*:/.test(t) || (LANGUAGE_RE.test(text) && /\b(proficien|fluen|good|communicat|speak|spoken|written|read)\w*/i.test(text))) category = 'language';
  else if (/\b(licen[cs]e[ds]?|certifi(?:ed|cations?|cates?)|registration|registered|chartered|accredit\w*|qts|cpa|acca|cfa|pmp|prince2|bls|acls|cscs|capm)\b/.test(t)) category = 'certification';
  else if (DEGREE_RE.test(degreeText) || /\b((?<!high |some |certain )degree|graduate|bachelor|master|phd|dipl[oô]me|brevet)\b/.test(t)) category = 'education';
  else if (skills.length && !skills.every((k) => SOFT_SKILLS.has(k))) category = 'hard_skill';
  else if (skills.length || SOFT_RE.test(t)) category = 'soft_skill';
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
    ...(minYears !== undefined && Number.isFinite(minYears) ? { minYears: Math.min(50, minYears) } : {}),
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
