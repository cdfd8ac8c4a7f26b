import { describe, expect, it } from 'vitest';
import type { Application } from '../../shared/schema/application';
import { EMPTY_FILTER, filterApplications, filterFromQuery, filterToQuery, type ApplicationRow } from './filters';

const app = (id: string, p: Partial<Application>): ApplicationRow['app'] => ({
  id, jobId: `j${id}`, company: '', title: '', status: 'saved', statusHistory: [], notes: '', createdAt: '2026-01-10T12:00:00', updatedAt: '2026-01-10T12:00:00', ...p,
});

const rows: ApplicationRow[] = [
  { app: app('1', { company: 'Acme', title: 'Data Engineer', status: 'applied', createdAt: '2026-01-05T12:00:00', updatedAt: '2026-01-06T00:00:00' }), jobText: 'We use Airflow and dbt.' },
  { app: app('2', { company: 'Globex', title: 'Analyst', status: 'interviewing', createdAt: '2026-02-01T12:00:00', updatedAt: '2026-02-03T00:00:00' }), jobText: 'Excel, SQL.' },
  { app: app('3', { company: 'Société Générale', title: 'Data Analyst', status: 'rejected', createdAt: '2026-03-01T12:00:00', updatedAt: '2026-03-01T12:00:00' }) },
];

const ids = (r: ApplicationRow[]) => r.map((x) => x.app.id);

describe('dashboard search and filters', () => {
  it('lists everything, most recently updated first', () => {
    expect(ids(filterApplications(rows, EMPTY_FILTER))).toEqual(['3', '2', '1']);
  });

  it('searches company, title and the posting text, every word, ignoring case and accents', () => {
    expect(ids(filterApplications(rows, { ...EMPTY_FILTER, query: 'airflow' }))).toEqual(['1']);
    expect(ids(filterApplications(rows, { ...EMPTY_FILTER, query: 'data analyst' }))).toEqual(['3']);
    expect(ids(filterApplications(rows, { ...EMPTY_FILTER, query: 'societe' }))).toEqual(['3']);
    expect(ids(filterApplications(rows, { ...EMPTY_FILTER, query: 'GLOBEX sql' }))).toEqual(['2']);
  });

  it('filters by status and by an inclusive date range', () => {
    expect(ids(filterApplications(rows, { ...EMPTY_FILTER, status: 'interviewing' }))).toEqual(['2']);
    expect(ids(filterApplications(rows, { ...EMPTY_FILTER, from: '2026-02-01', to: '2026-03-01' }))).toEqual(['3', '2']);
    expect(ids(filterApplications(rows, { ...EMPTY_FILTER, to: '2026-01-31' }))).toEqual(['1']);
  });

  it('round-trips through the URL hash query', () => {
    const f = { query: 'acme data', status: 'applied' as const, from: '2026-01-01', to: undefined };
    expect(filterFromQuery(filterToQuery(f))).toEqual(f);
    expect(filterFromQuery('status=bogus')).toEqual({ query: '', status: 'all', from: undefined, to: undefined });
  });
});
