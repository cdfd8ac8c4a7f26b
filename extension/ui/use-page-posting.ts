import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { JobPosting, JobPostingInput } from '../../shared/schema/job-posting';
import { send } from '../messaging';

export type PagePosting =
  | { state: 'loading' }
  | { state: 'found'; posting: JobPosting; via?: string }
  | { state: 'none'; reason: 'no-script' | 'not-a-posting' };

/** The content script answers within this; a page without it never answers, so the popup must not wait longer. */
const SCRAPE_TIMEOUT_MS = 2500;

/**
 * Asks the background to read the active tab's posting: known boards answer from their content script, any other page
 * gets the same reader injected now (the user opened the popup on it, which grants activeTab). `?tabId=` names the tab
 * when the popup is opened as a page of its own (a detached window, or a test) rather than from the toolbar.
 */
export function usePagePosting(): PagePosting {
  const [result, setResult] = useState<PagePosting>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void (async (): Promise<PagePosting> => {
      const given = Number(new URLSearchParams(location.search).get('tabId'));
      const tabId = Number.isInteger(given) && given > 0 ? given : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (tabId === undefined) return { state: 'none', reason: 'no-script' };
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), SCRAPE_TIMEOUT_MS));
      const reply = await Promise.race([send('tab:scrape', { tabId }), timeout]);
      return reply.posting ? { state: 'found', posting: withDefaults(reply.posting), via: reply.via } : { state: 'none', reason: 'not-a-posting' };
    })()
      // no content script on this tab (not a job board, or a browser page): the paste box takes over
      .catch((): PagePosting => ({ state: 'none', reason: 'no-script' }))
      .then((r) => {
        if (live) setResult(r);
      });
    return () => {
      live = false;
    };
  }, []);
  return result;
}

/** The schema's defaults, filled in by hand: parsing with zod here would put zod in the popup's first load. */
export function withDefaults(p: JobPostingInput): JobPosting {
  return { ...p, company: p.company ?? '', remote: p.remote ?? 'unknown', warnings: p.warnings ?? [] };
}
