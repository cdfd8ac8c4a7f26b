import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_PRIVACY, db, type SettingsRecord } from '../store/db';

/** The settings row, live; a fresh install (no row yet) reads as the defaults. `undefined` while loading. */
export function useSettings(): SettingsRecord | undefined {
  return useLiveQuery(async () => {
    const s = await db().settings.get('settings');
    return {
      id: 'settings' as const,
      providers: s?.providers ?? [],
      chain: s?.chain ?? [],
      chains: s?.chains ?? {},
      privacy: { ...DEFAULT_PRIVACY, ...s?.privacy },
      activeCvId: s?.activeCvId,
      updatedAt: s?.updatedAt ?? '',
    };
  }, []);
}
