import type { PgTable } from 'drizzle-orm/pg-core';
import type { SyncData, SyncEntity } from '../../shared/sync/protocol';
import { applications, cvs, cvVersions, interviewSteps, jobs, runs, settings } from '../db/schema';

/**
 * How each synced entity maps to its table: its content as columns (`toColumns`), back to the protocol's data
 * (`toData`, the exact inverse), and what its columns hold once it is deleted (`wiped`: a tombstone keeps no content).
 */
export interface RecordMap<E extends SyncEntity> {
  entity: E;
  table: PgTable;
  /** The table's name in SQL. */
  name: string;
  immutable: boolean;
  toColumns(data: SyncData[E]): Record<string, unknown>;
  toData(row: Record<string, unknown>): SyncData[E];
  wiped: Record<string, unknown>;
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : new Date(String(d)).toISOString());
/** Optional fields travel as absent, never as null. */
const opt = <K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> =>
  value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);

const cv: RecordMap<'cv'> = {
  entity: 'cv', table: cvs, name: 'cvs', immutable: false,
  toColumns: (d) => ({ name: d.name, currentVersionId: d.currentVersionId }),
  toData: (r) => ({ name: r.name as string, currentVersionId: r.currentVersionId as string, createdAt: iso(r.createdAt) }),
  wiped: { name: '' },
};

const cvVersion: RecordMap<'cvVersion'> = {
  entity: 'cvVersion', table: cvVersions, name: 'cv_versions', immutable: true,
  toColumns: (d) => ({ cvId: d.cvId, contentHash: d.contentHash, cv: d.cv, text: d.text ?? null, source: d.source, note: d.note ?? null }),
  toData: (r) => ({
    cvId: r.cvId as string, contentHash: r.contentHash as string, cv: r.cv as SyncData['cvVersion']['cv'],
    ...opt('text', r.text as string | null), source: r.source as SyncData['cvVersion']['source'], ...opt('note', r.note as string | null),
    createdAt: iso(r.createdAt),
  }),
  wiped: { cv: {}, text: null, note: null, source: { kind: 'edit' } },
};

const job: RecordMap<'job'> = {
  entity: 'job', table: jobs, name: 'jobs', immutable: false,
  toColumns: (d) => ({ posting: d.posting, url: d.url ?? null, site: d.site ?? null, contentHash: d.contentHash }),
  toData: (r) => ({
    posting: r.posting as SyncData['job']['posting'], ...opt('url', r.url as string | null), ...opt('site', r.site as string | null),
    contentHash: r.contentHash as string, createdAt: iso(r.createdAt),
  }),
  wiped: { posting: {}, url: null, site: null },
};

const application: RecordMap<'application'> = {
  entity: 'application', table: applications, name: 'applications', immutable: false,
  toColumns: (d) => ({
    jobId: d.jobId, company: d.company, title: d.title, url: d.url ?? null, status: d.status, statusHistory: d.statusHistory,
    notes: d.notes, lastRunId: d.lastRunId ?? null,
    // an application saved before the funnel was recorded has none: no workflow step
    workflowStep: d.funnel?.step ?? null, reached: d.funnel?.reached ?? {}, reachedAt: d.funnel?.reachedAt ?? {},
  }),
  toData: (r) => ({
    jobId: r.jobId as string, company: r.company as string, title: r.title as string, ...opt('url', r.url as string | null),
    status: r.status as SyncData['application']['status'], statusHistory: r.statusHistory as SyncData['application']['statusHistory'],
    notes: r.notes as string, ...opt('lastRunId', r.lastRunId as string | null),
    ...(r.workflowStep === null || r.workflowStep === undefined
      ? {}
      : { funnel: { step: r.workflowStep as NonNullable<SyncData['application']['funnel']>['step'], reached: r.reached as Record<string, boolean>, reachedAt: r.reachedAt as Record<string, string> } }),
    createdAt: iso(r.createdAt),
  }),
  wiped: { company: '', title: '', url: null, statusHistory: [], notes: '', lastRunId: null },
};

const interviewStep: RecordMap<'interviewStep'> = {
  entity: 'interviewStep', table: interviewSteps, name: 'interview_steps', immutable: false,
  toColumns: (d) => ({ applicationId: d.applicationId, kind: d.kind, title: d.title, at: d.at ?? null, outcome: d.outcome, notes: d.notes }),
  toData: (r) => ({
    applicationId: r.applicationId as string, kind: r.kind as SyncData['interviewStep']['kind'], title: r.title as string,
    ...opt('at', r.at as string | null), outcome: r.outcome as SyncData['interviewStep']['outcome'], notes: r.notes as string,
    createdAt: iso(r.createdAt),
  }),
  wiped: { title: '', at: null, notes: '' },
};

const run: RecordMap<'run'> = {
  entity: 'run', table: runs, name: 'runs', immutable: true,
  toColumns: (d) => ({ applicationId: d.applicationId, jobId: d.jobId, cvVersionId: d.cvVersionId, snapshot: d.run }),
  toData: (r) => ({
    applicationId: r.applicationId as string, jobId: r.jobId as string, cvVersionId: r.cvVersionId as string,
    run: r.snapshot as SyncData['run']['run'], createdAt: iso(r.createdAt),
  }),
  wiped: { snapshot: {} },
};

/**
 * Provider keys stay on the device that typed them: the extension strips them before it pushes, and the server drops
 * any `key` a provider entry still carries rather than store it.
 */
function withoutKeys(data: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(data.providers)) return data;
  return { ...data, providers: data.providers.map((p: unknown) => (p && typeof p === 'object' && 'key' in p ? Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'key')) : p)) };
}

const settingsMap: RecordMap<'settings'> = {
  entity: 'settings', table: settings, name: 'settings', immutable: false,
  toColumns: (d) => ({ data: withoutKeys(d.data) }),
  toData: (r) => ({ data: r.data as Record<string, unknown>, createdAt: iso(r.createdAt) }),
  wiped: { data: {} },
};

export const RECORDS: { [E in SyncEntity]: RecordMap<E> } = { cv, cvVersion, job, application, interviewStep, run, settings: settingsMap };
