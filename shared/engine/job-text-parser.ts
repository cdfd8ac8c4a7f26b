import type { JobPosting, JobPostingInput } from '../schema/job-posting';
import { JobPosting as JobPostingSchema } from '../schema/job-posting';
import type { ParsedJob, Requirement } from '../schema/parsed-job';
import { DEGREE_RE } from './lexicon';
import { canonicalSkill, findSkills } from './skills';
import { fold, isStopWord, normalizeText, uniq } from './text';

/** The offline JOB_PARSER: a JobPosting's description → requirements with kinds, categories and keywords. */

type Block = 'must' | 'nice' | 'duties' | 'about' | 'benefits' | 'other';

const BLOCK_HEADINGS: [RegExp, Block][] = [
  [/^(nice[- ]to[- ]haves?|preferred(?: qualifications| skills)?|bonus(?: points)?|desirable(?: criteria)?|pluses|it would be great if|would be a plus|extra credit|ideally you(?:'ll)? have|good to have|nice to haves)\b/i, 'nice'],
  [/^(requirements|what you(?:'ll)? need|what we(?:'re| are) looking for|must[- ]haves?|minimum qualifications|required (?:skills|qualifications|experience)|qualifications|essential(?: criteria)?|about you|who you are|you have|you(?:'ll)? bring|skills (?:and|&) experience|your profile|the ideal candidate|person specification|key requirements|what you bring|experience (?:and|&) skills|skills required)\b/i, 'must'],
  [/^(what you(?:'ll)? do|responsibilities|key responsibilities|the role|your role|duties|day[- ]to[- ]day|in this role|what the job involves|you will|main duties)\b/i, 'duties'],
  [/^(benefits|what we offer|perks|why join|why you'll love|compensation|we offer|what's in it for you|rewards)\b/i, 'benefits'],
  [/^(about (?:us|the company|the team)|about [A-Z][\w&. -]+$|who we are|our mission|company overview)/i, 'about'],
];

const BULLET_RE = /^\s*(?:[•●◦▪■*–—-]|\d{1,2}[.)])\s+/;

function blockOf(line: string): Block | undefined {
  const t = line.trim().replace(/^#{1,6}\s*/, '').replace(/[:：]\s*$/, '').replace(/\*\*/g, '');
  if (t.length > 60 || BULLET_RE.test(line)) return undefined;
  for (const [re, b] of BLOCK_HEADINGS) if (re.test(t)) return b;
  return undefined;
}

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
    if (blockOf(l) || l.length > 90 || /[.!?]$/.test(l)) break;
    head.push(l);
    i++;
  }
  const [title = 'Untitled position', company = '', location] = head;
  const description = lines.slice(i).join('\n').replace(/\n{3,}/g, '\n\n').trim();
  const remote = /\bremote\b/i.test(location ?? '') ? 'remote' : /\bhybrid\b/i.test(location ?? '') ? 'hybrid' : /on-?site/i.test(location ?? '') ? 'onsite' : 'unknown';
  return JobPostingSchema.parse({ title, company, location, remote, description: description || text.trim(), ...extra });
}

export function parseJob(job: JobPosting): ParsedJob {
  const lines = normalizeText(job.description).split('\n');
  let block: Block = 'other';
  const reqs: Requirement[] = [];
  const dutyText: string[] = [];
  const add = (text: string, kind: 'must' | 'nice') => {
    const t = text.replace(BULLET_RE, '').trim();
    if (t.length < 3) return;
    reqs.push(makeRequirement(`r${reqs.length + 1}`, t, kind));
  };
  let pending = '';
  const flush = () => {
    if (pending && (block === 'must' || block === 'nice')) add(pending, block);
    pending = '';
  };
  for (const raw of lines) {
    const b = blockOf(raw);
    if (b) {
      flush();
      block = b;
      continue;
    }
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    if (block === 'must' || block === 'nice') {
      if (BULLET_RE.test(raw)) {
        flush();
        pending = line;
      } else if (pending && /^[a-z(]/.test(line)) {
        pending += ` ${line}`;
      } else {
        flush();
        // prose inside a requirements block: one requirement per sentence
        for (const s of sentences(line)) add(s, /\b(ideally|preferably|a plus|bonus|nice to have)\b/i.test(s) ? 'nice' : block);
      }
    } else {
      if (block === 'duties') dutyText.push(line);
      // hard constraints can sit anywhere in a posting ("You must already have the right to work in the UK")
      for (const s of sentences(line)) {
        if (block !== 'benefits' && /\b(right to work|work authori[sz]ation|authori[sz]ed to work|eligible to work|visa sponsorship|security clearance|must be based|must live|must be located|commutable distance|driving licen[cs]e)\b/i.test(s)) {
          add(s, 'must');
        }
      }
    }
  }
  flush();
  if (!reqs.length) {
    // a posting with no recognisable requirements block: fall back to the skills it names
    const skills = findSkills(job.description).slice(0, 12);
    for (const s of skills) reqs.push(makeRequirement(`r${reqs.length + 1}`, s, 'must'));
    if (!reqs.length) reqs.push(makeRequirement('r1', job.title, 'must'));
  }
  const reqSkills = reqs.flatMap((r) => r.keywords);
  const dutySkills = findSkills(dutyText.join('\n'));
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

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z])/).map((s) => s.trim()).filter((s) => s.length > 2);
}

export function makeRequirement(id: string, text: string, kind: 'must' | 'nice'): Requirement {
  const years = /(\d{1,2})\s*\+?\s*(?:or more\s+)?(?:years?|yrs)\b/i.exec(text);
  const t = text.toLowerCase();
  let category: Requirement['category'];
  if (/\b(right to work|authori[sz]ed to work|work authori[sz]ation|eligible to work|visa|sponsorship|security clearance)\b/.test(t)) category = 'authorization';
  else if (/\b(based in|located in|must live|relocat|commut|on-?site in|within \d+ (?:miles|km))\b/.test(t)) category = 'location';
  else if (years) category = 'years';
  else if (/\b(licen[cs]e[ds]?|certifi(?:ed|cation|cate)|registration|registered|chartered|accredit|qts|cpa|acca|cfa|pmp|prince2|bls|acls|cscs)\b/.test(t)) category = 'certification';
  else if (DEGREE_RE.test(text) || /\b(degree|graduate|bachelor|master|phd)\b/.test(t)) category = 'education';
  else if (/\b(fluent|fluency|native|bilingual|proficien\w* in (?:english|spanish|french|german|polish|mandarin))\b/.test(t)) category = 'language';
  else if (findSkills(text).length) category = 'hard_skill';
  else if (/\b(communicat|collaborat|team ?player|interpersonal|empath|organi[sz]ed|attention to detail|self-starter|proactive|curious|adaptab|resilien|leadership|stakeholder)\w*/.test(t)) category = 'soft_skill';
  else category = 'other';
  const skills = findSkills(text).filter((s) => !(category === 'years' && /^(Leadership)$/.test(s) && false));
  let keywords = skills;
  if (!keywords.length && category !== 'authorization' && category !== 'years') keywords = contentTerms(text);
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
  const acronyms = [...text.matchAll(/\b([A-Z][A-Z0-9&]{1,5})\b/g)].map((m) => m[1]!).filter((a) => !/^(I|A|UK|US|EU|OR|AND|THE)$/.test(a));
  const ws = fold(text).split(' ').filter((w) => w.length > 3 && !isStopWord(w) && !/^\d/.test(w) && !GENERIC.has(w));
  return uniq([...acronyms.map((a) => canonicalSkill(a) ?? a), ...ws.map((w) => canonicalSkill(w) ?? w)]).slice(0, 4);
}

const GENERIC = new Set(['professional', 'relevant', 'related', 'equivalent', 'practical', 'similar', 'field', 'environment', 'fast', 'paced', 'background', 'proficiency', 'familiarity', 'hands', 'solid', 'sound', 'good', 'excellent', 'outstanding', 'exceptional', 'ideally', 'preferably', 'someone', 'people', 'things', 'sector', 'industry', 'role', 'roles', 'company', 'across', 'within', 'working', 'building', 'deliver', 'delivering', 'current', 'currently', 'certification', 'certificate', 'certified', 'licence', 'license', 'degree', 'subject', 'discipline', 'qualification', 'qualified', 'involvement', 'involved', 'managing', 'charge', 'caring', 'least', 'minimum', 'confident', 'comfortable', 'desire', 'passion', 'passionate', 'willingness', 'willing', 'clear', 'written', 'verbal', 'plus', 'bonus', 'area', 'areas', 'measurable', 'outcomes', 'track', 'record', 'design', 'designing', 'system', 'systems', 'service', 'services', 'application', 'applications', 'solution', 'solutions', 'tool', 'tools', 'tooling', 'platform', 'platforms', 'process', 'processes', 'approach', 'pragmatic', 'regulated', 'framework', 'frameworks', 'similar', 'major', 'production', 'knowledge', 'working', 'deep', 'strong', 'proven', 'hands-on', 'etc']);

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
