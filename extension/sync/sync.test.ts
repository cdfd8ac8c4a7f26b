import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleData } from '../../backend/test/api';
import { DATABASES } from '../../backend/test/databases';
import { addInterviewStep, deleteApplication, getApplication, setApplicationNotes, setApplicationStatus } from '../store/applications';
import { saveCvVersion } from '../store/cvs';
import { recordChange, type CvPathDb } from '../store/db';
import { saveJob } from '../store/jobs';
import { getSettings, resolveChain, saveProvider, setChain, setPrivacy } from '../store/settings';
import { sampleCv, samplePosting } from '../store/test-db';
import { pending, snapshot, startBackend, device, type Device, type TestBackend } from './test-devices';

const KEY = 'sk-test-sync-SECRET-0123456789abcdef';
const PASSWORD = 'correct horse battery';
let n = 0;
const email = () => `user${++n}-${Date.now()}@example.com`;

/** A finished run as the run manager stores it: immutable, with its outbox entry in the same transaction. */
async function addRun(d: CvPathDb, applicationId: string, jobId: string, cvVersionId: string): Promise<string> {
  const id = crypto.randomUUID();
  const { run } = sampleData.run(applicationId, id);
  await d.transaction('rw', [d.runs, d.applications, d.outbox], async (tx) => {
    await d.runs.add({ id, applicationId, jobId, cvVersionId, createdAt: run.createdAt, run });
    await recordChange(tx, 'run', id);
    const app = (await d.applications.get(applicationId))!;
    await d.applications.put({ ...app, lastRunId: id, updatedAt: new Date().toISOString() });
    await recordChange(tx, 'application', applicationId);
  });
  return id;
}

/** A device that has used CVPath for a while without sync: a CV, a provider with its key, a job, a run, a step. */
async function busyDevice(dev: Device) {
  const { cvId, versionId } = await saveCvVersion({ cv: sampleCv(), source: { kind: 'text' } }, dev.db);
  const provider = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }, dev.db);
  await setChain([provider.id], dev.db);
  const { jobId, applicationId } = await saveJob(samplePosting(), dev.db);
  await setApplicationStatus(applicationId, 'applied', dev.db);
  await addInterviewStep(applicationId, { kind: 'screen', title: 'Recruiter call' }, dev.db);
  const runId = await addRun(dev.db, applicationId, jobId, versionId);
  return { cvId, versionId, provider, jobId, applicationId, runId };
}

describe.each(DATABASES)('sync with the real backend on $kind', (kind) => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startBackend(kind);
  });
  afterAll(async () => {
    await backend?.drop();
  });

  it('two devices on one account converge: everything one made shows on the other, and edits flow both ways', async () => {
    const a = device(backend, 'laptop');
    const b = device(backend, 'desktop');
    const made = await busyDevice(a);
    const who = email();
    await a.client.register({ email: who, password: PASSWORD });
    await a.client.syncNow();
    expect(await pending(a.db)).toBe(0);

    await b.client.signIn({ email: who, password: PASSWORD });
    await b.client.syncNow();
    expect(await snapshot(b.db)).toEqual(await snapshot(a.db));
    expect((await getApplication(made.applicationId, b.db))!.steps.map((s) => s.title)).toEqual(['Recruiter call']);
    // the provider came over without its key: the other device types its own
    expect((await getSettings(b.db)).providers).toEqual([expect.not.objectContaining({ key: expect.anything() })]);

    await setApplicationStatus(made.applicationId, 'interviewing', b.db);
    await setApplicationNotes(made.applicationId, 'Ask about on-call.', b.db);
    await b.client.syncNow();
    await a.client.syncNow();
    expect(await getApplication(made.applicationId, a.db)).toMatchObject({ status: 'interviewing', notes: 'Ask about on-call.' });
    expect(await snapshot(a.db)).toEqual(await snapshot(b.db));
    expect((await a.client.status()).lastError).toBeUndefined();
  });

  it('a change the server refuses is parked and shown; it is not sent again, and everything else syncs', async () => {
    const a = device(backend, 'laptop');
    const b = device(backend, 'desktop');
    const made = await busyDevice(a);
    // text no database can hold (a lone surrogate, as a broken paste can leave): the server refuses this one record
    await setApplicationNotes(made.applicationId, 'Call back \ud800', a.db);
    const who = email();
    await a.client.register({ email: who, password: PASSWORD });
    await a.client.syncNow();
    const status = await a.client.status();
    expect(status.pending).toBe(0);
    expect(status.lastError).toBeUndefined();
    expect(status.rejected).toEqual([expect.objectContaining({ entity: 'application', id: made.applicationId, code: 'STRING_INVALID' })]);
    const pushes = backend.pushBodies.length;
    await a.client.syncNow();
    expect(backend.pushBodies.length).toBe(pushes);

    await b.client.signIn({ email: who, password: PASSWORD });
    await b.client.syncNow();
    expect(await getApplication(made.applicationId, b.db)).toBeUndefined();
    expect(await b.db.jobs.get(made.jobId)).toBeDefined();
    expect(await b.db.cvVersions.get(made.versionId)).toBeDefined();
    // the refused change stays on the device that made it; fixed, it syncs
    expect((await getApplication(made.applicationId, a.db))!.notes).toBe('Call back \ud800');
    await setApplicationNotes(made.applicationId, 'Call back Monday', a.db);
    await a.client.syncNow();
    await b.client.syncNow();
    expect((await getApplication(made.applicationId, b.db))!.notes).toBe('Call back Monday');
  });

  it('a step added on each device to the same application: both survive', async () => {
    const a = device(backend, 'a');
    const b = device(backend, 'b');
    const { applicationId } = await saveJob(samplePosting(), a.db);
    const who = email();
    await a.client.register({ email: who, password: PASSWORD });
    await a.client.syncNow();
    await b.client.signIn({ email: who, password: PASSWORD });
    await b.client.syncNow();

    // both offline: each adds a step, and each also changes the application itself
    await addInterviewStep(applicationId, { kind: 'screen', title: 'Phone screen (added on a)' }, a.db);
    await setApplicationStatus(applicationId, 'interviewing', a.db);
    await addInterviewStep(applicationId, { kind: 'technical', title: 'Take-home (added on b)' }, b.db);
    await setApplicationNotes(applicationId, 'from b', b.db);
    await a.client.syncNow();
    await b.client.syncNow();
    await a.client.syncNow();

    for (const dev of [a, b]) {
      const app = (await getApplication(applicationId, dev.db))!;
      expect(app.steps.map((s) => s.title).sort(), dev.name).toEqual(['Phone screen (added on a)', 'Take-home (added on b)']);
    }
    expect(await snapshot(a.db)).toEqual(await snapshot(b.db));
  });

  it('provider keys never appear in any push, and each device keeps its own key while the provider stays where it was', async () => {
    const a = device(backend, 'a');
    const b = device(backend, 'b');
    const { provider } = await busyDevice(a);
    const before = backend.pushBodies.length;
    const who = email();
    await a.client.register({ email: who, password: PASSWORD });
    await a.client.syncNow();
    await b.client.signIn({ email: who, password: PASSWORD });
    await b.client.syncNow();
    // another device changes the settings: a's provider keeps a's key
    await setPrivacy({ keepRunInputs: false }, b.db);
    await b.client.syncNow();
    await a.client.syncNow();
    expect((await getSettings(a.db)).privacy.keepRunInputs).toBe(false);
    expect((await resolveChain(await getSettings(a.db), a.db)).chain).toEqual([{ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }]);

    // b types its own key: it stays on b, and a's stays on a
    await saveProvider({ id: provider.id, provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-test-b-own-key-0123456789' }, b.db);
    await b.client.syncNow();
    await a.client.syncNow();
    expect((await resolveChain(await getSettings(a.db), a.db)).chain[0]!.apiKey).toBe(KEY);

    // b points the provider at another address: a's key must not follow it there
    await saveProvider({ id: provider.id, provider: 'openai', model: 'gpt-4o-mini', baseUrl: 'https://proxy.example.com/v1' }, b.db);
    await b.client.syncNow();
    await a.client.syncNow();
    expect((await getSettings(a.db)).providers[0]).toMatchObject({ baseUrl: 'https://proxy.example.com/v1' });
    expect((await getSettings(a.db)).providers[0]!.key).toBeUndefined();

    const pushes = backend.pushBodies.slice(before);
    expect(pushes.some((p) => p.includes('"settings"'))).toBe(true);
    for (const body of pushes) {
      expect(body).not.toContain(KEY);
      expect(body).not.toContain('sk-test-b-own-key');
      for (const m of JSON.parse(body).mutations as { entity: string; data?: { data: { providers?: object[] } } }[]) {
        if (m.entity === 'settings') for (const p of m.data?.data.providers ?? []) expect(p).not.toHaveProperty('key');
      }
    }
  });

  it('an offline device keeps its changes and its outbox, says so, and syncs them once the network returns', async () => {
    const a = device(backend, 'a', { random: () => 0 });
    const b = device(backend, 'b');
    const who = email();
    await a.client.register({ email: who, password: PASSWORD });
    await a.client.syncNow();
    await b.client.signIn({ email: who, password: PASSWORD });

    a.offline = true;
    const { applicationId } = await saveJob(samplePosting(), a.db);
    await setApplicationStatus(applicationId, 'applied', a.db);
    const waiting = await pending(a.db);
    expect(waiting).toBe(2);
    await expect(a.client.syncNow()).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE', hint: expect.stringMatching(/npm start/) });
    await expect(a.client.syncNow()).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE' });
    const status = await a.client.status();
    expect(status).toMatchObject({ pending: waiting, syncing: false, lastError: { code: 'SERVER_UNREACHABLE' } });
    // the second failure in a row waits twice as long as the first (no jitter here: random() is 0)
    expect(Date.parse(status.nextAttemptAt!) - Date.now()).toBeGreaterThan(1_000);

    a.offline = false;
    await a.client.syncNow();
    const back = await a.client.status();
    expect([back.pending, back.lastError, back.nextAttemptAt]).toEqual([0, undefined, undefined]);
    await b.client.syncNow();
    expect(await getApplication(applicationId, b.db)).toMatchObject({ status: 'applied' });
  });

  it('a guest who registers keeps everything, and a second device signing in finds all of it', async () => {
    const a = device(backend, 'a');
    const made = await busyDevice(a);
    await a.client.signInAsGuest();
    await a.client.syncNow();
    const guest = (await a.client.status()).user!;
    expect(guest.isAnonymous).toBe(true);

    // more history while a guest, then registering with the guest's session: the server moves the guest's data
    await addInterviewStep(made.applicationId, { kind: 'onsite', title: 'On-site loop' }, a.db);
    await a.client.syncNow();
    const who = email();
    const status = await a.client.register({ email: who, password: PASSWORD });
    expect(status.user).toMatchObject({ email: who, isAnonymous: false });
    expect(status.user!.id).not.toBe(guest.id);
    await a.client.syncNow();
    expect((await a.db.sync.get('sync'))!.cursor).toBeGreaterThan(0);

    const b = device(backend, 'b');
    await b.client.signIn({ email: who, password: PASSWORD });
    await b.client.syncNow();
    expect(await snapshot(b.db)).toEqual(await snapshot(a.db));
    expect((await getApplication(made.applicationId, b.db))!.steps.map((s) => s.title)).toEqual(['Recruiter call', 'On-site loop']);
    expect(await b.db.runs.get(made.runId)).toBeDefined();
  });

  it('the same posting saved on two devices before they synced is one job and one application', async () => {
    const a = device(backend, 'a');
    const b = device(backend, 'b');
    const onA = await saveJob(samplePosting(), a.db);
    const onB = await saveJob(samplePosting({ scrapedAt: '2026-12-24T08:00:00.000Z' }), b.db);
    expect(onB).toEqual(onA);
    await setApplicationStatus(onA.applicationId, 'applied', a.db);
    const who = email();
    await a.client.register({ email: who, password: PASSWORD });
    await a.client.syncNow();
    await b.client.signIn({ email: who, password: PASSWORD });
    await b.client.syncNow();
    await a.client.syncNow();
    for (const dev of [a, b]) {
      expect(await dev.db.jobs.count(), dev.name).toBe(1);
      expect(await dev.db.applications.count(), dev.name).toBe(1);
    }
    expect(await snapshot(a.db)).toEqual(await snapshot(b.db));
  });

  it('a pulled posting that a device also holds under an older, random id is applied next to it: nothing throws, nothing is lost', async () => {
    const a = device(backend, 'a');
    const b = device(backend, 'b');
    const onA = await saveJob(samplePosting(), a.db);
    // b saved the same posting with an extension older than v3: a random id, same content hash
    const mine = (await a.db.jobs.get(onA.jobId))!;
    const app = (await a.db.applications.get(onA.applicationId))!;
    await b.db.transaction('rw', [b.db.jobs, b.db.applications, b.db.outbox], async (tx) => {
      await b.db.jobs.add({ ...mine, id: 'legacy-job' });
      await b.db.applications.add({ ...app, id: 'legacy-app', jobId: 'legacy-job', notes: 'kept' });
      await recordChange(tx, 'job', 'legacy-job');
      await recordChange(tx, 'application', 'legacy-app');
    });
    const who = email();
    await a.client.register({ email: who, password: PASSWORD });
    await a.client.syncNow();
    await b.client.signIn({ email: who, password: PASSWORD });
    await b.client.syncNow();
    expect(await b.db.jobs.where('contentHash').equals(mine.contentHash).count()).toBe(2);
    expect((await b.db.applications.get('legacy-app'))!.notes).toBe('kept');
    await a.client.syncNow();
    expect(await snapshot(a.db)).toEqual(await snapshot(b.db));
  });

  it('a delete on one device removes the application, its steps and its posting on the other', async () => {
    const a = device(backend, 'a');
    const b = device(backend, 'b');
    const { applicationId } = await saveJob(samplePosting(), a.db);
    await addInterviewStep(applicationId, { title: 'Screen' }, a.db);
    const who = email();
    await a.client.register({ email: who, password: PASSWORD });
    await a.client.syncNow();
    await b.client.signIn({ email: who, password: PASSWORD });
    await b.client.syncNow();

    await deleteApplication(applicationId, a.db);
    await a.client.syncNow();
    await b.client.syncNow();
    expect(await b.db.applications.count()).toBe(0);
    expect(await b.db.interviewSteps.count()).toBe(0);
    expect(await b.db.jobs.count()).toBe(0);
  });

  it('a session revoked elsewhere signs the device out of sync, keeping its changes for when the user signs in again', async () => {
    const a = device(backend, 'a');
    const b = device(backend, 'b');
    const who = email();
    await a.client.register({ email: who, password: PASSWORD });
    await b.client.signIn({ email: who, password: PASSWORD });
    const sessions = await b.client.sessions();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toMatch(/token/i);
    await b.client.revokeSession(sessions.find((s) => !s.current)!.id);

    await saveJob(samplePosting(), a.db);
    await expect(a.client.syncNow()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await a.client.status()).toMatchObject({ signedIn: false, user: { email: who }, pending: 2, lastError: { hint: expect.stringMatching(/Sign in again/) } });
    await a.client.signIn({ email: who, password: PASSWORD });
    await a.client.syncNow();
    expect(await pending(a.db)).toBe(0);
    const { devices } = await a.client.account();
    expect(devices.find((x) => x.current)).toBeDefined();
  });

  it('says what went wrong in words that say what to do: wrong password, taken email, no server', async () => {
    const a = device(backend, 'a');
    const who = email();
    await a.client.register({ email: who, password: PASSWORD });
    await a.client.signOut();
    expect(await a.client.status()).toMatchObject({ signedIn: false, enabled: false });
    await expect(a.client.signIn({ email: who, password: 'not the password' })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'The email or password is wrong.', hint: expect.stringMatching(/Forgot password/) });
    await expect(a.client.register({ email: who, password: 'another good password' })).rejects.toMatchObject({ code: 'CONFLICT', hint: expect.stringMatching(/sign in/) });
    // the server answered that sign-up as any other (so it tells nobody the address is taken) and mailed the owner
    expect(backend.api.mail.sent.at(-1)).toMatchObject({ to: who, subject: 'Your CVPath account' });
    expect(await a.client.status()).toMatchObject({ signedIn: false });
    await expect(a.client.register({ email: 'x@example.com', password: 'short' })).rejects.toMatchObject({ code: 'INPUT_INVALID', hint: expect.stringMatching(/10 characters/) });
    a.offline = true;
    await expect(a.client.signIn({ email: who, password: PASSWORD })).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE', message: expect.stringContaining('http://localhost:8787'), hint: expect.stringMatching(/npm start/) });
    a.offline = false;
    await a.client.requestPasswordReset(who);
    expect(backend.api.mail.sent.at(-1)).toMatchObject({ to: who, subject: expect.stringMatching(/reset/i) });
  });
});
