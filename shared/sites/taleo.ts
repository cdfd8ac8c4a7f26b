import { onBoard } from './catalogue';
import { cleanLocation, copyrightHolder, employerFromSlugs, field, first, labelledFields, miss, readDescription, workplace } from './dom';
import { collapse } from './text';
import type { SiteAdapter } from './types';

/**
 * Oracle Taleo, both products. Taleo Enterprise (`<tenant>.taleo.net/careersection/<section>/jobdetail.ftl?job=…`)
 * renders a requisition as `.contentlinepanel` rows: the title (`.titlepage`), the description and qualifications
 * (`.text`), then labelled fields ("Primary Location", "Expected Workplace"). Taleo Business Edition
 * (`phg.tbe.taleo.net/<pod>/ats/careers/v2/viewRequisition?org=…&rid=…`) has a side card with the title and labelled
 * fields and the description in `[name=cwsJobDescription]`. Neither prints the employer as a field: Enterprise
 * tenants wrap the page in their own site (its copyright line), and Business Edition names the company only in the
 * "email this job" link its share menu builds ("Company: …").
 * Test URLs: https://whitecase.taleo.net/careersection/wc_external/jobdetail.ftl?job=230000XY ·
 * https://phg.tbe.taleo.net/phg04/ats/careers/v2/viewRequisition?org=SULLCROM&cws=38&rid=1196
 */

const TITLE = ['.editablesection .titlepage', '.oracletaleocwsv2-job-description > strong'];
/** Enterprise: every row's text that is not a labelled field; Business Edition: the description box. */
const DESCRIPTION = ['.editablesection .contentlinepanel:not(:has(.subtitle)) > .text', '[name="cwsJobDescription"]'];
const LABELS = '.editablesection .subtitle, .oracletaleocwsv2-job-description span.small';
const SHARE_MAIL = '.js-ss-email[data-href], a[href^="mailto:"][href*="Company:"]';

export const taleo: SiteAdapter = {
  id: 'taleo',
  version: '2026-12',
  matches: (url) => onBoard('taleo', url) && /\/careersection\/[^/]+\/jobdetail\.ftl|\/ats\/careers\/(?:v2\/viewRequisition|requisition\.jsp)/i.test(url.pathname),
  probe: [...TITLE, DESCRIPTION[1]].join(', '),
  extract(doc, url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('Taleo', 'job title', TITLE);
    const found = first(doc, DESCRIPTION);
    if (!found) return miss('Taleo', 'description', DESCRIPTION);
    const { description, warnings } = readDescription([...doc.querySelectorAll(found.selector)], doc, env);
    const fields = labelledFields(doc, LABELS);
    const location = fields['primary location'] ?? fields.location;
    return {
      title,
      company: company(doc, url, description),
      location: cleanLocation(location),
      remote: workplace(fields['expected workplace'], location),
      employmentType: fields['job type'] ?? fields.schedule,
      description,
      warnings,
    };
  },
};

function company(doc: Document, url: URL, description: string): string {
  const mail = doc.querySelector(SHARE_MAIL);
  const body = mail?.getAttribute('data-href') ?? mail?.getAttribute('href') ?? '';
  const named = /(?:^|%0A|\n)Company:\s*(.+?)(?:%0D|%0A|[\r\n]|$)/i.exec(body)?.[1];
  if (named) return collapse(decoded(named));
  const tenant = url.searchParams.get('org') ?? url.hostname.split('.')[0] ?? '';
  // the tenant's copyright line first: it holds the firm's full name ("White & Case LLP") where the text shortens it
  return employerFromSlugs([tenant], `${copyrightHolder(doc) ?? ''}. ${description}`) ?? tenant;
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%26/g, '&').replace(/%20/g, ' ');
  }
}
