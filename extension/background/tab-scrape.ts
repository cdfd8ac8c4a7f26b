import { browser } from 'wxt/browser';
import { CvPathError } from '../../shared/errors';
import { sendToTab, type Res } from '../messaging';

/** The content script as WXT builds it: injected on demand into pages no board pattern matched. */
const READER_FILE = 'content-scripts/job-page.js';

const NOT_THERE = /Receiving end does not exist|Could not establish connection/i;

/**
 * Reads the posting in a tab for the popup. Known boards already run the content script; on any other careers page the
 * reader is injected now, with the activeTab grant the user gave by opening the popup, and never before.
 */
export async function scrapeTab(tabId: number): Promise<Res<'tab:scrape'>> {
  try {
    return await sendToTab(tabId, 'page:scrape', {});
  } catch (e) {
    if (!(e instanceof Error) || !NOT_THERE.test(e.message)) throw e;
  }
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [READER_FILE] });
  } catch {
    // chrome:// pages, the web store, PDFs and other tabs no extension may read
    return { posting: null, failures: [] };
  }
  try {
    return await sendToTab(tabId, 'page:scrape', {});
  } catch (e) {
    throw new CvPathError('INTERNAL', 'CVPath could not read this page.', { hint: 'Reload the page and open CVPath again, or paste the job text instead.', cause: e });
  }
}
