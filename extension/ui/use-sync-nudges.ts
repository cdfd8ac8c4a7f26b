import { useEffect } from 'react';
import { send } from '../messaging';
import { db } from '../store/db';
import { onOutboxAdd } from '../sync/outbox-signal';

/**
 * Tells the background worker when a sync may be due, while sync is on: this page changed data (the worker does not
 * see a page's writes, and may be asleep), the page opened or came back into view (pull what other devices did), or
 * the network returned. With sync off, nothing is sent, not even to the worker.
 */
export function useSyncNudges(): void {
  useEffect(() => {
    const d = db();
    const nudge = (reason: 'change' | 'page' | 'online') => {
      d.sync
        .get('sync')
        .then((s) => (s?.enabled && s.token ? send('sync:nudge', { reason }) : undefined))
        .catch(() => {}); // a worker that is restarting misses one nudge; the next change or the alarm catches up
    };
    const unwatch = onOutboxAdd(d, () => nudge('change'));
    const online = () => nudge('online');
    const visible = () => {
      if (document.visibilityState === 'visible') nudge('page');
    };
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', visible);
    nudge('page');
    return () => {
      unwatch();
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', visible);
    };
  }, []);
}
