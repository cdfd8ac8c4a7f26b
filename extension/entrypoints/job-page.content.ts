import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchJobPages } from '../content/controller';
import { BOARD_MATCHES } from '../../shared/sites/catalogue';

/**
 * Job boards where CVPath offers its control on the page. Broad patterns on purpose: LinkedIn and Indeed are single-page
 * apps, so the script must already be there when the user navigates from a feed or a search to a posting. It only
 * watches for a posting and shows the control: the reader (job-reader.ts) is injected when the user clicks the control
 * or opens the popup, on any other page only then (activeTab), so no site is read without the user asking.
 */
export default defineContentScript({
  matches: BOARD_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    watchJobPages(ctx);
  },
});
