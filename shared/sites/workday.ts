import { onBoard } from './catalogue';
import { cleanLocation, field, first, meta, miss, readDescription, workplace } from './dom';
import { jsonLdPosting } from './json-ld';
import { collapse } from './text';
import type { SiteAdapter } from './types';

/**
 * Workday (`<tenant>.wd5.myworkdayjobs.com/<site>/job/<location>/<title>_<req>`): a single-page app whose fields
 * carry `data-automation-id`s, stable for years. The company is not on the page as text: it is in the JSON-LD's
 * hiringOrganization or the logo's alt text.
 * Test URL: https://brightwell.wd5.myworkdayjobs.com/en-US/Brightwell_Careers/job/Denver-CO/Senior-Financial-Analyst_R-10452
 */

const TITLE = ['[data-automation-id="jobPostingHeader"]', '[data-automation-id="jobTitle"]'];
const DESCRIPTION = ['[data-automation-id="jobPostingDescription"]', '[data-automation-id="job-posting-details"]'];
const LOCATIONS = '[data-automation-id="locations"] dd';
const TIME = ['[data-automation-id="time"] dd', '[data-automation-id="time"]'];
const REMOTE = ['[data-automation-id="remoteType"] dd', '[data-automation-id="remoteType"]'];
const LOGO = ['img[data-automation-id="logo"]', 'header img[alt]'];

export const workday: SiteAdapter = {
  id: 'workday',
  version: '2025-01',
  matches: (url) => onBoard('workday', url) && /\/job\//.test(url.pathname),
  probe: [...TITLE, DESCRIPTION[0]].join(', '),
  extract(doc, url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('Workday', 'job title', TITLE);
    const desc = first(doc, DESCRIPTION);
    if (!desc) return miss('Workday', 'description', DESCRIPTION);
    const { description, warnings } = readDescription(desc.el, doc, env);
    const places = [...doc.querySelectorAll(LOCATIONS)].map((d) => collapse(d.textContent ?? '')).filter(Boolean);
    const remoteType = field(doc, REMOTE, doc, env);
    const logo = LOGO.map((s) => doc.querySelector(s)?.getAttribute('alt')).find(Boolean)?.replace(/\s+logo$/i, '');
    return {
      title,
      company: jsonLdPosting(doc)?.company || meta(doc, 'og:site_name') || logo || url.hostname.split('.')[0] || '',
      location: cleanLocation(places.join('; ')),
      remote: workplace(remoteType, places.join(' ')),
      employmentType: field(doc, TIME, doc, env),
      description,
      warnings,
    };
  },
};
