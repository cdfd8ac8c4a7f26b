import { browser } from 'wxt/browser';
import { CvPathError } from '../../shared/errors';
import type { PageReading } from '../messaging';

/**
 * The readers (board adapters, the generic reader, hidden-text detection) as their own script, apart from the page
 * control: the always-on content script stays small, and this is parsed only when a posting is actually read.
 */
const READER_FILE = '/job-reader.js';

/**
 * Reads the posting in a tab, for the popup or for the tab's own page control, by injecting the reader there now; its
 * last value (what `readPage` returns) comes back as the injection's result. Board hosts are in the manifest's host
 * permissions for this; any other page is readable only with the activeTab grant the user gave by opening the popup.
 */
export async function scrapeTab(tabId: number): Promise<PageReading> {
  let results: { result?: unknown }[];
  try {
    results = await browser.scripting.executeScript({ target: { tabId }, files: [READER_FILE] });
  } catch {
    // chrome:// pages, the web store, PDFs and other tabs no extension may read
    return { posting: null, failures: [] };
  }
  const reading = results[0]?.result as PageReading | undefined;
  if (!reading || !Array.isArray(reading.failures)) {
    throw new CvPathError('INTERNAL', 'CVPath could not read this page.', { hint: 'Reload the page and open CVPath again, or paste the job text instead.' });
  }
  return reading;
}
