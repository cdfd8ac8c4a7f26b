import { z } from 'zod';
import { ApplicationFunnel, ApplicationStatus, InterviewStep, StatusChange } from '../schema/application';
import { Cv } from '../schema/cv';
import { JobPosting } from '../schema/job-posting';
import { Run } from '../schema/run';
import { jsonProblem, stringProblem, UNSAFE_CODES } from './safe-json';

/**
 * The sync protocol between a device (the extension's store) and the backend: the records that sync, the mutations a
 * device pushes and the changes it pulls. The backend decides every conflict; a device only applies what it is told.
 *
 * - Mutable records (cv, job, application, interviewStep, settings): last writer wins by `(updatedAt, deviceId)`.
 * - Immutable records (cvVersion, run): written once, never overwritten; a delete is final.
 * - A delete is a tombstone that syncs like any change; the server wipes the record's content when it is deleted.
 */
export const SYNC_ENTITIES = ['cv', 'cvVersion', 'job', 'application', 'interviewStep', 'run', 'settings'] as const;
export const SyncEntity = z.enum(SYNC_ENTITIES);
export type SyncEntity = z.infer<typeof SyncEntity>;

export const IMMUTABLE_ENTITIES: ReadonlySet<SyncEntity> = new Set(['cvVersion', 'run']);

/** The one id the settings singleton has, on every device and on the server. */
export const SETTINGS_ID = 'settings';

/** Timestamps a device may write: year 0 or 9999 are a broken clock, and year 0 does not even fit the database. */
export const MIN_TIMESTAMP = '1970-01-01T00:00:00.000Z';
export const MAX_TIMESTAMP = '2100-01-01T00:00:00.000Z';
const DATE_OUT_OF_RANGE = { code: 'DATE_OUT_OF_RANGE' };

/** Timestamps travel as `toISOString()` strings (UTC, milliseconds) so that they survive the database unchanged. */
export const Timestamp = z.iso
  .datetime({ precision: 3 })
  // ISO strings of one length compare as their dates
  .refine((s) => s >= MIN_TIMESTAMP && s < MAX_TIMESTAMP, { message: 'must be a date from 1970 to 2099', params: DATE_OUT_OF_RANGE });
/** A timestamp the server already holds (written before writes were bounded), as pulls and push answers carry it. */
const HeldTimestamp = z.iso.datetime({ precision: 3 });

/** Text the database can store: no NUL, no lone surrogate (see safe-json). */
export const SafeString = z.string().refine((s) => stringProblem(s) === undefined, { message: 'contains a NUL character or a lone surrogate', params: { code: 'STRING_INVALID' } });

const Id = SafeString.check(z.minLength(1), z.maxLength(200));

/** What each record carries besides its id and `updatedAt`: the device's record, less what must not leave it. */
export const SYNC_DATA = {
  cv: z.object({ name: z.string().max(500), currentVersionId: Id, createdAt: Timestamp }),
  cvVersion: z.object({
    cvId: Id,
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    cv: z.custom<Cv>((v) => Cv.safeParse(v).success, 'not a CV'),
    text: z.string().optional(),
    source: z.object({ kind: z.enum(['pdf', 'docx', 'json', 'text', 'edit']), fileName: z.string().optional() }),
    note: z.string().optional(),
    createdAt: Timestamp,
  }),
  job: z.object({
    posting: z.custom<JobPosting>((v) => JobPosting.safeParse(v).success, 'not a job posting'),
    url: z.string().optional(),
    site: z.string().optional(),
    contentHash: z.string().min(1).max(200),
    createdAt: Timestamp,
  }),
  application: z.object({
    jobId: Id,
    company: z.string(),
    title: z.string(),
    url: z.string().optional(),
    status: ApplicationStatus,
    statusHistory: z.array(StatusChange),
    notes: z.string(),
    lastRunId: Id.optional(),
    funnel: ApplicationFunnel.optional(),
    createdAt: Timestamp,
  }),
  interviewStep: InterviewStep.omit({ id: true }).extend({
    applicationId: Id,
    kind: InterviewStep.shape.kind.unwrap(),
    outcome: InterviewStep.shape.outcome.unwrap(),
    title: z.string(),
    notes: z.string(),
    createdAt: Timestamp,
  }),
  run: z.object({
    applicationId: Id,
    jobId: Id,
    cvVersionId: Id,
    run: z.custom<Run>((v) => Run.safeParse(v).success, 'not a run'),
    createdAt: Timestamp,
  }),
  /** Preferences that follow the user. Provider keys never sync: the device strips them before it pushes. */
  settings: z.object({ data: z.record(z.string(), z.unknown()), createdAt: Timestamp }),
} satisfies Record<SyncEntity, z.ZodType>;

export type SyncData = { [E in SyncEntity]: z.infer<(typeof SYNC_DATA)[E]> };

/** One change a device made, with an id the device made up: the server applies each mutation id at most once. */
export const Mutation = z.object({
  mutationId: SafeString.check(z.minLength(8), z.maxLength(100)),
  entity: SyncEntity,
  id: Id,
  op: z.enum(['put', 'delete']),
  /** When the device made the change (its clock, never going backwards on that device). */
  updatedAt: Timestamp,
  deviceId: Id,
  /** The record's content, for `put`. */
  data: z.unknown().optional(),
});
export type Mutation = z.infer<typeof Mutation>;

export const MAX_PUSH_MUTATIONS = 1000;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;

export const PushRequest = z.object({
  deviceId: Id,
  mutations: z.array(Mutation).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * What the push route checks as a whole: the envelope. Each mutation is then checked on its own (`parseMutation`),
 * so one a device cannot store is answered `rejected` alone and the others in the batch apply.
 */
export const PushEnvelope = z.object({
  deviceId: Id,
  mutations: z.array(z.unknown()).max(MAX_PUSH_MUTATIONS),
});

/** A record as the server holds it now: what a pull returns, and what a push answers for a mutation that lost. */
export const Change = z.object({
  entity: SyncEntity,
  id: Id,
  op: z.enum(['put', 'delete']),
  updatedAt: HeldTimestamp,
  deviceId: Id,
  /** The server's sequence number for this write: pulls page through changes in this order. */
  seq: z.number().int().nonnegative(),
  data: z.unknown().optional(),
});
export type Change = z.infer<typeof Change>;

/**
 * What became of each mutation:
 * - `applied`: the server now holds it;
 * - `duplicate`: this mutation id was applied before (a retried push); nothing changed;
 * - `stale`: a newer write (or, for an immutable record, the first one or its delete) is kept; `current` is that record.
 *   A retried mutation id that lost (when it first came, or to a write since) is answered `stale` too, not `duplicate`;
 * - `rejected`: the mutation is invalid and will never apply; `code` and `error` say why. The device parks it (out
 *   of its outbox, shown to the user) and syncs the rest: sending it again would be answered the same.
 */
export const REJECT_CODES = [...UNSAFE_CODES, 'DATE_OUT_OF_RANGE', 'INVALID', 'STORE_FAILED'] as const;
export const RejectCode = z.enum(REJECT_CODES);
export type RejectCode = z.infer<typeof RejectCode>;

export const MutationResult = z.object({
  mutationId: z.string(),
  status: z.enum(['applied', 'duplicate', 'stale', 'rejected']),
  current: Change.optional(),
  code: RejectCode.optional(),
  error: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({ results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

export const PullResponse = z.object({
  changes: z.array(Change),
  /** Pass this back as `cursor` to get what changed since. */
  cursor: z.number().int().nonnegative(),
  /** More changes are waiting: pull again at once. */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export type Rejection = { ok: false; code: RejectCode; error: string };

/** The reason code and message of a failed zod check: the first issue, with a date out of range told apart. */
function rejection(prefix: string, error: z.ZodError): Rejection {
  const first = error.issues[0];
  const params = first && 'params' in first ? (first.params as { code?: string } | undefined) : undefined;
  const code: RejectCode = params?.code === 'DATE_OUT_OF_RANGE' ? 'DATE_OUT_OF_RANGE' : params?.code === 'STRING_INVALID' ? 'STRING_INVALID' : 'INVALID';
  return { ok: false, code, error: `${prefix}${first ? `${first.path.join('.') || 'data'}: ${first.message}` : 'invalid'}` };
}

/** Checks a mutation's content against its entity; the message names what is wrong. */
export function checkData(entity: SyncEntity, data: unknown): { ok: true; data: SyncData[SyncEntity] } | Rejection {
  const r = SYNC_DATA[entity].safeParse(data);
  if (r.success) return { ok: true, data: r.data };
  return rejection(`${entity}: `, r.error);
}

/**
 * One mutation of a push as it came over the wire, checked whole: first what the database can hold (without recursion:
 * it may be nested 10,000 deep), then the protocol, then its content. A rejection keeps the mutation id when there is
 * a usable one, so the device can tell which change to park.
 */
export function parseMutation(raw: unknown): { ok: true; mutation: Mutation; data?: SyncData[SyncEntity] } | (Rejection & { mutationId: string }) {
  const rawId = raw && typeof raw === 'object' ? (raw as { mutationId?: unknown }).mutationId : undefined;
  const mutationId = typeof rawId === 'string' && rawId.length <= 100 && stringProblem(rawId) === undefined ? rawId : '';
  const unsafe = jsonProblem(raw);
  if (unsafe) return { ok: false, mutationId, code: unsafe.code, error: unsafe.message };
  const m = Mutation.safeParse(raw);
  if (!m.success) return { mutationId, ...rejection('', m.error) };
  if (m.data.entity === 'settings' && m.data.id !== SETTINGS_ID) return { ok: false, mutationId, code: 'INVALID', error: `settings: the id must be '${SETTINGS_ID}'` };
  if (m.data.op === 'delete') return { ok: true, mutation: m.data };
  const checked = checkData(m.data.entity, m.data.data);
  if (!checked.ok) return { mutationId, ...checked };
  return { ok: true, mutation: m.data, data: checked.data };
}

/** Last-writer-wins order: later `updatedAt` wins; on a tie, the larger device id (compared as code units, as Postgres' "C" collation does). */
export function newer(a: { updatedAt: string; deviceId: string }, b: { updatedAt: string; deviceId: string }): boolean {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  return a.deviceId > b.deviceId;
}
