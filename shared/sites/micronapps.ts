import { onBoard } from './catalogue';
import { cleanLocation, employerFromSlugs, field, first, labelledFields, miss, readDescription, withoutBoxLabel, workplace } from './dom';
import { collapse } from './text';
import type { SiteAdapter } from './types';

/**
 * Micron Systems' law-firm ATS: a firm's own board (`<firm>.careers.micronapps.com/job_post_details.aspx?…`) and the
 * shared Lawcruit portal (`lawcruit.micronapps.com/sup/JobPostingDetails.aspx?lawfirm=…`). One ASP.NET template: the
 * title in `.page-header`, a card whose first row holds labelled facts ("Location:", "Position:") and whose other
 * rows are the posting. The portal names the firm only by an opaque code in the address; the firm's logo is served
 * from a folder named after it (`…/LCNET_ORRICK/…png`), as on the firms' own boards.
 * Test URL: https://mcguire.careers.micronapps.com/job_post_details.aspx?%3Eac^?LWCZ4dN=1`&QDFnXTpbVzc%3d=Mj47M25g
 */

const TITLE = ['.content-wrapper .page-header'];
const BODY = ['[id$="pnl_detail_pnlBody"]'];
const LOGO = 'img[id$="app_logo"]';
const PATH = /\/(?:job_post_details|JobPostingDetails)\.aspx$/i;

export const micronapps: SiteAdapter = {
  id: 'micronapps',
  version: '2026-12',
  matches: (url) => onBoard('micronapps', url) && PATH.test(url.pathname),
  probe: BODY[0],
  extract(doc, url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('Micron Systems', 'job title', TITLE);
    const body = first(doc, BODY);
    if (!body) return miss('Micron Systems', 'description', BODY);
    const [facts, ...rows] = [...body.el.children];
    // each row is a label ("Job Requirements:") and its text; a row with a label alone has nothing to say
    const said = (el: Element | null) => collapse(el?.textContent ?? '').length;
    const parts = rows.filter((r) => said(r) > said(r.querySelector('label'))).flatMap((r) => [...r.children]);
    const { description, warnings } = readDescription(withoutBoxLabel(parts), doc, env);
    const fields = facts ? labelledFields(facts, 'label') : {};
    const folder = /\/LCNET_([A-Z0-9]+)\//i.exec(doc.querySelector(LOGO)?.getAttribute('src') ?? '')?.[1];
    const firm = url.hostname.split('.')[0];
    const slugs = [firm !== 'lawcruit' ? firm : undefined, folder].filter((s): s is string => !!s);
    return {
      title,
      // a firm whose postings never spell its name: the folder of the logo it shows ("CAHILL" → Cahill)
      company: employerFromSlugs(slugs, description) ?? titleCase(folder ?? ''),
      location: cleanLocation(fields.location),
      remote: workplace(fields.location),
      description,
      warnings,
    };
  },
};

function titleCase(slug: string): string {
  return slug.charAt(0).toUpperCase() + slug.slice(1).toLowerCase();
}
