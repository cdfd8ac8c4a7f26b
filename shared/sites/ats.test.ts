import { describe, expect, it } from 'vitest';
import { listCorpusPages } from '../../test/corpus/score-pages';
import { parse } from './__fixtures__/load';
import { BOARD_MATCHES, boardForHost } from './catalogue';
import { BOARDS, scrapeJobWithFailures } from './index';

/** The ATS adapters written against the outside corpus: every host and path the ATS uses, and a graceful miss. */

describe('ATS addresses', () => {
  it.each([
    ['taleo', 'https://whitecase.taleo.net/careersection/wc_external/jobdetail.ftl?job=230000XY'],
    ['taleo', 'https://phg.tbe.taleo.net/phg04/ats/careers/v2/viewRequisition?org=SULLCROM&cws=38&rid=1196'],
    ['taleo', 'https://chp.tbe.taleo.net/chp01/ats/careers/requisition.jsp?org=ACME&cws=1&rid=42'],
    ['jobvite', 'https://jobs.jobvite.com/gtlaw/job/ov4Tnfwz'],
    ['jobvite', 'https://careers.jobvite.com/acme/job/oABC123'],
    ['talentreef', 'https://apply.jobappnetwork.com/clients/18760/posting/9615297/en'],
    ['recsolu', 'https://klgates.recsolu.com/jobs/6GiAlLyRQfkoQeV3t6FKDg'],
    ['virecruit', 'https://akingumpselfapply.viglobalcloud.com/viRecruitSelfApply/ReJobView.aspx?Tag=x&JobID=596'],
    ['micronapps', 'https://mcguire.careers.micronapps.com/job_post_details.aspx?x=1'],
    ['micronapps', 'https://lawcruit.micronapps.com/sup/JobPostingDetails.aspx?lawfirm=MW5HNA=='],
  ])('the %s adapter and the content script both take %s', (id, href) => {
    const url = new URL(href);
    expect(BOARDS.find((b) => b.matches(url))?.id).toBe(id);
    expect(BOARD_MATCHES).toContain(`https://${['*', ...url.hostname.split('.').slice(-2)].join('.')}/*`);
  });

  it('knows viRecruit by its path on a firm’s own domain, where only the popup reads the page', () => {
    for (const href of ['https://recruiter.reedsmith.com/viRecruitSelfApply/ReJobView.aspx?JobID=1', 'https://jobs.phextranet.com/PH-Attorney/viRecruitSelfApply/ReJobView.aspx?JobID=319']) {
      const url = new URL(href);
      expect(BOARDS.find((b) => b.matches(url))?.id).toBe('virecruit');
      expect(boardForHost(url.hostname)).toBeUndefined();
    }
  });

  it('does not take the same hosts’ lists, searches and log-in pages', () => {
    for (const href of ['https://jobs.jobvite.com/gtlaw/jobs', 'https://phg.tbe.taleo.net/phg04/ats/careers/v2/jobSearch?org=SULLCROM&cws=38', 'https://whitecase.taleo.net/careersection/wc_external/jobsearch.ftl', 'https://klgates.recsolu.com/job_boards/o8D4HDBB0N8jcVnRfV263g', 'https://lawcruit.micronapps.com/sup/Login.aspx']) {
      expect(BOARDS.find((b) => b.matches(new URL(href)))?.id, href).toBeUndefined();
    }
  });
});

/** The template's own mark on each board, renamed as a redesign would: the adapter misses, the generic reader reads. */
const REDESIGN: Record<string, RegExp> = {
  taleo: /editablesection|cwsJobDescription|oracletaleocwsv2-job-description/g,
  jobvite: /jv-header|jv-job-detail-description/g,
  talentreef: /position-info-title|position-info-posting-description/g,
  recsolu: /details-top__title|job-details__description/g,
  virecruit: /labelJobDescription|ctrlBoxTop_panelHeader/g,
  micronapps: /pnl_detail_pnlBody/g,
};

describe('an ATS page whose markup changed', () => {
  const pages = listCorpusPages().filter((p) => p.expected.board in REDESIGN);

  it('has corpus pages for each of these adapters', () => {
    expect(new Set(pages.map((p) => p.expected.board))).toEqual(new Set(Object.keys(REDESIGN)));
  });

  it.each(pages.map((p) => [p.id, p] as const))('%s: a coded failure naming the board, and the generic reader still reads the posting', (_id, page) => {
    const changed = page.html.replace(REDESIGN[page.expected.board]!, 'x-redesign-2027');
    const { result, failures } = scrapeJobWithFailures(parse(changed), new URL(page.expected.url));
    expect(failures.map((f) => f.site)).toEqual([page.expected.board]);
    expect(failures[0]?.message).toMatch(/no (?:job title|description) found; the page layout may have changed/);
    expect(result?.via).toMatch(/^(?:readable|json-ld)$/);
    expect(result?.posting.description.length).toBeGreaterThan(200);
  });
});
