/** The install event's details, as much as deciding on the welcome page needs. */
export interface InstalledDetails {
  reason: string;
}

/**
 * Opens the welcome page on a fresh install only: an update or a browser update must not open a tab the user did not
 * ask for.
 */
export async function welcomeOnInstall(details: InstalledDetails, api: { create(p: { url: string }): Promise<unknown>; getURL(path: string): string }): Promise<void> {
  if (details.reason !== 'install') return;
  await api.create({ url: api.getURL('/welcome.html') });
}
