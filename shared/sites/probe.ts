/**
 * The page half of "is this a posting?", apart from the readers: the always-on content script imports only this file,
 * so it stays small however many readers the extension gains. The address half (which board, which probe) is
 * `postingSelector` in ./index, answered by the background worker for the content script.
 */

/** Where a page declares its JobPosting for search engines. */
export const LD_SELECTOR = 'script[type="application/ld+json"]';

/**
 * Cheap enough for every navigation (one or two querySelectors, no text walk): has a posting rendered on this page?
 * `selector` is what the address says to look for (`postingSelector`); any page with JobPosting JSON-LD is one too.
 */
export function showsPosting(doc: Document, selector: string | null): boolean {
  if (selector && doc.querySelector(selector)) return true;
  for (const s of doc.querySelectorAll(LD_SELECTOR)) if ((s.textContent ?? '').includes('JobPosting')) return true;
  return false;
}
