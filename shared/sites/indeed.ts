import { onBoard } from './catalogue';
import { appState, cleanLocation, field, first, miss, readDescription, workplace } from './dom';
import type { SiteAdapter } from './types';

/**
 * Indeed: the job page (`/viewjob?jk=`) and the search results pane (`/jobs?q=…&vjk=`), on every country host.
 * Class names are hashed (`css-1m4cuuf`) and change weekly: read `data-testid`s and the few stable ids.
 * Test URLs: https://www.indeed.com/viewjob?jk=4f2a9c1b7d3e5a60 · https://uk.indeed.com/jobs?q=analyst&l=Leeds&vjk=8c1d2e3f4a5b6c7d
 */

/** The right-hand pane of search results; its cards on the left name other jobs and companies. */
const PANE = ['#jobsearch-ViewjobPaneWrapper', '.jobsearch-RightPane', '.jobsearch-ViewJobLayout', '#viewJobSSRRoot'];
// Newest first: data-testid layout (2023–), then the class-named viewjob page (until 2023).
const TITLE = ['[data-testid="jobsearch-JobInfoHeader-title"]', 'h1.jobsearch-JobInfoHeader-title', '.jobsearch-JobInfoHeader-title'];
const COMPANY = ['[data-testid="inlineHeader-companyName"]', '[data-company-name="true"]', '.jobsearch-InlineCompanyRating > div:first-child', '.jobsearch-CompanyInfoContainer a'];
const LOCATION = ['[data-testid="job-location"]', '[data-testid="inlineHeader-companyLocation"]', '[data-testid="jobsearch-JobInfoHeader-companyLocation"]', '.jobsearch-JobInfoHeader-subtitle > div:last-child'];
const DESCRIPTION = ['#jobDescriptionText', '[data-testid="jobDescriptionText"]', '.jobsearch-jobDescriptionText'];
/** Salary and job type chips above the description. */
const DETAILS = ['#salaryInfoAndJobType', '[data-testid="jobsearch-OtherJobDetailsContainer"]', '.jobsearch-JobMetadataHeader-item'];

export const indeed: SiteAdapter = {
  id: 'indeed',
  version: '2025-01',
  matches(url) {
    if (!onBoard('indeed', url)) return false;
    if (/^\/(m\/)?viewjob\b/.test(url.pathname)) return url.searchParams.has('jk');
    return url.searchParams.has('vjk');
  },
  probe: [...DESCRIPTION, TITLE[0]].join(', '),
  extract(doc, _url, env) {
    const pane = PANE.map((s) => doc.querySelector(s)).find((el) => el && first(el, TITLE)) ?? doc;
    const rawTitle = field(pane, TITLE, doc, env);
    if (!rawTitle) return miss('Indeed', 'job title', TITLE);
    const desc = first(pane, DESCRIPTION);
    if (!desc) return miss('Indeed', 'description', DESCRIPTION);
    const { description, warnings } = readDescription(desc.el, doc, env);
    // "Austin, TX 78701•Hybrid work": one element carries both the place and the workplace
    // the header's place sits in hashed-class divs on the 2023 page; its app state names it plainly
    const place = field(pane, LOCATION, doc, env) ?? appState(doc, 'formattedLocation') ?? appState(doc, 'jobLocation');
    const remoteChip = appState(doc, 'remoteWorkModel.type') === 'REMOTE_ALWAYS' ? 'Remote' : undefined;
    const details = field(pane, DETAILS, doc, env);
    return {
      title: rawTitle.replace(/\s*-\s*job post$/i, ''),
      company: field(pane, COMPANY, doc, env) ?? '',
      location: cleanLocation(place?.split('•')[0]),
      remote: workplace(place, details, remoteChip),
      employmentType: details?.match(/\b(Full-time|Part-time|Contract|Temporary|Internship|Permanent)\b/i)?.[1],
      salary: details?.match(/[$£€][\d,.]+[kK]?(?:\s*[-–]\s*[$£€]?[\d,.]+[kK]?)?(?:\s+(?:an?|per)\s+\w+)?/)?.[0],
      description,
      warnings,
    };
  },
};
