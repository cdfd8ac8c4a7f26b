import { fold } from './text';
import type { SectionKey } from '../schema/cv';

/** Heading words per section, folded. "other" sections are kept out of the Cv but never break parsing. */
export const SECTION_HEADINGS: Record<SectionKey | 'other', string[]> = {
  summary: ['summary', 'profile', 'about', 'about me', 'professional summary', 'personal statement', 'career summary', 'objective', 'career objective', 'personal profile', 'overview', 'professional profile'],
  work: ['experience', 'work', 'work experience', 'professional experience', 'employment', 'employment history', 'work history', 'career history', 'relevant experience', 'career', 'clinical experience', 'teaching experience', 'positions held', 'professional background', 'experiences', 'work experiences', 'leadership experience', 'research experience', 'internships', 'internship experience', 'leadership and activities', 'leadership & activities', 'employment experience'],
  volunteer: ['volunteering', 'volunteer', 'volunteer experience', 'volunteer work', 'community involvement', 'community'],
  education: ['education', 'education and training', 'academic background', 'qualifications', 'academic qualifications', 'education & training', 'training and education'],
  awards: ['awards', 'honours', 'honors', 'awards and honours', 'awards & honours', 'awards and honors', 'honors and awards', 'honours and awards', 'honors & awards', 'awards & honors', 'scholarships', 'scholarships and awards', 'achievements', 'recognition'],
  certificates: ['certifications', 'certificates', 'certification', 'licences', 'licenses', 'licences and certifications', 'licenses and certifications', 'licences & certifications', 'licenses & certifications', 'certifications and licences', 'certifications & licences', 'certifications and licenses', 'professional registration', 'registrations', 'licences and training', 'licenses and training', 'training', 'courses', 'certifications and training', 'training and certifications', 'professional development', 'professional qualifications', 'continuing professional development', 'cpd'],
  publications: ['publications', 'papers', 'selected publications', 'talks and publications'],
  skills: ['skills', 'technical skills', 'core skills', 'key skills', 'core competencies', 'competencies', 'skills and tools', 'tools', 'technologies', 'areas of expertise', 'expertise', 'skills & tools', 'tools & technologies', 'tools and technologies', 'professional skills', 'clinical skills', 'software', 'personal skills', 'personal skills and competences', 'skills and competences', 'competences', 'skills and competencies'],
  languages: ['languages', 'language skills', 'spoken languages'],
  interests: ['interests', 'hobbies', 'hobbies and interests', 'personal interests'],
  references: ['references', 'referees'],
  projects: ['projects', 'selected projects', 'personal projects', 'key projects', 'side projects', 'portfolio', 'open source', 'notable projects', 'project', 'academic projects', 'research projects', 'project experience'],
  other: ['additional information', 'additional', 'activities', 'links', 'coursework', 'relevant coursework', 'extracurricular activities', 'memberships', 'professional memberships', 'affiliations'],
};

const HEADING_INDEX = new Map<string, SectionKey | 'other'>();
for (const [key, names] of Object.entries(SECTION_HEADINGS)) for (const n of names) HEADING_INDEX.set(fold(n), key as SectionKey | 'other');

/** Headings a CV writer qualified ("Kitchen Experience", "Relevant Projects", "Technical Skills & Tools"): by their last words. */
const HEADING_SUFFIXES: [RegExp, SectionKey][] = [
  [/\bvolunteer(ing)?( experience| work)?$/, 'volunteer'],
  [/\b(experiences?|employment|employment history|work history|career history|positions)$/, 'work'],
  [/\b(education|qualifications|academic background)$/, 'education'],
  [/\b(skills|competencies|expertise|skills and tools|tools and technologies)$/, 'skills'],
  [/\bprojects?$/, 'projects'],
  [/\b(certifications|certificates|licences|licenses|registrations)$/, 'certificates'],
  [/\b(awards|honours|honors|achievements)$/, 'awards'],
  [/\bpublications$/, 'publications'],
  [/\blanguages$/, 'languages'],
];

/** Section of a heading line, if the line is one ("## Experience", "WORK EXPERIENCE", "Skills:"). */
export function headingSection(line: string): SectionKey | 'other' | undefined {
  const t = line.trim().replace(/^#{1,6}\s*/, '').replace(/^[*_]+|[*_]+$/g, '').replace(/[:：]\s*$/, '').trim();
  if (!t || t.length > 48) return undefined;
  const f = fold(t).replace(/&/g, 'and').replace(/\band and\b/, 'and');
  const exact = HEADING_INDEX.get(f) ?? HEADING_INDEX.get(fold(t));
  if (exact) return exact;
  // a short qualified heading, capitalised like a heading and holding no dates or sentence punctuation
  // every word capitalised (or the whole line in capitals), so "Patient and family education" stays a skill
  const words = t.split(/\s+/);
  const headingCase = t === t.toUpperCase() || words.every((w) => /^[\p{Lu}&]/u.test(w) || /^(and|of|for|the|in|&)$/.test(w));
  if (words.length > 4 || /\d|[,.;|]/.test(t) || !headingCase) return undefined;
  // a degree's distinction ("Highest Honors", "First Class Honours") under an education entry, not a heading
  if (/^(?:highest|high|with|first class|second class|upper second|departmental|university|general) hono(?:u)?rs$/.test(f)) return undefined;
  for (const [re, key] of HEADING_SUFFIXES) if (re.test(f)) return key;
  return undefined;
}

export const TITLE_WORDS = new Set(
  ('engineer developer programmer architect manager director lead head chief officer analyst scientist designer consultant ' +
    'specialist coordinator administrator assistant associate representative executive intern trainee apprentice graduate ' +
    'nurse sister midwife practitioner physician doctor therapist pharmacist paramedic carer technician technologist ' +
    'teacher tutor lecturer instructor professor educator headteacher principal teaching ' +
    'accountant controller auditor bookkeeper treasurer actuary underwriter banker trader advisor adviser planner ' +
    'recruiter partner generalist buyer merchandiser supervisor operator driver clerk agent marketer strategist ' +
    'editor writer copywriter producer researcher owner founder cofounder co-founder president vp ceo cto cfo coo ' +
    'surveyor estimator inspector foreman superintendent dispatcher controller scheduler expert owner steward receptionist ' +
    'sde swe devops sre qa tester chef cook commis sous partie baker barista bartender waiter waitress housekeeper porter ' +
    'electrician plumber carpenter mechanic welder attendant cashier teller nanny pharmacist dentist hygienist radiographer')
    .split(' '),
);

export const COMPANY_WORDS = new Set(
  ('ltd limited inc incorporated llc llp plc gmbh ag sa sas srl bv nv corp corporation co company group holdings ' +
    'hospital trust nhs clinic health healthcare infirmary care school academy college university institute council ' +
    'bank capital partners solutions systems technologies technology labs lab logistics consulting consultants agency ' +
    'studio studios media foundation charity services industries international global network networks software ' +
    'retail foods pharma pharmaceuticals ventures associates authority department ministry office board ' +
    'center centre medical hospitals kitchen restaurant hotel cafe bistro brasserie analytics outfitters stores chemist pharmacy')
    .split(' '),
);

export const DEGREE_RE =
  /\b(BTEC(?: Level \d)?(?: Extended| National| Subsidiary)*(?: Diploma| Certificate)?|Level \d (?:Extended )?(?:Diploma|Certificate)|Associate of (?:Applied )?(?:Arts|Sciences?|Business|Nursing|Engineering|General Studies)|Pg ?Cert|PGCert|Pg ?Dip|MPharm|PharmD|BPharm|MBBS|BSN|MSN|DNP|Fd(?:Sc|A)|M\.?Des|B\.?Des|MFA|BFA|B\.?B\.?A|Ph\.?\s?D|D\.?Phil|Doctorate|M\.?B\.?A|M\.?Sc|M\.?S|M\.?A|M\.?Eng|M\.?Ed|M\.?Res|M\.?Phil|LL\.?M|LL\.?B|B\.?Sc|B\.?S|B\.?A|B\.?Eng|B\.?Ed|B\.?Com|B\.?N|BSN|ADN|B\.?Des|B\.?F\.?A|Bachelor(?:['’]s)?|Master(?:['’]s)?|Associate(?:['’]s)? Degree|Associate(?:['’]s)?(?= (?:in|of)\b)|Diploma|Higher National Diploma|HND|HNC|PGCE|PGDip|Postgraduate Diploma|Certificate|A[- ]Levels?|GCSEs?|High School Diploma|Abitur|Baccalaur[ée]at|Licence|Licenciatura|Laurea(?: Magistrale| Triennale| Specialistica)?|Ingeniero|Dipl\.?-?Ing\.?)\b\.?/i;

export const INSTITUTION_RE = /(?<![\p{L}])(University|Universit[äéàa]t?|Universidad|Universidade|Université|Uniwersytet|College|Institute|Instituto|Institut|School|Academy|Polytechnic|Politecnico|Politechnika|Hochschule|Conservatoire|Conservatory|ETH|MIT|UCL|LSE|KTH|TU)(?![\p{L}])/iu;

export function scoreTitle(part: string): number {
  const ws = fold(part).split(' ');
  let s = 0;
  ws.forEach((w, i) => {
    if (TITLE_WORDS.has(w)) s += i === ws.length - 1 ? 3 : 2;
  });
  if (/^(senior|junior|lead|principal|staff|head of|chief|assistant|associate)\b/i.test(part.trim())) s += 1;
  return s;
}

export function scoreCompany(part: string): number {
  const ws = fold(part).split(' ');
  let s = 0;
  for (const w of ws) if (COMPANY_WORDS.has(w)) s += 2;
  if (/[&]|\b[A-Z]{2,}\b/.test(part)) s += 0.5;
  return s;
}

/** Location-like: "Leeds", "Berlin, Germany", "Remote", "London, UK (Hybrid)". */
export function looksLikeLocation(part: string): boolean {
  const t = part.trim();
  if (/^(remote|hybrid|on-?site)\b/i.test(t)) return true;
  // a region code ("Detroit, MI") is not the capitals of a company name: only company words rule a place out
  if (scoreTitle(t) > 0 || fold(t).split(' ').some((w) => COMPANY_WORDS.has(w))) return false;
  if (/\d/.test(t)) return false;
  // "Bristol (United Kingdom)": Europass puts the country in brackets
  return /^[A-Z][\p{L}'.-]+(?:[ -][A-Z][\p{L}'.-]+)?(?: (?:in|on|upon|de|di|del|della|la|le|am|an|der|sur|en) [A-Z][\p{L}'.-]+)?(?:,\s*[A-Z][\p{L}'. -]+)?(?:\s*\((?:remote|hybrid|[A-Z][\p{L} .-]{1,30})\))?$/u.test(t) && t.length <= 50;
}
