import { z } from 'zod';
import { Cv } from '../schema/cv';
import { JsonResume, fromJsonResume } from '../schema/json-resume';
import { parseCvText } from '../engine/cv-text-parser';
import { extractNumbers, fold } from '../engine/text';
import { defineAgent } from './agent';

export interface CvParserInput {
  text: string;
}

/** CV_PARSER: CV text → Cv. The model answers plain JSON Resume; ids are given by code, in document order. */
export const cvParser = defineAgent<CvParserInput, Cv, JsonResume>({
  id: 'CV_PARSER',
  promptVersion: '1',
  draft: JsonResume,
  output: Cv,
  prompt: (input) => ({
    role: 'You turn the text of a CV into JSON Resume 1.0.',
    rules: [
      'Copy text verbatim: names, titles, employers, dates as written, every bullet word for word as a highlight.',
      'Dates: convert to YYYY-MM or YYYY when unambiguous; leave endDate out for a current role.',
      'Projects, awards and certificates are not jobs: put them in their own sections.',
      'Leave a field out rather than guess it.',
    ],
    task: 'Parse this CV.',
    context: { cv: input.text },
  }),
  finalize: (draft, input) => keepOnlyWhatTheSourceSays(fromJsonResume(draft), input.text),
  offline: (input) => parseCvText(input.text).cv,
});

export const CvParserInput = z.object({ text: z.string() });

/**
 * A parser may normalise, never add: every value a model returns must be written in the CV text. Words and numbers
 * are checked against the source; a date's year must appear in it, and its month too ("Summer 2022" must not become
 * June: a date is never more precise than the CV). What is not there is dropped, so nothing a model made up can become
 * the master CV that every later check trusts. `dropped`, when given, collects what was left out, to tell the user.
 */
export function keepOnlyWhatTheSourceSays(cv: Cv, source: string, dropped?: string[]): Cv {
  const src = source.normalize('NFKC');
  const lower = src.toLowerCase();
  const words = new Set(fold(src).split(' '));
  const numbers = new Set(extractNumbers(src));
  const years = new Set(src.match(/\b(19|20)\d{2}\b/g) ?? []);
  const written = (text: string): boolean => {
    const t = text.normalize('NFKC');
    if (!extractNumbers(t).every((n) => numbers.has(n) || numbers.has(n.replace(/[+%]$/, '')))) return false;
    return fold(t).split(' ').filter((w) => /[a-z]/.test(w)).every((w) => words.has(w) || words.has(w.replace(/s$/, '')) || words.has(`${w}s`));
  };
  const says = (text: string | undefined): boolean => {
    if (!text || written(text)) return true;
    dropped?.push(text);
    return false;
  };
  const keep = (text: string | undefined) => (says(text) ? text : undefined);
  const date = (d: string | undefined): string | undefined => {
    if (!d) return undefined;
    const year = d.slice(0, 4);
    if (!years.has(year)) {
      dropped?.push(d);
      return undefined;
    }
    const month = /^\d{4}-(\d{2})/.exec(d)?.[1];
    if (month && !statesMonth(lower, year, Number(month))) {
      dropped?.push(d);
      return year;
    }
    return d;
  };
  const sentences = (text: string | undefined) => text?.split(/(?<=[.!?])\s+/).filter((x) => says(x)).join(' ') || undefined;
  const bullets = (hs: { id: string; text: string }[]) => hs.filter((h) => says(h.text));

  // contact details are checked whole: the right digits in another order, or a plausible profile URL, are still made up
  const verbatim = (value: string | undefined, found: boolean): string | undefined => {
    if (!value || found) return value;
    dropped?.push(value);
    return undefined;
  };
  const digitsOf = (x: string) => x.replace(/\D/g, '');
  const phoneRuns = (src.match(/\+?\(?\d[\d\s()./-]{5,}\d/g) ?? []).map(digitsOf);
  const phone = (x: string | undefined) => verbatim(x, !!x && digitsOf(x).length >= 6 && phoneRuns.some((r) => r.includes(digitsOf(x))));
  const bare = (u: string) => u.toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');
  const link = (u: string | undefined) => verbatim(u, !!u && lower.includes(bare(u)));
  // "LinkedIn" for a linkedin.com address is the address read aloud, not an addition
  const namesHost = (network: string | undefined, url: string | undefined) => !!network && !!url && bare(url).split('/')[0]!.includes(network.toLowerCase().replace(/\s+/g, ''));

  const b = cv.basics;
  const l = b.location;
  cv.basics = {
    ...b, name: says(b.name) ? b.name : '', label: keep(b.label), email: verbatim(b.email, !!b.email && lower.includes(b.email.toLowerCase())), phone: phone(b.phone), url: link(b.url), summary: sentences(b.summary), image: undefined,
    location: l && { address: keep(l.address), postalCode: keep(l.postalCode), city: keep(l.city), countryCode: keep(l.countryCode), region: keep(l.region) },
    profiles: b.profiles.filter((x) => (x.url ? link(x.url) : x.username ? verbatim(x.username, lower.includes(x.username.toLowerCase())) : false)).map((x) => ({ ...x, network: namesHost(x.network, x.url) ? x.network : keep(x.network) })),
  };
  cv.work = cv.work.filter((w) => says(w.name) && says(w.position)).map((w) => ({ ...w, location: keep(w.location), url: keep(w.url), description: keep(w.description), summary: sentences(w.summary), startDate: date(w.startDate), endDate: date(w.endDate), highlights: bullets(w.highlights) }));
  cv.volunteer = cv.volunteer.filter((v) => says(v.organization) && says(v.position)).map((v) => ({ ...v, startDate: date(v.startDate), endDate: date(v.endDate), summary: sentences(v.summary), highlights: bullets(v.highlights) }));
  cv.projects = cv.projects.filter((p) => says(p.name)).map((p) => ({ ...p, description: sentences(p.description), startDate: date(p.startDate), endDate: date(p.endDate), keywords: p.keywords.filter(says), roles: p.roles.filter(says), entity: keep(p.entity), highlights: bullets(p.highlights) }));
  cv.education = cv.education.filter((e) => says(e.institution)).map((e) => ({ ...e, studyType: keep(e.studyType), area: keep(e.area), score: keep(e.score), startDate: date(e.startDate), endDate: date(e.endDate), courses: e.courses.filter(says) }));
  cv.skills = cv.skills.filter((x) => says(x.name)).map((x) => ({ ...x, level: keep(x.level), keywords: x.keywords.filter(says) }));
  cv.certificates = cv.certificates.filter((c) => says(c.name)).map((c) => ({ ...c, issuer: keep(c.issuer), date: date(c.date) }));
  cv.awards = cv.awards.filter((a) => says(a.title)).map((a) => ({ ...a, awarder: keep(a.awarder), summary: sentences(a.summary), date: date(a.date) }));
  cv.publications = cv.publications.filter((p) => says(p.name)).map((p) => ({ ...p, publisher: keep(p.publisher), summary: sentences(p.summary) }));
  cv.languages = cv.languages.filter((l) => says(l.language)).map((l) => ({ ...l, fluency: keep(l.fluency) }));
  cv.interests = cv.interests.filter((i) => says(i.name));
  cv.references = cv.references.filter((r) => says(r.name) && says(r.reference));
  return Cv.parse(cv);
}

const MONTH_WORDS = ['jan(?:uary)?', 'feb(?:ruary)?', 'mar(?:ch)?', 'apr(?:il)?', 'may', 'june?', 'july?', 'aug(?:ust)?', 'sep(?:t(?:ember)?)?', 'oct(?:ober)?', 'nov(?:ember)?', 'dec(?:ember)?'];

/**
 * Whether the CV text (lower-cased) names this month of this year: "Jun 2022", "June '22", "06/2022", "2022-06", or
 * the first month of a range that names the year once ("Jan – Jun 2022").
 */
function statesMonth(lower: string, year: string, month: number): boolean {
  const name = MONTH_WORDS[month - 1];
  if (!name) return false;
  const y = `(?:${year}|[’']${year.slice(2)})`;
  const m = `0?${month}`;
  return [
    `\\b${name}\\.?,?\\s*${y}\\b`,
    `\\b${name}\\.?\\s*(?:-|–|—|to)\\s*[a-z]+\\.?,?\\s*${y}\\b`,
    `(?<![\\d/.-])${m}\\s*[/.-]\\s*${year}\\b`,
    `\\b${year}\\s*[/.-]\\s*${m}(?![\\d])`,
  ].some((re) => new RegExp(re).test(lower));
}
