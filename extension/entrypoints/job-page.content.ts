import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchJobPages } from '../content/controller';

/**
 * Job boards where CVPath offers its control on the page. Broad patterns on purpose: LinkedIn and Indeed are single-page
 * apps, so the script must already be there when the user navigates from a feed or a search to a posting. On any other
 * page the popup injects the same reader on demand (activeTab), so no site is read without the user asking.
 */
export const JOB_BOARD_MATCHES = [
  'https://www.linkedin.com/*',
  'https://*.indeed.com/*',
  'https://boards.greenhouse.io/*',
  'https://job-boards.greenhouse.io/*',
  'https://job-boards.eu.greenhouse.io/*',
  'https://jobs.lever.co/*',
  'https://jobs.eu.lever.co/*',
  'https://*.myworkdayjobs.com/*',
  'https://*.myworkdaysite.com/*',
  'https://jobs.ashbyhq.com/*',
  'https://jobs.smartrecruiters.com/*',
];

export default defineContentScript({
  matches: JOB_BOARD_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    watchJobPages(ctx);
  },
});
