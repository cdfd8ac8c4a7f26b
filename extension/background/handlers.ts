import { CvPathError } from '../../shared/errors';
import type { Handlers } from '../messaging/index';
import type { AdapterFailure } from '../../shared/sites/types';
import { recordAdapterFailures } from '../store/adapter-failures';
import { db, type CvPathDb } from '../store/db';
import { saveJob } from '../store/jobs';
import { getSettings } from '../store/settings';
import type { RunManager } from './run-manager';

/** A page reports a handful of failures at most; more than this is not a page we should trust with our storage. */
const MAX_FAILURES = 20;

export interface HandlerDeps {
  runs: Pick<RunManager, 'start'>;
  db?: CvPathDb;
  openDashboard(path?: string): Promise<void>;
  openOptions(): Promise<void>;
  scrapeTab: NonNullable<Handlers['tab:scrape']>;
}

/**
 * The messages the background answers. Content scripts live inside web pages, so what they send is checked here
 * (postings by their schema in saveJob, the rest below) before it reaches the store.
 */
export function backgroundHandlers(deps: HandlerDeps): Handlers {
  const d = deps.db ?? db();
  return {
    'job:save': async ({ posting }) => {
      const { jobId, applicationId } = await saveJob(posting, d);
      return { jobId, applicationId };
    },
    'run:start': ({ jobId, cvVersionId }) => {
      if (typeof jobId !== 'string' || !jobId) throw invalid('Which job to tailor for was not said.');
      return deps.runs.start({ jobId, ...(typeof cvVersionId === 'string' && cvVersionId ? { cvVersionId } : {}) });
    },
    'adapter:failure': async ({ url, failures }) => {
      if (typeof url !== 'string' || !Array.isArray(failures)) throw invalid('The failure report is malformed.');
      await recordAdapterFailures(url, failures.slice(0, MAX_FAILURES).filter(isFailure), d);
      return { ok: true };
    },
    'dashboard:open': async ({ path }) => {
      await deps.openDashboard(typeof path === 'string' ? path : undefined);
      return { ok: true };
    },
    'options:open': async () => {
      await deps.openOptions();
      return { ok: true };
    },
    'tab:scrape': deps.scrapeTab,
    'page:config': async () => ({ showPageControl: (await getSettings(d)).privacy.showPageControl }),
  };
}

function isFailure(f: unknown): f is AdapterFailure {
  const x = f as Partial<AdapterFailure> | null;
  return !!x && [x.site, x.selector, x.version, x.message].every((v) => typeof v === 'string' && v.length <= 2000);
}

const invalid = (message: string) => new CvPathError('INPUT_INVALID', message, { hint: 'Reload the page and try again.' });
