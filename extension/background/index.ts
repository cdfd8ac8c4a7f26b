import { browser } from 'wxt/browser';
import { handleMessages } from '../messaging/index';
import { db } from '../store/db';
import { SYNC_ALARM, SyncClient } from '../sync/client';
import { onOutboxAdd } from '../sync/outbox-signal';
import { openDashboard } from './dashboard';
import { backgroundHandlers } from './handlers';
import { createKeepalive } from './keepalive';
import { RunManager } from './run-manager';
import { RunPorts } from './run-ports';
import { syncHandlers } from './sync-handlers';
import { welcomeOnInstall } from './welcome';
import { scrapeTab } from './tab-scrape';

/** Wakes the worker to resume runs a dead worker left behind. It exists only while some run is in progress. */
export const RESUME_ALARM = 'cvpath:resume-runs';

/**
 * Everything the background worker does, wired to the browser. Listeners are added synchronously, as MV3 requires for
 * the events that wake a stopped worker; then the runs a previous worker left unfinished are taken over, and sync
 * (when the user turned it on) catches up.
 */
export function startBackground(): { runs: RunManager; sync: SyncClient } {
  const keepalive = createKeepalive(() => browser.runtime.getPlatformInfo());
  const ports: RunPorts = new RunPorts((runId) => runs.task(runId));
  const runs: RunManager = new RunManager({
    broadcast: ports.broadcast,
    keepAlive: () => {
      const release = keepalive.hold();
      // while a run is in progress, an alarm stands by: if Chrome stops the worker anyway, the alarm starts a new one
      if (keepalive.holds === 1) void browser.alarms.create(RESUME_ALARM, { periodInMinutes: 1 });
      return () => {
        release();
        if (keepalive.holds === 0) void browser.alarms.clear(RESUME_ALARM);
      };
    },
  });

  const sync = new SyncClient({
    alarms: browser.alarms,
    keepAlive: () => keepalive.hold(),
    isOnline: () => globalThis.navigator?.onLine !== false,
  });
  // the worker's own writes (a saved posting, a finished run); pages send 'sync:nudge' for theirs
  onOutboxAdd(db(), () => sync.nudge('change'));
  globalThis.addEventListener?.('online', () => sync.nudge('online'));

  browser.runtime.onConnect.addListener(ports.connect);
  browser.runtime.onInstalled.addListener((details) => void welcomeOnInstall(details, { create: (p) => browser.tabs.create(p), getURL: extensionUrl }).catch(() => {}));
  handleMessages({
    ...backgroundHandlers({
      runs,
      openDashboard: (path) => openDashboard({ tabs: browser.tabs, windows: browser.windows, getURL: extensionUrl }, path),
      openOptions: () => browser.runtime.openOptionsPage(),
      scrapeTab: ({ tabId }) => scrapeTab(tabId),
    }),
    ...syncHandlers(sync, extensionUrl('/')),
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RESUME_ALARM) void resume(false);
    if (alarm.name === SYNC_ALARM) sync.nudge('alarm');
  });

  const resume = async (coldStart: boolean) => {
    await runs.resume({ coldStart });
    // woken by the alarm with nothing left to resume: stop waking up every minute
    if (!runs.running.length) await browser.alarms.clear(RESUME_ALARM);
  };
  void resume(true);
  void sync.start().catch((e: unknown) => console.warn(`sync could not start: ${e instanceof Error ? e.message : String(e)}`));
  return { runs, sync };
}

/** `runtime.getURL` for any page: WXT types it only for the paths it last generated, which may not list new pages yet. */
const extensionUrl = (path: string): string => (browser.runtime as unknown as { getURL(p: string): string }).getURL(path);
