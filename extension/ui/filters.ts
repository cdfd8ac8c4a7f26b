import type { Application, ApplicationStatus } from '../../shared/schema/application';

/** The dashboard's list: search over company, title and the posting's text; filters by status and date range. */

export interface ApplicationRow {
  /** The stored application: the list needs no interview steps. */
  app: Omit<Application, 'steps'>;
  /** The posting's description, searched as "text". */
  jobText?: string;
  /** The latest run's match, before → after. */
  match?: { before: number; after: number };
}

export interface ListFilter {
  query: string;
  status: ApplicationStatus | 'all';
  /** YYYY-MM-DD, inclusive, compared with the application's creation date in local time. */
  from?: string;
  to?: string;
}

export const EMPTY_FILTER: ListFilter = { query: '', status: 'all' };

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function matchesFilter(row: ApplicationRow, f: ListFilter): boolean {
  if (f.status !== 'all' && row.app.status !== f.status) return false;
  const day = localDay(row.app.createdAt);
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  const words = fold(f.query).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = fold([row.app.company, row.app.title, row.app.notes, row.jobText ?? ''].join('\n'));
  return words.every((w) => hay.includes(w));
}

/** Filtered, newest activity first. */
export function filterApplications(rows: ApplicationRow[], f: ListFilter): ApplicationRow[] {
  return rows.filter((r) => matchesFilter(r, f)).sort((a, b) => b.app.updatedAt.localeCompare(a.app.updatedAt));
}

/** The filter as it sits in the URL hash's query (`#/?q=acme&status=applied`), so a filtered list can be linked. */
export function filterFromQuery(query: string): ListFilter {
  const p = new URLSearchParams(query);
  const status = p.get('status');
  const ok = ['saved', 'applied', 'interviewing', 'offer', 'rejected'].includes(status ?? '');
  return { query: p.get('q') ?? '', status: ok ? (status as ApplicationStatus) : 'all', from: p.get('from') || undefined, to: p.get('to') || undefined };
}

export function filterToQuery(f: ListFilter): string {
  const p = new URLSearchParams();
  if (f.query) p.set('q', f.query);
  if (f.status !== 'all') p.set('status', f.status);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  return p.toString();
}
