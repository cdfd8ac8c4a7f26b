import { scrapeJobWithFailures } from '../../shared/sites';
import type { AdapterFailure } from '../../shared/sites/types';
import { send, type PageReading } from '../messaging';
import { HOST_TAG } from './host';
import { liveEnv } from './live-env';

/** What this page already reported, kept across injections: the reader runs in the extension's isolated world, once per read. */
interface ReaderMemory {
  reported: Set<string>;
}
const MEMORY = '__cvpathReader';

/**
 * Reads the posting on the page it runs in, with the live page's idea of what is hidden. The job-reader script runs
 * this each time the worker injects it (the user opened the popup, or clicked the page control); it never runs
 * unasked. Each broken selector is reported once per page life, not on every read.
 */
export function readPage(win: Window = window): PageReading {
  const t0 = performance.now();
  const { result, failures } = scrapeJobWithFailures(win.document, new URL(win.location.href), liveEnv(win));
  const ms = performance.now() - t0;
  // the figure the end-to-end test prints, on the page's control when there is one
  const host = win.document.querySelector<HTMLElement>(HOST_TAG);
  if (host) host.dataset.scrapeMs = ms.toFixed(2);
  reportFailures(win, failures);
  return { posting: result?.posting ?? null, via: result?.via, failures };
}

function reportFailures(win: Window, all: AdapterFailure[]): void {
  const g = win as unknown as Record<string, ReaderMemory | undefined>;
  const memory = (g[MEMORY] ??= { reported: new Set() });
  const key = (f: AdapterFailure) => `${f.site}|${f.selector}|${f.version}`;
  const failures = all.filter((f) => !memory.reported.has(key(f)));
  if (!failures.length) return;
  for (const f of failures) memory.reported.add(key(f));
  send('adapter:failure', { url: win.location.origin + win.location.pathname, failures }).catch(() => {});
}
