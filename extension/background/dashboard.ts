/** The tab APIs opening the dashboard needs, so tests can pass a fake. */
export interface TabsApi {
  query(q: Record<string, never>): Promise<{ id?: number; windowId?: number; url?: string }[]>;
  update(tabId: number, p: { active: boolean; url: string }): Promise<unknown>;
  create(p: { url: string }): Promise<unknown>;
}
export interface WindowsApi {
  update(windowId: number, p: { focused: boolean }): Promise<unknown>;
}

/**
 * Opens the dashboard on `path` (`/run/<id>`, `/application/<id>`), reusing a dashboard tab that is already open: one
 * dashboard, brought to the front, rather than a new tab per click.
 */
export async function openDashboard(api: { tabs: TabsApi; windows?: WindowsApi; getURL(path: string): string }, path = '/'): Promise<void> {
  const page = api.getURL('/dashboard.html');
  const url = `${page}#${path.startsWith('/') ? path : `/${path}`}`;
  // the extension sees the addresses of its own pages without the "tabs" permission; other tabs show no url here
  const open = (await api.tabs.query({})).find((t) => t.url?.startsWith(page) && t.id !== undefined);
  if (!open) {
    await api.tabs.create({ url });
    return;
  }
  await api.tabs.update(open.id!, { active: true, url });
  if (open.windowId !== undefined) await api.windows?.update(open.windowId, { focused: true }).catch(() => {});
}
