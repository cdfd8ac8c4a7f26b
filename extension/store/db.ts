import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Application, InterviewStep } from '../../shared/schema/application';
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

/**
 * An application as stored: since v3 its interview steps are records of their own (`interviewSteps`), so that two
 * devices adding steps to one application keep both. The store's readers put them back (`Application.steps`).
 */
export type ApplicationRecord = Omit<Application, 'steps'>;

/** One step of an application's interview process, synced on its own (last writer wins per step, not per application). */
export interface InterviewStepRecord extends InterviewStep {
  applicationId: string;
  createdAt: string;
  updatedAt: string;
}

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

export type OutboxEntity = 'cv' | 'cvVersion' | 'job' | 'application' | 'interviewStep' | 'run' | 'settings';

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

/**
 * The sync client's own state (one row, `id: 'sync'`): never synced, never exported. The session token lives here and
 * nowhere else; it is never logged or shown.
 */
export interface SyncStateRecord {
  id: 'sync';
  /** Random, made once per install: the server's last-writer-wins tie-break and the device list's key. */
  deviceId: string;
  /** Sync is opt-in: while false nothing leaves the device. */
  enabled: boolean;
  serverUrl: string;
  token?: string;
  user?: { id: string; email: string | null; name: string; isAnonymous: boolean };
  /** The server's change cursor reached by the last pull. */
  cursor: number;
  /**
   * Whose cursor it is: the server and user id it was pulled from. Signed in as anyone else (a guest who registered,
   * another account, another server), the device starts again from 0 and offers the server everything it holds.
   */
  cursorOwner?: string;
  /** True while a sync runs. */
  syncing?: boolean;
  lastSyncAt?: string;
  lastAttemptAt?: string;
  lastError?: { code: string; message: string; hint?: string };
  /** Failures in a row, for the backoff; the next automatic attempt is not before `nextAttemptAt`. */
  failures: number;
  nextAttemptAt?: string;
  /** Changes the server refused for good, parked: out of the outbox (never sent again), kept here to show why. */
  rejected?: { entity: string; id: string; error: string; code?: string; mutationId?: string }[];
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
  interviewSteps: EntityTable<InterviewStepRecord, 'id'>;
  runs: EntityTable<RunRecord, 'id'>;
  runTasks: EntityTable<RunTaskRecord, 'id'>;
  settings: EntityTable<SettingsRecord, 'id'>;
  outbox: EntityTable<OutboxRecord, 'seq'>;
  stageCache: EntityTable<StageCacheRecord, 'key'>;
  adapterFailures: EntityTable<AdapterFailureRecord, 'id'>;
  vault: EntityTable<VaultRecord, 'id'>;
  sync: EntityTable<SyncStateRecord, 'id'>;
};

export const DB_NAME = 'cvpath';

/**
 * The versioned schema. Add a new `db.version(n)` with an `upgrade` for every change; never edit a shipped version.
 * v1 was the first shipped layout; v2 added the run-task, stage-cache and adapter-failure tables and indexes on status;
 * v3 is for sync (see `upgradeToV3`).
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
      await tx.table('applications').toCollection().modify((a: Partial<Application>) => {
        if (!Array.isArray(a.statusHistory)) a.statusHistory = a.status && a.createdAt ? [{ status: a.status, at: a.createdAt }] : [];
        if (!Array.isArray(a.steps)) a.steps = [];
        if (typeof a.notes !== 'string') a.notes = '';
      });
    });
  db.version(3)
    .stores({
      // Not unique any more: two devices may each have saved one posting under their own id before they synced (ids
      // made since v3 are derived from the content, so new records merge; older ones may stay two). A pulled record
      // must never fail on an index, and every lookup by these takes the first match.
      jobs: 'id, contentHash, url, updatedAt',
      applications: 'id, jobId, status, updatedAt, createdAt',
      interviewSteps: 'id, applicationId, updatedAt',
      // the sync client leaves a record a pull brings alone while the device's own change to it waits in the outbox
      outbox: '++seq, &mutationId, entity, [entity+entityId]',
      sync: 'id',
    })
    .upgrade(upgradeToV3);
  return db;
}

/**
 * v3: interview steps leave their application for a table of their own, each one queued for sync as a record (the
 * application's own outbox entries no longer carry them).
 */
async function upgradeToV3(tx: Transaction): Promise<void> {
  const steps: InterviewStepRecord[] = [];
  await tx.table('applications').toCollection().modify((a: ApplicationRecord & { steps?: InterviewStep[] }) => {
    const created = Date.parse(a.createdAt);
    (Array.isArray(a.steps) ? a.steps : []).forEach((s, i) => {
      // the order they were added in, as creation times a millisecond apart
      const createdAt = new Date((Number.isNaN(created) ? 0 : created) + i).toISOString();
      steps.push({ ...s, applicationId: a.id, createdAt, updatedAt: a.updatedAt || createdAt });
    });
    delete a.steps;
  });
  if (!steps.length) return;
  await tx.table('interviewSteps').bulkAdd(steps);
  const at = new Date().toISOString();
  await tx.table('outbox').bulkAdd(steps.map((s): OutboxRecord => ({ mutationId: crypto.randomUUID(), entity: 'interviewStep', entityId: s.id, op: 'put', at })));
}

let shared: CvPathDb | undefined;
/** The one database of this extension context. */
export function db(): CvPathDb {
  shared ??= openDb();
  return shared;
}

/** Records a local change for the sync client. Call inside the transaction that makes the change. */
export async function recordChange(tx: Transaction | CvPathDb, entity: OutboxEntity, entityId: string, op: 'put' | 'delete' = 'put'): Promise<void> {
  const outbox = (tx as Transaction).table<OutboxRecord, number>('outbox');
  await outbox.add({ mutationId: crypto.randomUUID(), entity, entityId, op, at: new Date().toISOString() });
}
