/**
 * The parts of a job posting, line by line: what the company says about itself, what the job does, what it
 * requires (must and nice to have), what it pays and offers, what it values, and its process and legal lines.
 * Only requirements and responsibilities may yield requirements or keywords: a salary range, a perk, a value or an
 * EEO statement never does. Headings drive it; lines under no heading (or under the wrong one) are classified by
 * their own words (salary patterns, legal boilerplate, benefits vocabulary).
 */

export type PostingPart = 'about' | 'duties' | 'must' | 'nice' | 'benefits' | 'values' | 'legal' | 'process' | 'other';

export interface PostingLine {
  /** The line as written, bullets kept. */
  raw: string;
  /** The line without its bullet. */
  text: string;
  part: PostingPart;
  /** True when the line is a heading (never a requirement itself). */
  heading: boolean;
  bullet: boolean;
}

export const BULLET_RE = /^\s*(?:[•●◦▪■*–—-]|\d{1,2}[.)])\s+/;

/** Heading patterns, tried in order, on a heading's text without its markdown and trailing colon. */
const HEADINGS: [RegExp, PostingPart][] = [
  [/^(nice[- ]to[- ]haves?|preferred(?: qualifications| skills| experience)?|bonus(?: points)?|desirable(?: criteria| skills)?|pluses|it would be great if|would be a plus|extra credit|ideally,? you(?:'ll| would|'d|’d)? have|good to have|(?:it's|it is) a (?:plus|bonus) if|strong candidates may also have|even better if|points if you|additional (?:qualifications|skills)|atouts|un plus)\b/i, 'nice'],
  [/^(requirements|what you(?:'ll)? need|what we(?:'re| are) looking for|must[- ]haves?|minimum qualifications|basic qualifications|required (?:skills|qualifications|experience)|qualifications|essential(?: criteria| skills)?|about you|who you are|you have|you(?:'ll)? bring|skills (?:and|&) experience|your profile|the ideal candidate|person specification|key requirements|what you bring|experience (?:and|&) skills|skills required|you must have|who we(?:'re| are) looking for|(?:your )?recipe for success|you may be a good fit if|you(?:'ll)? thrive in this role if|you(?:'re| are) a (?:great|good) fit if|we(?:'re| are) looking for (?:someone|a person|people) who|to be successful|what (?:it|you) takes|(?:your )?skills|your experience|votre profil|profil recherch[ée]|comp[ée]tences(?: requises)?|anforderungen|ihr profil)\b/i, 'must'],
  [/^(physical demands|work environment|working conditions|equipment to be used|hours|schedule|location (?:&|and) reporting|other)\b/i, 'other'],
  [/^(what you(?:'ll)? do|what you will do|essential functions|(?:general (?:&|and) )?essential job expectations|position summary|(?:job )?description(?:\/job)?(?: summary)?|job summary|responsibilities|key responsibilities|the role|your role|duties|day[- ]to[- ]day|in this role|what the job involves|you will|main duties|what your day will look like|your (?:day|impact|mission)|what you(?:'ll)? work on|the job|mission|r[ôo]le|vos missions|ihre aufgaben)\b/i, 'duties'],
  [/^(benefits|what we offer|perks|why join|why you'll love|compensation|we offer|what's in it for you|rewards|salary|pay|total rewards|our benefits|company benefits|the good stuff|you(?:'ll)? love|supporting your well-?being|(?:annual )?salary(?: range)?|compensation base range|benefits (?:and|&) perks|perks (?:and|&) benefits|what you(?:'ll)? get|avantages|nous offrons)\b/i, 'benefits'],
  [/^(our values|values|our culture|culture|how we work|our principles|what we believe)\b/i, 'values'],
  [/^(eeo|equal (?:employment )?opportunit(?:y|ies)|diversity|accommodations?|privacy|legal|visa|sponsorship|e-verify)\b/i, 'legal'],
  [/^(how to apply|application process|the process|our (?:interview|hiring) process|interview process|next steps|logistics|please note|note|process)\b/i, 'process'],
  [/^(about (?:us|the company|the team|the job|the role)|about [A-Z][\w&. -]+$|who we are|our mission|company overview|the company|the team|our story)/i, 'about'],
];

const HEADING_RUN_ON = /^\s*(?:[-–—&,(/:]|(?:and|or|for|in|at|of|to|you|you'll|we|if|with|experience|may|will|should|on|this|our|the|statement|policy|notice|employer|information|details|overview|summary|packages?)\b)/i;

/**
 * Headings made only of qualification words, however a board combines them ("Required/Minimum Qualifications",
 * "Knowledge, Skills & Experience", "EDUCATION and/or EXPERIENCE", "Job Requirements"): must, or nice when they say
 * preferred.
 */
const QUALIFICATION_WORDS = new Set('knowledge skills skill abilities ability experience education qualifications qualification requirements requirement required minimum basic essential key job other your technical competencies criteria academic professional prior and or of the &'.split(' '));
const QUALIFICATION_CORE = /\b(knowledge|skills?|abilities|experience|education|qualifications?|requirements?|required|competencies|criteria)\b/;
const PREFERRED_WORDS = new Set(['preferred', 'desired', 'desirable', 'additional', 'nice', 'have', 'to', 'bonus']);
function qualificationHeading(core: string): PostingPart | undefined {
  const words = core.toLowerCase().split(/[\s,/]+/).filter(Boolean);
  if (!words.length || words.length > 7 || !QUALIFICATION_CORE.test(core.toLowerCase())) return undefined;
  if (!words.every((w) => QUALIFICATION_WORDS.has(w) || PREFERRED_WORDS.has(w))) return undefined;
  return words.some((w) => w === 'preferred' || w === 'desired' || w === 'desirable' || w === 'nice') ? 'nice' : 'must';
}

/** A lead-in line that announces a list of requirements ("Fellowship applicants must meet the following criteria:", "The successful candidate for this role will likely:"). */
const LEAD_IN_RE = /^(?:the )?(?:(?:successful|ideal|qualified) )?(?:candidates?|applicants?|fellowship applicants|students?)\b.{0,60}\b(?:must|should|will(?: likely)?|who)(?: meet the following(?: criteria| requirements)?| have| be| possess| bring)?$|\bwho$/i;

/** A heading's part, if the line is a heading. */
export function headingPart(raw: string): PostingPart | undefined {
  const t = raw.trim().replace(/^#{1,6}\s*/, '').replace(/\*\*/g, '').replace(BULLET_RE, '').replace(/[’‘]/g, "'").trim();
  const endsColon = /[:：]\s*$/.test(t);
  const core = t.replace(/[:：]\s*$/, '').trim();
  if (endsColon && !BULLET_RE.test(raw) && core.length <= 110 && LEAD_IN_RE.test(core)) return 'must';
  if (!core || core.length > 70) return undefined;
  // a label with its value ("Skills: Figma", "Location: Washington, DC") is a line, not a heading
  if (/[:：]\s*\S/.test(core)) return undefined;
  // a bullet is a heading only when it ends with a colon ("- Stack Technique :")
  if (BULLET_RE.test(raw) && !endsColon) return undefined;
  if (/[.!?]$/.test(core)) return undefined;
  // "About The Job" is the job's own description: duties rather than the company
  if (/^about (?:the|this) (?:job|role|position)$/i.test(core)) return 'duties';
  const q = qualificationHeading(core);
  if (q) return q;
  for (const [re, part] of HEADINGS) {
    const m = re.exec(core);
    // the heading words must make the whole line, or run on as a heading does ("Benefits & perks", "What you'll
    // do in this role"): "Skills Coach", "Benefits Administrator" and "Diversity Officer" are job titles
    if (m && (m[0].length === core.length || HEADING_RUN_ON.test(core.slice(m[0].length)))) return part;
  }
  return undefined;
}

/** Pay: a salary range, or pay words ("base pay", "compensation packages", "per annum", "401(k)"). */
const PAY_RANGE_RE = /[$£€¥]\s?\d[\d,.]*\s?[kKmM]?\s*(?:[-–—]|to)\s*[$£€¥]?\s?\d|\b\d[\d,.]*\s?[kK]?\s*(?:[-–—]|to)\s*\d[\d,.]*\s?[kK]?\s*(?:USD|EUR|GBP|CHF|CAD|AUD)\b/;
const PAY_WORDS_RE = /\b(salary|salaire|base pay|compensation (?:package|philosophy|range|details)|pay (?:range|band|scale|transparency)|per annum|total rewards|OTE|401\s?\(?k\)?)/i;
/** A bare amount ("$176,000 USD") on a short line. */
const AMOUNT_LINE_RE = /^[^a-z]*(?:[$£€¥]\s?\d[\d,.]*\s?[kKmM]?|\d[\d,.]*\s?(?:USD|EUR|GBP|CHF|CAD|AUD))\b[^a-z]*$/;
const PAY_RE = /(\bcompensation\b|\bequity\b|\bstock options?\b|\bper (?:year|hour)\b|\bbonus(?:es)?\b|\bpension\b)/i;
const REQUIREMENT_START_RE = /^(?:\d+\+?\s*(?:years?|yrs)|(?:proven |consistent |demonstrated |hands-on |solid |strong )?(?:experience|record|track record)|knowledge|proficien|familiar|understanding|degree|bachelor|master|ability|strong|solid|excellent|working knowledge)/i;
/** Words the employer says about the candidate, not about the offer. */
const ASKS_RE = /\b(must (?:be|have)|required to (?:locate|relocate|live|reside|be based)|(?:required|requires?) to pass|authori[sz]ed to work|right to work|eligible to work)\b/i;
/** Perks and benefits vocabulary. */
const PERK_RE = /\b(health(?:care)?,? dental|dental|vision insurance|medical (?:insurance|coverage)|insurance|paid time off|pto|holidays?|vacation|annual leave|holiday leave|parental leave|maternity|paternity|wellness|wellbeing stipend|stipend|allowance|gym|t[ée]l[ée]travail|formations? (?:et certifications? )?dispens[ée]es|formations certifiantes|mutuelle|free (?:lunch|meals|snacks)|commuter|learning (?:and|&) development budget|development budget|learning budget|employee assistance|sabbatical|remote[- ]first|flexible (?:hours|working)|work from home|home office|priority pass|recognition rewards|rewards)\b/i;
/** Legal boilerplate: EEO, visa, background checks, privacy, accommodation. */
const LEGAL_RE = /\b(equal (?:employment )?opportunit(?:y|ies)|affirmative action|without regard to|regardless of (?:race|their)|race,? colou?r|sexual orientation|gender identity|protected (?:veteran|characteristic|class)|veteran status|reasonable accommodations?|accommodations? for applicants|(?:request|need|requires) (?:an )?accommodation|e-verify|background check|criminal histor(?:y|ies)|privacy (?:policy|notice)|applicant privacy|we do sponsor|sponsor visas|visa sponsorship|sponsor(?:ship)? (?:visas?|is not available|is available)|will not sponsor|do not sponsor|unable to sponsor|fair chance|eeo)\b/i;
/** Process lines: how to apply, policy notes, recruiters, deadlines. */
const PROCESS_RE = /^(this policy (?:applies|governs)|please note|note:|to apply|apply (?:now|today|by|via)|please (?:reference|apply|submit|include|send|do not|note)|we (?:will|only) (?:only )?(?:respond|contact)|our policy requires|only shortlisted|closing date|recruitment agencies|#li-|postulez|nous ne r[ée]pondrons)|\b(waiting period|reference the job posting|job posting's subtitle|application (?:deadline|window)|deadline to apply|reviewed on a rolling basis|rolling basis|cover letter is optional|by applying to this position|must be submitted (?:to|through|via))\b/i;
/** Value statements: short capitalised slogans ("Own Your Practice", "Customer Obsessed"). */
const VALUE_LINE_RE = /^(?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|and|of|the|your|our|to|for|it|&)){1,5}[.!]?$/;

/** A line's own part, whatever heading it sits under: pay, perks, legal and process lines are never requirements. */
export function linePart(text: string): PostingPart | undefined {
  // "By applying to this position, you are required to locate in Taiwan" asks something of the candidate
  if (PROCESS_RE.test(text) && !ASKS_RE.test(text)) return 'process';
  // "Must be authorized to work in the US; we are unable to sponsor visas" asks something of the candidate
  if (LEGAL_RE.test(text) && !ASKS_RE.test(text)) return 'legal';
  // a paragraph about pay is pay, whatever else it names ("…job-related skills, experience…"); a short line
  // is pay unless it reads as a requirement ("Experience with compensation and benefits")
  const requirementLike = REQUIREMENT_START_RE.test(text) && text.length <= 160;
  if ((PAY_RANGE_RE.test(text) || PAY_WORDS_RE.test(text) || AMOUNT_LINE_RE.test(text)) && !requirementLike) return 'benefits';
  if (PAY_RE.test(text) && !requirementLike && !/\b(experience|knowledge|skills?)\b/i.test(text)) return 'benefits';
  if (PERK_RE.test(text) && !requirementLike && !/\b(experience (?:with|in)|knowledge of|proficien|familiar|years)\b/i.test(text)) return 'benefits';
  return undefined;
}

/** Splits a heading glued to the end of a sentence ("…Bridgeport, AL, USA.Minimum qualifications:"). */
function unglue(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const m = /^(.*[.!?])\s*([A-Z][^.!?]{2,60}[:：])\s*$/.exec(l);
    if (m && headingPart(m[2]!)) out.push(m[1]!, m[2]!);
    else out.push(l);
  }
  return out;
}

/** Every line of a posting with its part. */
export function classifyPosting(description: string): PostingLine[] {
  const lines = unglue(description.split('\n'));
  const out: PostingLine[] = [];
  let part: PostingPart = 'other';
  let sawBullet = false;
  let blankAfterBullet = false;
  for (const raw of lines) {
    const bullet = BULLET_RE.test(raw);
    const text = raw.replace(BULLET_RE, '').trim();
    const h = headingPart(raw);
    if (h) {
      part = h;
      sawBullet = false;
      blankAfterBullet = false;
      out.push({ raw, text, part: h, heading: true, bullet });
      continue;
    }
    if (!text) {
      if (sawBullet) blankAfterBullet = true;
      out.push({ raw, text, part, heading: false, bullet });
      continue;
    }
    // a prose paragraph after a block's bullets is the posting moving on ("Compensation packages at…",
    // an SEO paragraph), not one more requirement; prose-only blocks ("About you: You have…") stay
    // (a perks list ends the same way: "Skills: Figma" after a company's benefits is the job again)
    if ((part === 'must' || part === 'nice' || part === 'benefits') && !bullet && sawBullet && (text.length > 100 || blankAfterBullet) && !/[:：]\s*$/.test(text)) part = 'other';
    if (bullet) {
      sawBullet = true;
      blankAfterBullet = false;
    }
    // a sub-heading inside a block ("- Formation & Diplômes :", "Stack Technique :") keeps the block
    const subHeading = /[:：]\s*$/.test(text) && text.length <= 90;
    let own = linePart(text);
    // inside a requirements block a one-line slogan is not a value; outside one, "Own Your Practice" is
    if (!own && part !== 'must' && part !== 'nice' && part !== 'duties' && VALUE_LINE_RE.test(text) && !/[,:]/.test(text) && text.split(/\s+/).length <= 5) own = 'values';
    out.push({ raw, text, part: own ?? part, heading: subHeading, bullet });
  }
  return out;
}
