/** Reads the date forms people write on CVs and turns them into ISO partial dates (YYYY or YYYY-MM). */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
  // common non-English abbreviations seen on European CVs
  janv: 1, fev: 2, fevr: 2, mai: 5, juin: 6, juil: 7, aout: 8, okt: 10, dez: 12, mrz: 3, maerz: 3,
};
const SEASONS: Record<string, number> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };

export const PRESENT_RE = /^(present|current|now|today|ongoing|to date|date|heute|actuel)$/i;

export const MONTH_NAME = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|autumn|fall|winter)';
/** One date as written: "Jan 2020", "January 2020", "05/2016", "2016-05", "2019", "Summer 2022", "Present". */
export const DATE_TOKEN = `(?<![A-Za-z])(?:${MONTH_NAME}\\.?,?\\s+(?:'|’)?\\d{2,4}|[01]?\\d[/.][12]\\d{3}|[12]\\d{3}[-/.][01]?\\d|[12]\\d{3}|present|current|now|ongoing|to date)(?![A-Za-z])`;
export const RANGE_SEP = '\\s*(?:–|—|-|−|to|until|till|→)\\s*';
export const DATE_RANGE_RE = new RegExp(`(${DATE_TOKEN})(?:${RANGE_SEP}(${DATE_TOKEN}))?`, 'i');

export interface ParsedDate {
  iso: string | null;
  present: boolean;
}

export function parseDate(raw: string): ParsedDate {
  const s = raw.trim().replace(/\.$/, '').replace(/,/g, ' ').replace(/\s+/g, ' ');
  if (!s) return { iso: null, present: false };
  if (PRESENT_RE.test(s)) return { iso: null, present: true };
  let m = /^([a-zäéû]+)\.?\s+(?:'|’)?(\d{2,4})$/i.exec(s);
  if (m) {
    const key = m[1]!.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    const month = MONTHS[key];
    const year = fullYear(m[2]!);
    if (month && year) return { iso: `${year}-${pad(month)}`, present: false };
    // "Summer 2022" names no month: the year alone, never a month the CV does not state
    if (key in SEASONS && year) return { iso: String(year), present: false };
    return { iso: null, present: false };
  }
  m = /^(\d{1,2})[/.](\d{4})$/.exec(s);
  if (m) return monthYear(+m[2]!, +m[1]!);
  m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(s);
  if (m) {
    const r = monthYear(+m[1]!, +m[2]!);
    if (r.iso && m[3]) return { iso: `${r.iso}-${pad(+m[3])}`, present: false };
    return r;
  }
  m = /^(\d{4})$/.exec(s);
  if (m && +m[1]! >= 1950 && +m[1]! <= 2100) return { iso: m[1]!, present: false };
  return { iso: null, present: false };
}

function monthYear(year: number, month: number): ParsedDate {
  if (month < 1 || month > 12 || year < 1950 || year > 2100) return { iso: null, present: false };
  return { iso: `${year}-${pad(month)}`, present: false };
}

function fullYear(y: string): number | null {
  const n = +y;
  if (y.length === 4) return n >= 1950 && n <= 2100 ? n : null;
  if (y.length === 2) return n < 70 ? 2000 + n : 1900 + n;
  return null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export interface DateRange {
  start: string | null;
  end: string | null;
  present: boolean;
  /** One date, not a range ("2019", "May 2023"). */
  single: boolean;
  /** The exact text matched, so it can be cut out of the line. */
  matched: string;
}

/** Finds the first date range in a line ("Mar 2019 – Present", "(05/2016 – 08/2018)", "2018 to 2021"). */
export function findDateRange(line: string): DateRange | null {
  const re = new RegExp(DATE_RANGE_RE.source, 'gi');
  for (const m of line.matchAll(re)) {
    const a = parseDate(m[1]!);
    if (!a.iso && !a.present) continue;
    const b = m[2] ? parseDate(m[2]) : null;
    // a lone year inside text ("grew revenue 2019") is only a date when the line has little else
    return { start: a.iso, end: b ? b.iso : null, present: (b?.present ?? false) || a.present, single: !b && !a.present, matched: m[0] };
  }
  return null;
}

/** Months between two ISO partial dates (end null = now). Used for years-of-experience evidence. */
export function monthsBetween(start: string, end: string | null, now: Date): number {
  const [sy, sm] = start.split('-').map(Number) as [number, number | undefined];
  let ey: number;
  let em: number;
  if (end) {
    const p = end.split('-').map(Number);
    ey = p[0]!;
    em = p[1] ?? 12;
  } else {
    ey = now.getUTCFullYear();
    em = now.getUTCMonth() + 1;
  }
  return Math.max(0, (ey - sy) * 12 + (em - (sm ?? 1)) + 1);
}
