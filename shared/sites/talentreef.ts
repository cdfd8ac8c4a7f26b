import { onBoard } from './catalogue';
import { cleanLocation, field, first, labelledFields, miss, readDescription, workplace } from './dom';
import type { SiteAdapter } from './types';

/**
 * TalentReef (`apply.jobappnetwork.com/clients/<client>/posting/<id>/<lang>`), the hourly-hiring ATS of restaurant
 * and retail chains: a React page whose ids are its template's (`position-info-*`), not hashed. The heading holds the
 * job and the shop's town as two spans; the employer is the "Company" row of the "Position Information" box (the
 * page's own name is the board's).
 * Test URL: https://apply.jobappnetwork.com/clients/18760/posting/9615297/en
 */

const TITLE = ['#position-info-title > span:first-child', '#position-info-title'];
const PLACE = ['#position-info-title > span ~ span'];
const DESCRIPTION = ['#position-info-posting-description'];
const LABELS = '#position-info-additional-info-fields p > span';

export const talentreef: SiteAdapter = {
  id: 'talentreef',
  version: '2026-12',
  matches: (url) => onBoard('talentreef', url) && /\/posting\/\d+/.test(url.pathname),
  probe: [TITLE[1], DESCRIPTION[0]].join(', '),
  extract(doc, _url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('TalentReef', 'job title', TITLE);
    const desc = first(doc, DESCRIPTION);
    if (!desc) return miss('TalentReef', 'description', DESCRIPTION);
    const { description, warnings } = readDescription(desc.el, doc, env);
    const fields = labelledFields(doc, LABELS);
    // the heading's town ("Cleveland, OH") is what a person reads; the row has the street address
    const location = field(doc, PLACE, doc, env) ?? fields.location;
    return {
      title,
      company: fields.company ?? '',
      location: cleanLocation(location),
      remote: workplace(location),
      employmentType: fields.status,
      description,
      warnings,
    };
  },
};
