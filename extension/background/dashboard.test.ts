import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { openDashboard } from './dashboard';

const api = () => ({ tabs: fakeBrowser.tabs as never, windows: fakeBrowser.windows as never, getURL: (p: string) => fakeBrowser.runtime.getURL(p) });
const DASH = 'chrome-extension://test-extension-id/dashboard.html';

describe('openDashboard', () => {
  beforeEach(() => fakeBrowser.reset());

  it('opens the dashboard on a path, then reuses that tab for the next path', async () => {
    await openDashboard(api(), '/run/r1');
    let dash = (await fakeBrowser.tabs.query({})).filter((t) => t.url?.startsWith(DASH));
    expect(dash.map((t) => t.url)).toEqual([`${DASH}#/run/r1`]);
    const update = vi.spyOn(fakeBrowser.tabs, 'update');
    await openDashboard(api(), 'application/a1');
    expect(update).toHaveBeenCalledWith(expect.any(Number), { active: true, url: `${DASH}#/application/a1` });
    dash = (await fakeBrowser.tabs.query({})).filter((t) => t.url?.startsWith(DASH));
    expect(dash.map((t) => t.url)).toEqual([`${DASH}#/application/a1`]);
    await openDashboard(api());
    expect((await fakeBrowser.tabs.query({})).filter((t) => t.url?.startsWith(DASH)).map((t) => t.url)).toEqual([`${DASH}#/`]);
  });
});
