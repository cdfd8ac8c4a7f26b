import { onBoard } from './catalogue';
import { cleanLocation, companyFromTitle, field, first, meta, miss, readDescription, workplace } from './dom';
import { collapse } from './text';
import type { SiteAdapter } from './types';

/**
 * Ashby (`jobs.ashbyhq.com/<co>/<uuid>`): stable `ashby-job-posting-*` class names for the heading and the two panes;
 * the left pane lists labelled fields (Location, Employment Type, Location Type, Compensation) whose own classes
 * are hashed, so they are read by their label. The description sits in the right pane's overview tab.
 * Test URL: https://jobs.ashbyhq.com/quillpad/2d4f6a8b-1c3e-4a5b-9d7f-0e2c4a6b8d9f
 */

const TITLE = ['.ashby-job-posting-heading', 'h1[class*="_title_"]', 'h1'];
const DESCRIPTION = ['#overview [class*="_descriptionText_"]', '.ashby-job-posting-right-pane [class*="_descriptionText_"]', '#overview'];
const FIELDS = '.ashby-job-posting-left-pane h2';

export const ashby: SiteAdapter = {
  id: 'ashby',
  version: '2025-01',
  matches: (url) => onBoard('ashby', url) && /^\/[^/]+\/[0-9a-f-]{36}\/?$/i.test(url.pathname),
  probe: [TITLE[0], DESCRIPTION[0]].join(', '),
  extract(doc, url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('Ashby', 'job title', TITLE);
    const desc = first(doc, DESCRIPTION);
    if (!desc) return miss('Ashby', 'description', DESCRIPTION);
    const { description, warnings } = readDescription(desc.el, doc, env);
    const labelled = labelledFields(doc);
    return {
      title,
      company: companyFromTitle(doc.title, title) ?? meta(doc, 'og:site_name') ?? url.pathname.split('/')[1] ?? '',
      location: cleanLocation(labelled.location),
      remote: workplace(labelled['location type'], labelled.location),
      employmentType: labelled['employment type'],
      salary: labelled.compensation,
      description,
      warnings,
    };
  },
};

/** "Location" → "Remote (Europe)": each left-pane heading and the text right after it. */
function labelledFields(doc: Document): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of doc.querySelectorAll(FIELDS)) {
    const value = collapse(h.nextElementSibling?.textContent ?? '');
    if (value) out[collapse(h.textContent ?? '').toLowerCase()] = value;
  }
  return out;
}
