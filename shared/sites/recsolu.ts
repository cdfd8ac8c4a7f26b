import { onBoard } from './catalogue';
import { cleanCompany, cleanLocation, employerFromSlugs, field, first, labelledFields, miss, readDescription, withoutBoxLabel, workplace } from './dom';
import type { SiteAdapter } from './types';

/**
 * Yello's job boards on Recsolu (`<tenant>.recsolu.com/jobs/<id>`): a `.details-top` bar with the title, a
 * `.job-details__description` body under a "Job Description" heading, and a sidebar of labelled facts
 * (`.secondary-details__title`/`__content`) whose labels each employer names ("Office", "Location", "City").
 * The page's <title> is the tenant's slug ("klgates | Jobs and Careers"), so the employer is the name the slug spells.
 * Test URL: https://klgates.recsolu.com/jobs/6GiAlLyRQfkoQeV3t6FKDg
 */

const TITLE = ['.details-top__title h1', '.details-top h1'];
const DESCRIPTION = ['.job-details__description .inner', '.job-details__description'];
const LABELS = '.secondary-details__title';
const PLACE_LABEL = /^(?:(?:job |primary )?location|office|city|site)s?$/i;

export const recsolu: SiteAdapter = {
  id: 'recsolu',
  version: '2026-12',
  matches: (url) => onBoard('recsolu', url) && /^\/jobs\/[^/]+/.test(url.pathname),
  probe: [...TITLE, DESCRIPTION[1]].join(', '),
  extract(doc, url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('Recsolu', 'job title', TITLE);
    const desc = first(doc, DESCRIPTION);
    if (!desc) return miss('Recsolu', 'description', DESCRIPTION);
    const body = withoutBoxLabel([...desc.el.children]);
    const { description, warnings } = readDescription(body.length ? body : desc.el, doc, env);
    const fields = Object.entries(labelledFields(doc, LABELS));
    const location = fields.find(([k]) => PLACE_LABEL.test(k))?.[1];
    const tenant = url.hostname.split('.')[0] ?? '';
    return {
      title,
      company: employerFromSlugs([tenant], description) ?? cleanCompany(doc.title.split('|')[0]) ?? tenant,
      location: cleanLocation(location),
      remote: workplace(location),
      description,
      warnings,
    };
  },
};
