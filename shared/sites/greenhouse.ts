import { onBoard } from './catalogue';
import { cleanLocation, companyFromTitle, employerFromSlugs, field, first, meta, miss, readDescription, workplace } from './dom';
import { collapse } from './text';
import type { SiteAdapter } from './types';

/**
 * Greenhouse job boards: the classic board (`boards.greenhouse.io/<co>/jobs/<id>`, also embedded as `job_app?for=`)
 * and the 2024 board (`job-boards.greenhouse.io/<co>/jobs/<id>`), which may carry no JSON-LD and names the company
 * only in the <title>: "Job Application for <title> at <company>".
 * Test URLs: https://boards.greenhouse.io/northwind/jobs/4012345 · https://job-boards.greenhouse.io/lumenlabs/jobs/5123456007
 */

// Newest first: 2024 board, then classic.
const TITLE = ['.job__title h1', '.job__title .section-header', 'h1.app-title', '#app_title', '.app-title'];
const COMPANY = ['.company-name'];
const LOCATION = ['.job__location', '#header .location', '.location'];
const DESCRIPTION = ['.job__description', '#content'];
const LOGO = ['.logo img[alt]', '.logo-container img[alt]', 'header img[alt]'];

export const greenhouse: SiteAdapter = {
  id: 'greenhouse',
  version: '2025-01',
  matches(url) {
    if (!onBoard('greenhouse', url)) return false;
    return /^\/[^/]+\/jobs\/\d+/.test(url.pathname) || (/\/embed\/job_app\b/.test(url.pathname) && url.searchParams.has('token'));
  },
  probe: [...DESCRIPTION, TITLE[0], TITLE[2]].join(', '),
  extract(doc, url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('Greenhouse', 'job title', TITLE);
    const desc = first(doc, DESCRIPTION);
    if (!desc) return miss('Greenhouse', 'description', DESCRIPTION);
    const { description, warnings } = readDescription(desc.el, doc, env);
    const location = field(doc, LOCATION, doc, env);
    return {
      title,
      company: company(doc, url, title, env),
      location: cleanLocation(location),
      remote: workplace(location),
      description,
      warnings,
    };
  },
};

function company(doc: Document, url: URL, title: string, env: Parameters<SiteAdapter['extract']>[2]): string {
  const classic = field(doc, COMPANY, doc, env)?.replace(/^at\s+/i, '');
  // a board named for what it lists ("Attorney Opportunities"): the employer is the one its slug spells
  if (classic && /\b(?:opportunities|careers?|jobs|openings|positions|vacancies)\b/i.test(classic)) {
    const desc = first(doc, DESCRIPTION);
    // the posting says "Fried Frank"; the application form's attestation spells the firm's full name, which the slug
    // ("attorneysfriedfrankharrisshriverjacobsonllp") holds whole: the longest such name on the page wins
    const form = collapse(doc.querySelector('#application, form')?.textContent ?? '');
    const named = employerFromSlugs([url.pathname.split('/')[1] ?? ''], `${collapse(desc?.el.textContent ?? '').slice(0, 4000)} ${form}`, 200_000);
    if (named) return named;
  }
  if (classic) return classic;
  const fromTitle = companyFromTitle(doc.title, title) ?? meta(doc, 'og:site_name');
  if (fromTitle) return fromTitle;
  const logo = LOGO.map((s) => doc.querySelector(s)?.getAttribute('alt')).find(Boolean);
  if (logo) return logo.replace(/\s+logo$/i, '').trim();
  return url.pathname.split('/')[1] ?? '';
}
