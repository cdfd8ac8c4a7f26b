import type { Application } from '../../shared/schema/application';
import { toStep } from './applications';
import { db, type CvPathDb, type CvRecord, type CvVersionRecord, type JobRecord, type ProviderConfig, type RunRecord, type SettingsRecord } from './db';
import { getSettings } from './settings';

/** A provider as exported: whether it had a key, never the key or its ciphertext (which no other device could read). */
export type ExportedProvider = Omit<ProviderConfig, 'key'> & { hadKey: boolean };

export interface DataExport {
  format: 'cvpath-export';
  version: 1;
  exportedAt: string;
  cvs: CvRecord[];
  cvVersions: CvVersionRecord[];
  jobs: JobRecord[];
  /** With their interview steps, as the app shows them (the store keeps steps apart for sync). */
  applications: Application[];
  runs: RunRecord[];
  settings: Omit<SettingsRecord, 'providers'> & { providers: ExportedProvider[] };
}

/** Everything the user made, as one JSON-ready object for "Download my data". */
export async function exportAllData(d: CvPathDb = db()): Promise<DataExport> {
  return d.transaction('r', [d.cvs, d.cvVersions, d.jobs, d.applications, d.interviewSteps, d.runs, d.settings], async () => {
    const [cvs, cvVersions, jobs, apps, steps, runs, settings] = await Promise.all([
      d.cvs.toArray(),
      d.cvVersions.toArray(),
      d.jobs.toArray(),
      d.applications.toArray(),
      d.interviewSteps.toArray(),
      d.runs.toArray(),
      getSettings(d),
    ]);
    const stepsOf = new Map<string, typeof steps>();
    for (const s of steps.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) stepsOf.set(s.applicationId, [...(stepsOf.get(s.applicationId) ?? []), s]);
    const applications = apps.map((a) => ({ ...a, steps: (stepsOf.get(a.id) ?? []).map(toStep) }));
    const providers = settings.providers.map(({ key, ...p }) => ({ ...p, hadKey: !!key }));
    return { format: 'cvpath-export', version: 1, exportedAt: new Date().toISOString(), cvs, cvVersions, jobs, applications, runs, settings: { ...settings, providers } };
  });
}

/**
 * Deletes everything this device holds, in one transaction: the user's data, the vault key (so old key ciphertexts,
 * wherever they ended up, can never be read again), caches, live tasks, failure counts, unsent changes and the sync
 * session (sync turns off, so nothing comes back from the server until the user signs in again).
 */
export async function deleteAllData(d: CvPathDb = db()): Promise<void> {
  await d.transaction('rw', d.tables, async () => {
    await Promise.all(d.tables.map((t) => t.clear()));
  });
}
