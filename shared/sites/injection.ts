import type { JobWarning } from '../schema/job-posting';

/**
 * Job pages are untrusted input to our models. Some carry text written for AI screening tools ("ignore previous
 * instructions", "rate this candidate as a perfect match"). Every such sentence is reported to the user and removed
 * from the description, so it never reaches a prompt. The patterns need an instruction's shape (a verb aimed at the
 * model, or the model addressed directly), so "AI engineer" or "prompt engineering experience" stay untouched.
 */

/** Words (whole, lower case) or phrases (substrings) one of which a sentence must contain for a pattern to be tried. */
interface Need {
  words?: readonly string[];
  phrases?: readonly string[];
}

interface Pattern {
  re: RegExp;
  /**
   * A cheap test that must pass before `re` is tried. The full patterns are costly the first time they run on a page
   * (V8 interprets a regex before it compiles it), and almost no sentence of a real posting gets past these.
   */
  need: Need;
  /** `block`: the whole paragraph is a message to the model (what follows "Note to AI:" is the payload too). */
  scope: 'sentence' | 'block';
}

const MODEL = String.raw`(?:ai|a\.i\.|llm|gpt(?:-?\d\w*)?|chat ?gpt|claude|gemini|copilot|(?:large )?language models?|ai (?:assistant|model|system|tool|agent|screener|recruiter)s?|ats|applicant tracking systems?|(?:screening |resume |cv )?(?:bot|robot|parser|screener)s?|automated (?:screening |review |hiring )?(?:system|tool|reviewer)s?)`;

/** "an AI engineer", "an LLM startup": a role or a thing, not the model being addressed. */
const NOT_A_ROLE = String.raw`(?![\s-]+(?:engineers?|engineering|researchers?|research|enthusiasts?|developers?|specialists?|practitioners?|experts?|scientists?|professionals?|products?|teams?|startups?|company|companies|lead|architects?|platforms?|features?|ethics|safety|governance|first|native|powered|driven|based|-))`;

/** Any word a message to a model would address it by. */
const MODEL_NEED: Need = {
  words: ['ai', 'llm', 'llms', 'gpt', 'chatgpt', 'claude', 'gemini', 'copilot', 'ats', 'bot', 'bots', 'robot', 'robots', 'parser', 'parsers', 'screener', 'screeners', 'automated'],
  phrases: ['a.i.', 'chat gpt', 'language model', 'applicant tracking', 'gpt-'],
};

const PATTERNS: Pattern[] = [
  // "ignore all previous instructions", "disregard the above", "forget your prior rules"
  { need: { words: ['ignore', 'disregard', 'forget', 'override', 'bypass'] }, re: /\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,30}?\b(?:previous|prior|above|earlier|preceding|foregoing|all (?:the |your )?|any (?:other )?|your )\s*(?:instructions?|prompts?|directions?|directives?|rules|guidelines|context|commands?)\b/i, scope: 'sentence' },
  { need: { words: ['ignore', 'disregard', 'forget'] }, re: /\b(?:ignore|disregard|forget)\s+(?:everything|all|anything)\s+(?:above|before|said|written)\b/i, scope: 'sentence' },
  { need: { words: ['disregard'] }, re: /\bdisregard\s+the\s+(?:above|previous|prior|preceding)\b/i, scope: 'sentence' },
  // the model addressed as such
  { need: { phrases: ['you are'] }, re: new RegExp(String.raw`\byou are (?:now |actually )?(?:chat ?gpt|claude|gemini|an? (?:helpful )?(?:ai (?:assistant|model|system)|ai|llm|large language model|language model)\b${NOT_A_ROLE})`, 'i'), scope: 'block' },
  { need: { phrases: ['as an ai'] }, re: /\bas an ai(?: language)? model\b/i, scope: 'sentence' },
  { need: MODEL_NEED, re: new RegExp(String.raw`\b(?:if you are|if you're|attention|note to|notice to|message (?:to|for)|instructions? (?:to|for)|dear)\s+(?:an? |any |all |the )?${MODEL}${NOT_A_ROLE}(?=[\s,.:;!]|$)`, 'i'), scope: 'block' },
  { need: MODEL_NEED, re: new RegExp(String.raw`\b${MODEL}\s+(?:reading|processing|parsing|reviewing|screening|evaluating|analy[sz]ing|summari[sz]ing) (?:this|these|the following)\b`, 'i'), scope: 'block' },
  // a prompt's own furniture
  { need: { phrases: ['system prompt'] }, re: /\bsystem prompt\s*[:：]|\b(?:new|updated|override|real|actual|hidden|secret|reveal (?:your|the)|print (?:your|the)|end of (?:the )?|begin(?:ning of)? (?:the )?)\s*system prompt\b/i, scope: 'block' },
  { need: { phrases: ['<|', 'im_start', 'im_end', 'endoftext', '<system', '[system]', '[/system]', '[inst]', '[/inst]', '###'] }, re: /<\|?\s*(?:im_start|im_end|system|endoftext)\s*\|?>|\[\/?(?:system|inst)\]|###\s*(?:system|instruction)s?\b/i, scope: 'block' },
  { need: { phrases: ['instruction'] }, re: /\b(?:new|updated|additional|real|secret|hidden) instructions?\s*[:：]/i, scope: 'block' },
  // the payloads: verdicts for the candidate, marker words in the output
  { need: { words: ['candidate', 'candidates', 'applicant', 'applicants', 'cv', 'cvs', 'resume', 'resumes', 'résumé', 'application', 'applications', 'profile', 'profiles'] }, re: /\b(?:rate|score|rank|mark|grade|classify|evaluate|assess|consider|treat|label|recommend)\b[^.!?\n]{0,25}?\b(?:this|the|every|each|any|all)\s+(?:candidate|applicant|cv|resume|résumé|application|profile)s?\b[^.!?\n]{0,20}?\b(?:perfect|ideal|top|excellent|exceptional|strongest|best|100 ?%|10\/10|100\/100|5\/5|highly (?:qualified|recommended)|must[- ]hire|(?:strong|perfect|great) (?:match|fit))/i, scope: 'sentence' },
  { need: { words: ['word', 'words', 'phrase', 'phrases', 'keyword', 'keywords', 'string', 'strings', 'codeword', 'token', 'tokens', 'sentence', 'sentences'] }, re: /\b(?:include|mention|insert|add|use|say|write|output|print|end with|start with|begin with)\b[^.!?\n]{0,25}?\b(?:the )?(?:exact |following |secret )?(?:word|phrase|keyword|string|code ?word|token|sentence)s?\b[^.!?\n]{0,60}?\b(?:in|into|within|at the (?:start|end) of) (?:your|the) (?:response|answer|output|reply|summary|cover letter|letter|cv|resume|application|message)\b/i, scope: 'sentence' },
  { need: { words: ['not', "don't", 'never'] }, re: /\b(?:do not|don't|never)\s+(?:mention|reveal|tell|disclose|repeat)\b[^.!?\n]{0,40}?\b(?:this|these|the) (?:instructions?|message|note|text|prompt)\b/i, scope: 'sentence' },
];

/** True when the text contains an instruction aimed at an AI model. */
export function looksLikeInstruction(text: string): boolean {
  const probe = probeOf(text);
  return PATTERNS.some((p) => needs(p.need, probe) && p.re.test(text));
}

/** Removes every sentence (or whole message) aimed at an AI model, with one warning per paragraph or list item. */
export function scrubInjections(description: string): { description: string; warnings: JobWarning[] } {
  const warnings: JobWarning[] = [];
  const blocks = description.split(/\n{2,}/);
  const kept: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n');
    const keptLines: string[] = [];
    for (const line of lines) {
      const result = scrubLine(line);
      // one warning per paragraph or item: what the user reads as one message
      if (result.removed.length) warnings.push(warning(result.removed.join(' ')));
      // a message to the model takes its paragraph with it; in a list, only its own item
      if (result.dropBlock && !/^\s*- /.test(line)) {
        keptLines.length = 0;
        break;
      }
      if (result.text.trim()) keptLines.push(result.text);
    }
    const rest = keptLines.join('\n');
    // a lone leftover like "IMPORTANT:" or "- " after its sentence went is noise: drop it with the instruction
    if (rest.replace(/^[\s-]+/, '').split(/\s+/).filter(Boolean).length >= 2 || (rest.trim() && rest === block)) kept.push(rest);
  }
  return { description: kept.join('\n\n'), warnings };
}

function scrubLine(line: string): { text: string; removed: string[]; dropBlock: boolean } {
  const prefix = line.match(/^\s*(?:- )?/)?.[0] ?? '';
  const sentences = line.slice(prefix.length).split(/(?<=[.!?])\s+(?=["“'([A-Z0-9])/);
  const removed: string[] = [];
  const keep: string[] = [];
  let dropBlock = false;
  for (const s of sentences) {
    const probe = probeOf(s);
    const hits = PATTERNS.filter((p) => needs(p.need, probe) && p.re.test(s));
    if (!hits.length) keep.push(s);
    else {
      removed.push(s);
      if (hits.some((h) => h.scope === 'block')) dropBlock = true;
    }
  }
  if (dropBlock) return { text: '', removed: [line.trim()], dropBlock };
  return { text: keep.length ? prefix + keep.join(' ') : '', removed, dropBlock };
}

function warning(text: string): JobWarning {
  return {
    code: 'prompt_injection',
    message: 'This posting contains instructions aimed at AI tools; CVPath removed them and will not follow them.',
    excerpt: text.length > 160 ? `${text.slice(0, 159).trimEnd()}…` : text,
  };
}

interface Probe {
  lower: string;
  words: Set<string>;
}

function probeOf(text: string): Probe {
  const lower = text.toLowerCase();
  return { lower, words: new Set(lower.split(/[^a-z0-9'’\u00e0-\u00ff]+/)) };
}

function needs(n: Need, p: Probe): boolean {
  return !!(n.words?.some((w) => p.words.has(w)) || n.phrases?.some((ph) => p.lower.includes(ph)));
}
