import { browser } from 'wxt/browser';
import { CvPathError } from '../../shared/errors';
import { hostPermissionFor } from './provider-kinds';

/**
 * Asks the user to let CVPath reach a sync server that the manifest does not already allow (anything but a server on
 * this computer). Call it first thing in a click handler: Chrome asks only while the click counts as a user gesture.
 */
export async function ensureServerPermission(serverUrl: string): Promise<void> {
  const perm = hostPermissionFor(serverUrl);
  if (perm.error) throw new CvPathError('INPUT_INVALID', perm.error, { hint: 'Use the https address of your CVPath server, or http://localhost:8787 for one on this computer.' });
  if (perm.origin && !(await browser.permissions.request({ origins: [perm.origin] }))) {
    throw new CvPathError('FORBIDDEN', `CVPath was not allowed to reach ${new URL(serverUrl).hostname}.`, { hint: 'Allow it when Chrome asks: sync needs to reach your server.' });
  }
}
