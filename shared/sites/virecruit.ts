import { onBoard } from './catalogue';
import { cleanLocation, employerFromSlugs, field, first, miss, readDescription, workplace } from './dom';
import type { SiteAdapter } from './types';

/**
 * viRecruit (Vi's law-firm ATS): `…/viRecruitSelfApply/ReJobView.aspx?Tag=…&JobID=…`, on Vi's cloud or on the firm's
 * own domain (`recruiter.reedsmith.com`, `jobs.phextranet.com/PH-Attorney/…`). The ASP.NET template names its
 * controls: the title in the header panel, the posting in `labelJobDescription`, then a Close button; whatever the
 * firm puts around them (its disclaimers, its site's <title>) is not the posting. There is no location field: firms
 * write the office into the title ("Chicago - IT Site Supervisor", "1L Scholar (Los Angeles)").
 * Test URL: https://recruiter.reedsmith.com/viRecruitSelfApply/ReJobView.aspx?Tag=c29b8161-994c-4545-972a-f8148a75e305&JobID=1
 */

const TITLE = ['[id$="ctrlBoxTop_panelHeader"] h3', '#page-title h3', '#page-title'];
const DESCRIPTION = ['[id$="labelJobDescription"]'];
/** The firm's name where its template shows the logo as a titled box or image. */
const LOGO = ['#logo[title]', '[id*="logo" i][title]', 'img[id*="logo" i][alt]'];
const PATH = /\/viRecruitSelfApply\/ReJobView\.aspx$/i;
/** Words that make a title's leading or bracketed part a job, a schedule or a workplace rather than an office. */
const NOT_A_PLACE = /\b(?:engineer|manager|director|associate|assistant|analyst|counsel|lawyer|attorney|paralegal|senior|junior|lead|head|intern|fellow|scholar|specialist|coordinator|officer|secretary|supervisor|partner|clerk|remote|hybrid|on-?site|office|part|full|time|temporary|contract|summer|fall|spring|winter)\b/i;
const WORD = String.raw`[A-Z][\p{L}.'’]+`;

export const virecruit: SiteAdapter = {
  id: 'virecruit',
  version: '2026-12',
  matches: (url) => onBoard('virecruit', url) && PATH.test(url.pathname),
  probe: [TITLE[0], DESCRIPTION[0]].join(', '),
  extract(doc, url, env) {
    const title = field(doc, TITLE, doc, env);
    if (!title) return miss('viRecruit', 'job title', TITLE);
    const desc = first(doc, DESCRIPTION);
    if (!desc) return miss('viRecruit', 'description', DESCRIPTION);
    const { description, warnings } = readDescription(desc.el, doc, env);
    const office = officeIn(title, description);
    const logo = LOGO.map((s) => doc.querySelector(s)).find(Boolean);
    return {
      title,
      company: employerFromSlugs(tenantSlugs(url), description) ?? (logo?.getAttribute('title') || logo?.getAttribute('alt') || '').replace(/\s+logo$/i, ''),
      location: cleanLocation(office),
      remote: workplace(title),
      description,
      warnings,
    };
  },
};

/** "Chicago - …" or "Dallas Office - …" leads with the office; "… (Los Angeles)" ends with it when the posting names the place too. */
function officeIn(title: string, description: string): string | undefined {
  // "Dallas Office - Investment Funds Associate": the office's town
  const lead = new RegExp(String.raw`^(${WORD}(?: ${WORD}){0,2})\s+[-–]\s+\S`, 'u').exec(title)?.[1]?.replace(/\s+Office$/, '');
  if (lead && !NOT_A_PLACE.test(lead)) return lead;
  const tail = new RegExp(String.raw`\((${WORD}(?: ${WORD}){0,2})\)$`, 'u').exec(title)?.[1];
  return tail && !NOT_A_PLACE.test(tail) && description.includes(tail) ? tail : undefined;
}

/** The firm's slug in the address: `akingumpselfapply.viglobalcloud.com`, `virecruitselfapply.morganlewis.com`. */
function tenantSlugs(url: URL): string[] {
  return url.hostname.split('.').slice(0, -1)
    .map((l) => l.replace(/^virecruit/i, '').replace(/selfapply$/i, ''))
    .filter((l) => l.length >= 3 && !/^(?:www\d*|jobs?|careers?|recruit(?:er|ing)?|apply|viglobalcloud|extranet|\w*extranet)$/i.test(l));
}
