import { parseCvWithChain } from '../../shared/documents/import/parse-cv';
import { CvPathError, isCvPathError } from '../../shared/errors';
import type { ResilientCaller } from '../../shared/providers/chain';
import type { Handlers } from '../messaging/index';
import { postingSelector } from '../../shared/sites';
import type { AdapterFailure } from '../../shared/sites/types';
import { recordAdapterFailures } from '../store/adapter-failures';
import { db, type CvPathDb } from '../store/db';
import { saveJob } from '../store/jobs';
import { getSettings, resolveChain } from '../store/settings';
import type { RunManager } from './run-manager';

/** A page reports a handful of failures at most; more than this is not a page we should trust with our storage. */
const MAX_FAILURES = 20;
/** Far more text than a 10-page CV holds: anything longer is not a CV read by our own importer. */
const MAX_CV_TEXT = 200_000;

export interface HandlerDeps {
  runs: Pick<RunManager, 'start'>;
  db?: CvPathDb;
  openDashboard(path?: string): Promise<void>;
  openOptions(): Promise<void>;
  scrapeTab: NonNullable<Handlers['tab:scrape']>;
  /** The provider caller for reading CVs (tests pass a quick one); the shared default otherwise. */
  caller?: ResilientCaller;
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
    'page:read': (_, sender) => {
      if (sender.tabId === undefined) throw invalid('Only a page can ask to be read.');
      return deps.scrapeTab({ tabId: sender.tabId }, sender);
    },
    'page:probe': ({ url }) => {
      if (typeof url !== 'string' || !URL.canParse(url)) throw invalid('Which address to look at was not said.');
      return { selector: postingSelector(new URL(url)) };
    },
    'cv:parse': async ({ text }) => {
      if (typeof text !== 'string') throw invalid('No CV text was sent.');
      if (text.length > MAX_CV_TEXT) throw new CvPathError('INPUT_TOO_LARGE', 'This CV text is too long to be one CV.', { hint: 'Import the CV file itself, or paste only the CV.' });
      let resolved: Awaited<ReturnType<typeof resolveChain>>;
      try {
        resolved = await resolveChain(await getSettings(d), d);
      } catch (e) {
        // a key this browser can no longer decrypt must not stop the import: the offline reader still reads the CV
        const offline = await parseCvWithChain({ text, chain: [] });
        const { code, message, hint } = isCvPathError(e) ? e.toJSON() : { code: 'PROVIDER_CONFIG' as const, message: 'Your provider settings could not be read.', hint: undefined };
        return { ...offline, fallbackReason: { code, message, hint: hint ?? 'Enter your provider key again in the options.' } };
      }
      return parseCvWithChain({ text, chain: resolved.chains.CV_PARSER ?? resolved.chain, ...(deps.caller ? { caller: deps.caller } : {}) });
    },
    'page:config': async () => ({ showPageControl: (await getSettings(d)).privacy.showPageControl }),
  };
}

function isFailure(f: unknown): f is AdapterFailure {
  const x = f as Partial<AdapterFailure> | null;
  return !!x && [x.site, x.selector, x.version, x.message].every((v) => typeof v === 'string' && v.length <= 2000);
}

const invalid = (message: string) => new CvPathError('INPUT_INVALID', message, { hint: 'Reload the page and try again.' });
