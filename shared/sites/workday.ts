import { onBoard } from './catalogue';
import { cleanLocation, employerFromSlugs, field, first, meta, miss, readDescription, workplace } from './dom';
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
const DETAIL_PANE = '[data-automation-id="jobDetails"]';
const LOGO = ['img[data-automation-id="logo"]', 'header img[alt]'];

const GENERIC_ALT = /^(?:careers?|jobs?|logo|home|company logo|career site|workday)$/i;

/** The Workday tenant, a slug of the employer's name: `hoganlovells.wd3.myworkdayjobs.com`, `wd1.myworkdaysite.com/…/recruiting/vhr_wachtelllipton/…`. */
function tenantOf(url: URL): string {
  const host = url.hostname.split('.')[0] ?? '';
  if (!/^wd\d+$/.test(host)) return host;
  const seg = /\/recruiting\/([^/]+)/.exec(url.pathname)?.[1] ?? '';
  return seg.replace(/^[a-z]+_/, '');
}

/** The careers site's name in the path (`/en-US/BlackBerry/…`): often the employer's own, when the tenant is initials. */
function siteOf(url: URL): string {
  return url.pathname.split('/').filter(Boolean).find((s, i, all) => i < all.length - 1 && !/^[a-z]{2}-[A-Z]{2}$/.test(s) && !/^(?:job|jobs|details|recruiting)$/.test(s)) ?? '';
}

export const workday: SiteAdapter = {
  id: 'workday',
  version: '2025-01',
  // a job page, or the search page with one job open in its detail pane (`/jobs/details/<title>_<req>`)
  matches: (url) => onBoard('workday', url) && /\/job\/|\/jobs\/details\//.test(url.pathname),
  probe: [...TITLE, DESCRIPTION[0]].join(', '),
  extract(doc, url, env) {
    // on the search page the list of results carries its own locations: read only the open job's pane
    const root = doc.querySelector(DETAIL_PANE) ?? doc;
    const title = field(root, TITLE, doc, env);
    if (!title) return miss('Workday', 'job title', TITLE);
    const desc = first(root, DESCRIPTION);
    if (!desc) return miss('Workday', 'description', DESCRIPTION);
    const { description, warnings } = readDescription(desc.el, doc, env);
    const places = [...new Set([...root.querySelectorAll(LOCATIONS)].map((d) => collapse(d.textContent ?? '')).filter(Boolean))];
    const remoteType = field(root, REMOTE, doc, env);
    // the logo's alt text is often a word ("careers", "Logo"), and the page's <title> is the employer's name
    const logo = LOGO.map((s) => doc.querySelector(s)?.getAttribute('alt')).find((a) => a && !GENERIC_ALT.test(a.trim()))?.replace(/\s+logo$/i, '');
    const pageTitle = collapse(doc.title);
    const titled = pageTitle && pageTitle !== title && pageTitle.length <= 60 && !pageTitle.includes(title) && !/\b(?:careers?|jobs?|workday)\b/i.test(pageTitle) ? pageTitle : undefined;
    return {
      title,
      company: jsonLdPosting(doc)?.company || meta(doc, 'og:site_name') || titled || employerFromSlugs([tenantOf(url), siteOf(url)], description) || logo || tenantOf(url),
      location: cleanLocation(places.join('; ')),
      remote: workplace(remoteType, places.join(' ')),
      employmentType: field(root, TIME, doc, env),
      description,
      warnings,
    };
  },
};
