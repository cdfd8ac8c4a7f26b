import { cleanLocation, field, first, miss, readDescription, workplace } from './dom';
import { collapse } from './text';
import { onBoard } from './catalogue';
import type { SiteAdapter } from './types';

/**
 * LinkedIn, signed in (`/jobs/view/<id>`, and the right-hand pane of `/jobs/search/` and `/jobs/collections/` with
 * `?currentJobId=`: single-page navigation swaps the pane) and signed out (the guest page `/jobs/view/<slug>-<id>`,
 * whose description is clamped behind "Show more" with the full text in the DOM).
 * Test URLs: https://www.linkedin.com/jobs/view/3912345678/ ·
 * https://www.linkedin.com/jobs/search/?currentJobId=3912345678&keywords=data · https://www.linkedin.com/jobs/view/senior-data-engineer-at-x-3912345678
 */

/** The detail pane; on search pages the list of cards beside it holds other jobs' titles. */
const PANE = ['.jobs-search__job-details--container', '.jobs-search__job-details', '.job-view-layout', '.jobs-details', 'main'];
// Newest first: the 2024 signed-in "unified top card", the 2022 one, then the guest page.
const TITLE = ['.job-details-jobs-unified-top-card__job-title', '.jobs-unified-top-card__job-title', '.top-card-layout__title', '.topcard__title'];
const COMPANY = ['.job-details-jobs-unified-top-card__company-name', '.jobs-unified-top-card__company-name', '.topcard__org-name-link', '.top-card-layout__second-subline .topcard__flavor'];
const LOCATION = [
  '.job-details-jobs-unified-top-card__bullet',
  '.jobs-unified-top-card__bullet',
  '.job-details-jobs-unified-top-card__primary-description-container .tvm__text',
  '.topcard__flavor--bullet',
];
const DESCRIPTION = ['.jobs-description__content .jobs-box__html-content', '#job-details', '.jobs-description-content__text', '.show-more-less-html__markup', '.description__text'];
/** Pills ("Remote", "Full-time") above the signed-in description; the criteria list under the guest one. */
const INSIGHTS = ['.job-details-preferences-and-skills', '.job-details-jobs-unified-top-card__job-insight', '.jobs-unified-top-card__workplace-type', '.jobs-unified-top-card__job-insight', '.description__job-criteria-list'];
const CRITERIA = '.description__job-criteria-item';

export const linkedin: SiteAdapter = {
  id: 'linkedin',
  version: '2025-01',
  matches(url) {
    if (!onBoard('linkedin', url)) return false;
    if (/^\/jobs\/view\/[^/]+/.test(url.pathname)) return true;
    return /^\/jobs\/(search|collections)\b/.test(url.pathname) && url.searchParams.has('currentJobId');
  },
  probe: [TITLE[0], TITLE[1], TITLE[2], '#job-details'].join(', '),
  extract(doc, _url, env) {
    const pane = PANE.map((s) => doc.querySelector(s)).find((el) => el && first(el, TITLE)) ?? doc;
    const title = field(pane, TITLE, doc, env);
    if (!title) return miss('LinkedIn', 'job title', TITLE);
    const desc = first(pane, DESCRIPTION);
    if (!desc) return miss('LinkedIn', 'description', DESCRIPTION);
    const { description, warnings } = readDescription(desc.el, doc, env);
    // read with the screen-reader labels: the pills' visible words are aria-hidden duplicates of them
    const insights = INSIGHTS.flatMap((s) => [...pane.querySelectorAll(s)]).map((el) => collapse(el.textContent ?? '')).join(' · ');
    const location = field(pane, LOCATION, doc, env);
    return {
      title,
      company: field(pane, COMPANY, doc, env) ?? '',
      location: cleanLocation(location),
      remote: workplace(insights, location),
      employmentType: criterion(pane, /employment type/i) ?? insights?.match(/\b(Full-time|Part-time|Contract|Temporary|Internship)\b/)?.[1],
      description: description.replace(/^About the job\n\n/, ''),
      warnings,
    };
  },
};

/** A value from the guest page's criteria list ("Employment type: Full-time"). */
function criterion(root: ParentNode, label: RegExp): string | undefined {
  for (const item of root.querySelectorAll(CRITERIA)) {
    const [head, value] = [item.querySelector('h3'), item.querySelector('span')];
    if (head && label.test(head.textContent ?? '')) return value?.textContent?.trim() || undefined;
  }
  return undefined;
}
