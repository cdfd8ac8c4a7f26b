import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Envelope, MessageType, Reply, Req, Res } from '../messaging/protocol';
import { saveCvVersion } from '../store/cvs';
import { db, type RunTaskRecord } from '../store/db';
import { deleteAllData } from '../store/data';
import { sampleCv, samplePosting } from '../store/test-db';
import type { RunPort } from './run-ports';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));
const { RESUME_ALARM, startBackground } = await import('./index');

type ConnectListener = (port: RunPort) => void;
let connect: ConnectListener | undefined;
let stopRuns: (() => Promise<void>) | undefined;

beforeEach(async () => {
  fakeBrowser.reset();
  await deleteAllData(db());
  // the fake browser leaves these out: the worker needs them
  Object.assign(fakeBrowser.runtime, {
    onConnect: { addListener: (fn: ConnectListener) => (connect = fn), removeListener: () => {}, hasListener: () => true },
    getPlatformInfo: async () => ({ os: 'linux', arch: 'x86-64' }),
    openOptionsPage: vi.fn(async () => {}),
  });
  const { runs, sync } = startBackground();
  stopRuns = () => (sync.stop(), runs.stop());
});
afterEach(async () => {
  await stopRuns?.();
});

async function send<T extends MessageType>(type: T, data: Req<T>): Promise<Reply<T>> {
  return await fakeBrowser.runtime.sendMessage<Envelope<T>, Reply<T>>({ cvpath: 1, type, data });
}
const ok = <T extends MessageType>(r: Reply<T>): Res<T> => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};

describe('background worker', () => {
  it('saves a job, refuses to run without a CV with a hint, then runs one followed over its port', async () => {
    const { jobId, applicationId } = ok(await send('job:save', { posting: samplePosting() }));
    expect(applicationId).toEqual(expect.any(String));
    expect(await send('run:start', { jobId })).toEqual({ ok: false, error: { code: 'CV_EMPTY', message: expect.any(String), hint: "Import your master CV in CVPath's options first." } });

    await saveCvVersion({ cv: sampleCv(), source: { kind: 'text' } });
    const { runId } = ok(await send('run:start', { jobId }));
    expect(await fakeBrowser.alarms.get(RESUME_ALARM)).toMatchObject({ periodInMinutes: 1 });

    const got: RunTaskRecord[] = [];
    const done = new Promise<void>((resolve) =>
      connect!({
        name: `run:${runId}`,
        postMessage: (t) => {
          got.push(t as RunTaskRecord);
          if ((t as RunTaskRecord).status !== 'running') resolve();
        },
        onDisconnect: { addListener: () => {} },
      }),
    );
    await done;
    expect(got.at(-1)).toMatchObject({ id: runId, status: 'succeeded', summary: expect.any(Object) });
    expect((await db().applications.get(applicationId))!.lastRunId).toBe(runId);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(RESUME_ALARM)).toBeUndefined());

    // asked again for the same posting and CV: the last result, not a second run; a new one only when asked by name
    expect(ok(await send('run:start', { jobId }))).toEqual({ runId, reused: true, cost: 'free (the offline engine runs on this computer)' });
    expect(await db().runTasks.count()).toBe(1);
    const again = ok(await send('run:start', { jobId, again: true }));
    expect(again.runId).not.toBe(runId);
    expect(again.reused).toBeUndefined();
    expect(await db().runTasks.count()).toBe(2);
    await vi.waitFor(async () => expect((await db().runTasks.get(again.runId))?.status).toBe('succeeded'));
  });

  it('folds adapter failures without page content, and opens the options page and the dashboard', async () => {
    const failure = { site: 'indeed', selector: '#jobDescriptionText', version: '2026-10', message: 'matched nothing' };
    ok(await send('adapter:failure', { url: 'https://www.indeed.com/viewjob?jk=1', failures: [failure, failure, { bogus: true } as never] }));
    expect(await db().adapterFailures.toArray()).toEqual([expect.objectContaining({ site: 'indeed', count: 2, url: 'https://www.indeed.com/viewjob' })]);
    ok(await send('options:open', {}));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalled();
    ok(await send('dashboard:open', { path: '/run/x' }));
    expect((await fakeBrowser.tabs.query({})).some((t) => t.url === 'chrome-extension://test-extension-id/dashboard.html#/run/x')).toBe(true);
  });

  it('answers sync and account messages only from its own pages, and with no account nothing syncs', async () => {
    // a content script's message carries the web page's address (the fake browser sends none at all)
    expect(await send('sync:now', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', hint: expect.any(String) } });
    const fromOptions = async <T extends MessageType>(type: T, data: Req<T>) =>
      (await fakeBrowser.runtime.onMessage.trigger({ cvpath: 1, type, data }, { url: 'chrome-extension://test-extension-id/options.html' })).find((r: unknown) => !!r) as unknown as Reply<T>;
    expect(await fromOptions('sync:now', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', hint: expect.stringMatching(/stays on this device/) } });
    expect(ok(await fromOptions('sync:configure', { serverUrl: 'https://sync.example.com/' }))).toMatchObject({ serverUrl: 'https://sync.example.com', enabled: false, signedIn: false });
    expect(await fromOptions('account:sign-in', { email: 'ada@example.com', password: 42 as never })).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
  });

  it('opens the welcome page on a fresh install, and not on an update', async () => {
    const welcome = () => fakeBrowser.tabs.query({}).then((tabs) => tabs.filter((t) => t.url === 'chrome-extension://test-extension-id/welcome.html'));
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9', temporary: false });
    expect(await welcome()).toHaveLength(0);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await vi.waitFor(async () => expect(await welcome()).toHaveLength(1));
  });

  it('rejects malformed messages with an error that says what to do', async () => {
    expect(await send('run:start', { jobId: 42 as never })).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID', hint: expect.any(String) } });
    expect(await send('job:save', { posting: { title: 'x' } as never })).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
  });
});
