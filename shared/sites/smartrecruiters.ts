import { onBoard } from './catalogue';
import { cleanLocation, field, first, miss, readDescription, workplace } from './dom';
import type { SiteAdapter } from './types';

/**
 * SmartRecruiters (`jobs.smartrecruiters.com/<Company>/<id>-<slug>`): schema.org microdata on the page itself
 * (itemprop="title", "hiringOrganization", "description") and a `<spl-job-location>` web component for the place.
 * Test URL: https://jobs.smartrecruiters.com/HarborlineLogistics/743999912345678-warehouse-operations-supervisor
 */

const TITLE = ['h1.job-title', '[itemprop="title"]'];
const COMPANY_META = '[itemprop="hiringOrganization"] [itemprop="name"]';
const LOCATION = ['spl-job-location', '[itemprop="jobLocation"] [itemprop="address"]', '.job-location'];
const DESCRIPTION = ['[itemprop="description"]', '.job-sections', '#st-jobDescription'];
const DETAILS = ['.job-details [itemprop="employmentType"]', '[itemprop="employmentType"]'];

export const smartrecruiters: SiteAdapter = {
  id: 'smartrecruiters',
  version: '2025-01',
  matches: (url) => onBoard('smartrecruiters', url) && /^\/[^/]+\/\d+/.test(url.pathname),
  probe: [...TITLE, DESCRIPTION[0]].join(', '),
  extract(doc, url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('SmartRecruiters', 'job title', TITLE);
    const desc = first(doc, DESCRIPTION);
    if (!desc) return miss('SmartRecruiters', 'description', DESCRIPTION);
    const { description, warnings } = readDescription(desc.el, doc, env);
    // the web component renders its text from an attribute: read the attribute, not the (empty before render) text
    const loc = doc.querySelector('spl-job-location[formattedaddress]')?.getAttribute('formattedaddress') ?? field(doc, LOCATION, doc, env);
    return {
      title,
      company: doc.querySelector(COMPANY_META)?.getAttribute('content') ?? url.pathname.split('/')[1]?.replace(/([a-z])([A-Z])/g, '$1 $2') ?? '',
      location: cleanLocation(loc),
      remote: workplace(doc.querySelector('spl-job-location')?.getAttribute('jobworkplace') ?? undefined, loc),
      employmentType: field(doc, DETAILS, doc, env),
      description,
      warnings,
    };
  },
};
