import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { Application } from '../../shared/schema/application';
import type { Cv } from '../../shared/schema/cv';
import type { JobPosting } from '../../shared/schema/job-posting';
import type { Run } from '../../shared/schema/run';
import type { PipelineEvent } from '../../shared/pipeline/events';
import type { StageId } from '../../shared/pipeline/stages';

/** A master CV the user keeps; its content lives in immutable versions. */
export interface CvRecord {
  id: string;
  name: string;
  currentVersionId: string;
  createdAt: string;
  updatedAt: string;
}

export type CvSourceKind = 'pdf' | 'docx' | 'json' | 'text' | 'edit';

/** One immutable version of a master CV, deduplicated by the hash of its content. */
export interface CvVersionRecord {
  id: string;
  cvId: string;
  /** sha256 of the stable JSON of `cv`: the same content is stored once per CV. */
  contentHash: string;
  cv: Cv;
  /** The text the CV was parsed from, when it came from a document. */
  text?: string;
  source: { kind: CvSourceKind; fileName?: string };
  note?: string;
  createdAt: string;
}

/** A job posting as read from a page. `contentHash` identifies the same posting read twice. */
export interface JobRecord {
  id: string;
  posting: JobPosting;
  url?: string;
  site?: string;
  contentHash: string;
  createdAt: string;
  updatedAt: string;
}

export type ApplicationRecord = Application;

/** A finished run: an immutable snapshot, written once, in the same transaction that points its application at it. */
export interface RunRecord {
  id: string;
  applicationId: string;
  jobId: string;
  cvVersionId: string;
  createdAt: string;
  run: Run;
}

export type TaskStatus = 'running' | 'succeeded' | 'failed';

export interface TaskStage {
  status: 'pending' | 'running' | 'succeeded' | 'failed';
  provider?: string;
  model?: string;
  durationMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  cached?: boolean;
  offlineFallback?: boolean;
}

/**
 * The live state of a run in progress: what the popup, the page control and the dashboard show while it runs, and what
 * lets a run outlive a service-worker restart. The finished Run itself goes to `runs`; this row only says where it is.
 */
export interface RunTaskRecord {
  /** The id the finished run will have. */
  id: string;
  applicationId: string;
  jobId: string;
  cvVersionId: string;
  status: TaskStatus;
  /** How many times the run was (re)started: a worker restart resumes it, a third start gives up. */
  attempts: number;
  startedAt: string;
  /** Written by the worker while it runs; a `running` task whose heartbeat is old belongs to a worker that died. */
  heartbeatAt: string;
  updatedAt: string;
  stages: Partial<Record<StageId, TaskStage>>;
  events: PipelineEvent[];
  error?: { code: string; message: string; hint?: string };
  /** Set on success: match before → after, for quick display. */
  summary?: { before: number; after: number; met: number; missing: number; costUsd: number; inputTokens: number; outputTokens: number; durationMs: number };
}

export interface ProviderConfig {
  id: string;
  provider: 'openai' | 'anthropic' | 'gemini' | 'openrouter' | 'ollama';
  model: string;
  baseUrl?: string;
  label?: string;
  /** The API key, encrypted with the vault's non-extractable AES-GCM key. Never stored in plain text. */
  key?: { iv: Uint8Array; data: Uint8Array };
}

export interface PrivacySettings {
  /** Send anonymous adapter-failure reports (site, selector, version; never page content). */
  reportAdapterFailures: boolean;
  /** Show the "Tailor my CV" control on job pages. */
  showPageControl: boolean;
  /** Keep runs' input snapshots (the CV and job text) in the history. */
  keepRunInputs: boolean;
}

export interface SettingsRecord {
  id: 'settings';
  activeCvId?: string;
  providers: ProviderConfig[];
  /** Provider config ids in order; empty = offline engine only. */
  chain: string[];
  /** Per-agent chains that override `chain`. */
  chains: Partial<Record<StageId, string[]>>;
  privacy: PrivacySettings;
  updatedAt: string;
}

export type OutboxEntity = 'cv' | 'cvVersion' | 'job' | 'application' | 'run' | 'settings';

/** One local change waiting for the sync client (issue 5). Written in the same transaction as the change. */
export interface OutboxRecord {
  seq?: number;
  mutationId: string;
  entity: OutboxEntity;
  entityId: string;
  op: 'put' | 'delete';
  at: string;
}

export interface StageCacheRecord {
  key: string;
  value: unknown;
  at: string;
}

/** Adapter failures seen on pages, folded by (site, selector, version). */
export interface AdapterFailureRecord {
  id: string;
  site: string;
  selector: string;
  version: string;
  url: string;
  message: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

export interface VaultRecord {
  id: 'vault';
  /** A non-extractable AES-GCM CryptoKey: IndexedDB stores it, nobody can read its bytes. */
  key: CryptoKey;
}

export const DEFAULT_PRIVACY: PrivacySettings = { reportAdapterFailures: false, showPageControl: true, keepRunInputs: true };

export type CvPathDb = Dexie & {
  cvs: EntityTable<CvRecord, 'id'>;
  cvVersions: EntityTable<CvVersionRecord, 'id'>;
  jobs: EntityTable<JobRecord, 'id'>;
  applications: EntityTable<ApplicationRecord, 'id'>;
  runs: EntityTable<RunRecord, 'id'>;
  runTasks: EntityTable<RunTaskRecord, 'id'>;
  settings: EntityTable<SettingsRecord, 'id'>;
  outbox: EntityTable<OutboxRecord, 'seq'>;
  stageCache: EntityTable<StageCacheRecord, 'key'>;
  adapterFailures: EntityTable<AdapterFailureRecord, 'id'>;
  vault: EntityTable<VaultRecord, 'id'>;
};

export const DB_NAME = 'cvpath';

/**
 * The versioned schema. Add a new `db.version(n)` with an `upgrade` for every change; never edit a shipped version.
 * v1 was the first shipped layout; v2 added the run-task, stage-cache and adapter-failure tables and indexes on status.
 */
export function openDb(name = DB_NAME): CvPathDb {
  const db = new Dexie(name) as CvPathDb;
  db.version(1).stores({
    cvs: 'id, updatedAt',
    cvVersions: 'id, cvId, [cvId+contentHash], createdAt',
    jobs: 'id, &contentHash, url, updatedAt',
    applications: 'id, &jobId, status, updatedAt',
    runs: 'id, applicationId, jobId, createdAt',
    settings: 'id',
    outbox: '++seq, &mutationId, entity',
    vault: 'id',
  });
  db.version(2)
    .stores({
      runTasks: 'id, status, applicationId, updatedAt',
      stageCache: 'key, at',
      adapterFailures: 'id, site, lastAt',
      applications: 'id, &jobId, status, updatedAt, createdAt',
    })
    .upgrade(async (tx) => {
      // v1 applications had no statusHistory: start it from their current status
      await tx.table('applications').toCollection().modify((a: Partial<ApplicationRecord>) => {
        if (!Array.isArray(a.statusHistory)) a.statusHistory = a.status && a.createdAt ? [{ status: a.status, at: a.createdAt }] : [];
        if (!Array.isArray(a.steps)) a.steps = [];
        if (typeof a.notes !== 'string') a.notes = '';
      });
    });
  return db;
}

let shared: CvPathDb | undefined;
/** The one database of this extension context. */
export function db(): CvPathDb {
  shared ??= openDb();
  return shared;
}

/** Records a local change for the sync client. Call inside the transaction that makes the change. */
export async function recordChange(tx: Transaction | CvPathDb, entity: OutboxEntity, entityId: string, op: 'put' | 'delete' = 'put'): Promise<void> {
  const outbox: Table<OutboxRecord, number> = (tx as Transaction).table('outbox');
  await outbox.add({ mutationId: crypto.randomUUID(), entity, entityId, op, at: new Date().toISOString() });
}
