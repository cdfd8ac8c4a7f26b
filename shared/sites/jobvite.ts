import { onBoard } from './catalogue';
import { cleanCompany, cleanLocation, companyFromTitle, field, first, meta, miss, readDescription, workplace } from './dom';
import { collapse } from './text';
import type { SiteAdapter } from './types';

/**
 * Jobvite (`jobs.jobvite.com/<co>/job/<id>`, also `careers.jobvite.com` and `jobs.<co>.jobvite.com`): the same
 * `jv-` template for every tenant. Under the `.jv-header` title, `.jv-job-detail-meta` prints the department and
 * then each location, split by `.jv-inline-separator` spans; the page's <title> is "<Company> Careers - <job>".
 * Test URL: https://jobs.jobvite.com/gtlaw/job/ov4Tnfwz
 */

const TITLE = ['.jv-header'];
const DESCRIPTION = ['.jv-job-detail-description'];
const META = '.jv-job-detail-meta';

export const jobvite: SiteAdapter = {
  id: 'jobvite',
  version: '2026-12',
  matches: (url) => onBoard('jobvite', url) && /\/jobs?\/[A-Za-z0-9]+/.test(url.pathname),
  probe: [...TITLE, ...DESCRIPTION].join(', '),
  extract(doc, url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('Jobvite', 'job title', TITLE);
    const desc = first(doc, DESCRIPTION);
    if (!desc) return miss('Jobvite', 'description', DESCRIPTION);
    const { description, warnings } = readDescription(desc.el, doc, env);
    const location = places(doc);
    return {
      title,
      company: cleanCompany(companyFromTitle(meta(doc, 'og:title'), title) ?? companyFromTitle(doc.title, title)) ?? url.pathname.split('/')[1] ?? '',
      location: cleanLocation(location),
      remote: workplace(location),
      description,
      warnings,
    };
  },
};

/** "Attorney | Hybrid Remote, Boston, MA | Miami, FL": the department comes first, then each place. */
function places(doc: Document): string | undefined {
  const el = doc.querySelector(META);
  if (!el) return undefined;
  const parts: string[] = [''];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).classList.contains('jv-inline-separator')) parts.push('');
    else parts[parts.length - 1] += ` ${n.textContent ?? ''}`;
  }
  const clean = parts.map((p) => collapse(p).replace(/\s+,/g, ',').replace(/,$/, '')).filter(Boolean);
  const list = clean.length > 1 ? clean.slice(1) : clean.filter((p) => /,|\bremote\b/i.test(p));
  return list.join('; ') || undefined;
}
