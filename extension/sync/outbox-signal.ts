import type { Transaction } from 'dexie';
import type { CvPathDb } from '../store/db';

/**
 * Calls `listener` once a transaction that added a local change to the outbox has committed, in whatever context made
 * it (a page or the worker). Remote changes never add outbox entries, so applying a pull does not signal. The call
 * comes outside Dexie's transaction, so the listener may do anything.
 */
export function onOutboxAdd(d: CvPathDb, listener: () => void): () => void {
  const signalled = new WeakSet<Transaction>();
  const creating = (_key: unknown, _obj: unknown, tx: Transaction) => {
    if (signalled.has(tx)) return;
    signalled.add(tx);
    tx.on('complete', () => setTimeout(listener, 0));
  };
  d.outbox.hook('creating', creating);
  return () => d.outbox.hook('creating').unsubscribe(creating);
}
