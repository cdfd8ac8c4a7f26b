import type { Table } from 'dexie';
import { STAGES, type StageId } from '../../shared/pipeline/stages';
import { SYNC_DATA, type SyncData, type SyncEntity } from '../../shared/sync/protocol';
import type { CvPathDb, ProviderConfig, SettingsRecord } from '../store/db';
import { DEFAULT_PRIVACY } from '../store/db';
import { keyMayFollow, PROVIDER_KINDS } from '../store/settings';

/**
 * How each synced entity maps between the device's Dexie records and the protocol's data (`SYNC_DATA`): the record
 * less its `id` and `updatedAt`, and for settings less what must not leave the device (provider keys).
 */

/** The table an entity lives in on the device. */
export function tableOf(d: CvPathDb, entity: SyncEntity): Table<{ id: string }, string> {
  const tables = { cv: d.cvs, cvVersion: d.cvVersions, job: d.jobs, application: d.applications, interviewStep: d.interviewSteps, run: d.runs, settings: d.settings };
  return tables[entity] as unknown as Table<{ id: string }, string>;
}

/** Every table sync writes to, for one transaction. */
export const syncedTables = (d: CvPathDb) => [d.cvs, d.cvVersions, d.jobs, d.applications, d.interviewSteps, d.runs, d.settings];

/**
 * A timestamp as the protocol wants it (UTC, milliseconds). Records written by older versions may carry other forms;
 * one malformed time must not make the server refuse the whole push.
 */
export function iso(value: unknown, fallback = new Date(0).toISOString()): string {
  const t = typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : NaN;
  return Number.isNaN(t) ? fallback : new Date(t).toISOString();
}

type Rec = Record<string, unknown>;
const defined = (o: Rec): Rec => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** A device record as the protocol's `updatedAt` and data. Immutable records have no `updatedAt`: their creation time is it. */
export function toSync(entity: SyncEntity, record: Rec): { updatedAt: string; data: unknown } {
  const createdAt = iso(record.createdAt ?? record.updatedAt);
  const updatedAt = iso(record.updatedAt ?? record.createdAt);
  switch (entity) {
    case 'cv':
      return { updatedAt, data: { name: record.name, currentVersionId: record.currentVersionId, createdAt } satisfies Rec };
    case 'cvVersion':
      return { updatedAt: createdAt, data: defined({ cvId: record.cvId, contentHash: record.contentHash, cv: record.cv, text: record.text, source: record.source, note: record.note, createdAt }) };
    case 'job':
      return { updatedAt, data: defined({ posting: record.posting, url: record.url, site: record.site, contentHash: record.contentHash, createdAt }) };
    case 'application':
      return {
        updatedAt,
        data: defined({
          jobId: record.jobId, company: record.company ?? '', title: record.title ?? '', url: record.url, status: record.status,
          statusHistory: record.statusHistory ?? [], notes: record.notes ?? '', lastRunId: record.lastRunId, funnel: record.funnel, createdAt,
        }),
      };
    case 'interviewStep':
      return { updatedAt, data: defined({ applicationId: record.applicationId, kind: record.kind, title: record.title ?? '', at: record.at, outcome: record.outcome, notes: record.notes ?? '', createdAt }) };
    case 'run':
      return { updatedAt: createdAt, data: { applicationId: record.applicationId, jobId: record.jobId, cvVersionId: record.cvVersionId, run: record.run, createdAt } satisfies Rec };
    case 'settings':
      return { updatedAt, data: { data: settingsData(record as unknown as SettingsRecord), createdAt: updatedAt } satisfies SyncData['settings'] };
  }
}

/** The preferences that follow the user. A provider's key never does: it is encrypted with this device's own vault key. */
export function settingsData(s: SettingsRecord): Rec {
  const providers = (s.providers ?? []).map(({ key: _key, ...p }) => p);
  return defined({ activeCvId: s.activeCvId, providers, chain: s.chain ?? [], chains: s.chains ?? {}, privacy: s.privacy ?? { ...DEFAULT_PRIVACY } });
}

/**
 * The record a change from the server stands for on this device, or undefined when its data is not valid (it is then
 * left out rather than stored broken). Settings are merged with this device's: each provider keeps this device's key
 * while its kind and address stay the same.
 */
export function fromSync(entity: SyncEntity, id: string, updatedAt: string, data: unknown, local?: SettingsRecord): Rec | undefined {
  const parsed = SYNC_DATA[entity].safeParse(data);
  if (!parsed.success) return undefined;
  if (entity === 'settings') return { ...mergeSettings((parsed.data as SyncData['settings']).data, updatedAt, local) };
  const d = parsed.data as Rec;
  // immutable records keep no `updatedAt` on the device
  return entity === 'cvVersion' || entity === 'run' ? { ...d, id } : { ...d, id, updatedAt };
}

export function mergeSettings(remote: Rec, updatedAt: string, local?: SettingsRecord): SettingsRecord {
  const providers = (Array.isArray(remote.providers) ? remote.providers : []).filter(isProvider).map((p): ProviderConfig => {
    const { key: _key, ...clean } = p; // a server that kept one must not have it reach the vault's place
    const mine = local?.providers.find((x) => x.id === p.id);
    return mine?.key && keyMayFollow(mine, clean) ? { ...clean, key: mine.key } : clean;
  });
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const chains: Partial<Record<StageId, string[]>> = {};
  const remoteChains = isObject(remote.chains) ? remote.chains : {};
  for (const stage of STAGES) if (Array.isArray(remoteChains[stage])) chains[stage] = ids(remoteChains[stage]);
  const privacy = { ...DEFAULT_PRIVACY };
  if (isObject(remote.privacy)) for (const k of Object.keys(privacy) as (keyof typeof privacy)[]) if (typeof remote.privacy[k] === 'boolean') privacy[k] = remote.privacy[k];
  return {
    id: 'settings',
    ...(typeof remote.activeCvId === 'string' ? { activeCvId: remote.activeCvId } : {}),
    providers,
    chain: ids(remote.chain),
    chains,
    privacy,
    updatedAt,
  };
}

const isObject = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);

function isProvider(p: unknown): p is ProviderConfig {
  return isObject(p) && typeof p.id === 'string' && typeof p.model === 'string' && PROVIDER_KINDS.includes(p.provider as ProviderConfig['provider']) && (p.baseUrl === undefined || typeof p.baseUrl === 'string');
}
