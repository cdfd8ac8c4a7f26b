import { onBoard } from './catalogue';
import { cleanLocation, companyFromTitle, field, first, miss, readDescription, workplace } from './dom';
import type { SiteAdapter } from './types';

/**
 * Lever (`jobs.lever.co/<co>/<uuid>`, also `jobs.eu.lever.co`): a headline with category chips, then the description
 * as a row of sections (an intro, titled lists, a closing note) and a last section that is only the apply button.
 * Test URL: https://jobs.lever.co/tidewater/5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d
 */

const TITLE = ['.posting-headline h2', '.posting-header h2', '[data-qa="posting-name"]'];
const LOCATION = ['.posting-categories .location', '.posting-category.location', '.sort-by-location'];
const COMMITMENT = ['.posting-categories .commitment', '.sort-by-commitment'];
const WORKPLACE = ['.posting-categories .workplaceTypes', '.posting-category.workplaceTypes'];
const DESCRIPTION = ['[data-qa="job-description"]', '.posting-page .section-wrapper .section[data-qa]'];
/** Every content section; the header and the apply-button row are sections too, and are skipped. */
const SECTIONS = '.section-wrapper .section';
const NOT_CONTENT = ['.posting-header', '.last-section-apply', '[data-qa="btn-apply-bottom"]', '.application-form'];
const LOGO = ['.main-header-logo img[alt]', 'header img[alt]'];

export const lever: SiteAdapter = {
  id: 'lever',
  version: '2025-01',
  matches: (url) => onBoard('lever', url) && /^\/[^/]+\/[0-9a-f-]{36}\/?$/i.test(url.pathname),
  probe: [...TITLE, DESCRIPTION[0]].join(', '),
  extract(doc, url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('Lever', 'job title', TITLE);
    const intro = first(doc, DESCRIPTION);
    if (!intro) return miss('Lever', 'description', DESCRIPTION);
    const sections = [...doc.querySelectorAll(SECTIONS)].filter((s) => !NOT_CONTENT.some((sel) => s.matches(sel)) && !s.querySelector('.posting-headline'));
    const { description, warnings } = readDescription(sections.length ? sections : intro.el, doc, env);
    const location = field(doc, LOCATION, doc, env);
    const logo = LOGO.map((s) => doc.querySelector(s)?.getAttribute('alt')).find(Boolean)?.replace(/\s+logo$/i, '');
    return {
      title,
      company: companyFromTitle(doc.title, title) ?? logo ?? url.pathname.split('/')[1] ?? '',
      location: cleanLocation(location?.replace(/\s*\/\s*$/, '')),
      remote: workplace(field(doc, WORKPLACE, doc, env), location),
      employmentType: field(doc, COMMITMENT, doc, env)?.replace(/\s*\/\s*$/, ''),
      description,
      warnings,
    };
  },
};
