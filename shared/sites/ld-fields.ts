import { decodeEntities, fragment, looksEscaped } from './html';
import { collapse, elementText } from './text';

/** schema.org JobPosting fields → our strings. JSON-LD in the wild uses every shape the vocabulary allows. */

export type Ld = Record<string, unknown>;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v == null ? [] : [v]);
/** A JSON-LD scalar as text; an object or array where text belongs is not text, so it reads as empty. */
export const ldString = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const str = (v: unknown): string => collapse(ldString(v));

/** The description as clean text, whether it is HTML, HTML escaped once or twice (`&amp;lt;p&amp;gt;`), or plain text. */
export function readDescriptionHtml(doc: Document, raw: string): string {
  let s = raw;
  for (let i = 0; i < 3 && looksEscaped(s); i++) s = decodeEntities(doc, s);
  // plain text: its line breaks are the only structure it has
  const html = /<\/?[a-z][^>]*>/i.test(s) ? s : s.replace(/&(?![#\w]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>');
  return elementText(wrap(doc, html));
}

function wrap(doc: Document, html: string): Element {
  const div = fragment(doc, `<div>${html}</div>`).firstElementChild;
  return div ?? doc.createElement('div');
}

export function formatLocation(ld: Ld): string | undefined {
  const places = asArray(ld.jobLocation).map((l) => {
    const loc = l as Ld;
    const a = loc?.address as Ld | string | undefined;
    if (typeof a === 'string') return collapse(a);
    if (!a) return str(loc?.name);
    // JSON-LD in the wild writes `"addressCountry": null` as readily as a string or a Country object
    const country = a.addressCountry && typeof a.addressCountry === 'object' ? str((a.addressCountry as Ld).name) : str(a.addressCountry);
    return [str(a.addressLocality), str(a.addressRegion), country].filter(Boolean).filter((p, i, all) => all.indexOf(p) === i).join(', ');
  }).filter(Boolean);
  if (places.length) return [...new Set(places)].join('; ');
  // remote postings name where applicants may live instead of an office
  const areas = asArray(ld.applicantLocationRequirements).map((r) => str((r as Ld)?.name)).filter(Boolean);
  if (areas.length) return `Remote (${areas.join(', ')})`;
  return ld.jobLocationType === 'TELECOMMUTE' ? 'Remote' : undefined;
}

const EMPLOYMENT: Record<string, string> = {
  FULL_TIME: 'Full-time', PART_TIME: 'Part-time', CONTRACTOR: 'Contract', CONTRACT: 'Contract', TEMPORARY: 'Temporary',
  INTERN: 'Internship', INTERNSHIP: 'Internship', VOLUNTEER: 'Volunteer', PER_DIEM: 'Per diem', OTHER: 'Other',
};

export function formatEmployment(v: unknown): string | undefined {
  const out = asArray(v).map((t) => EMPLOYMENT[str(t).toUpperCase().replace(/[\s-]/g, '_')] ?? str(t)).filter(Boolean);
  return out.length ? out.join(', ') : undefined;
}

const UNITS: Record<string, string> = { HOUR: 'per hour', DAY: 'per day', WEEK: 'per week', MONTH: 'per month', YEAR: 'per year' };

export function formatSalary(v: unknown): string | undefined {
  const s = (Array.isArray(v) ? v[0] : v) as Ld | undefined;
  if (!s || typeof s !== 'object') return undefined;
  const value = (s.value ?? {}) as Ld | number;
  const n = (x: unknown) => (typeof x === 'number' || (typeof x === 'string' && x.trim() && !isNaN(Number(x))) ? Number(x).toLocaleString('en-US') : '');
  const range = typeof value === 'object' ? (n(value.minValue) && n(value.maxValue) ? `${n(value.minValue)}–${n(value.maxValue)}` : n(value.value) || n(value.minValue) || n(value.maxValue)) : n(value);
  if (!range) return undefined;
  const unit = typeof value === 'object' ? UNITS[str(value.unitText).toUpperCase()] : undefined;
  return [str(s.currency), range, unit].filter(Boolean).join(' ');
}
