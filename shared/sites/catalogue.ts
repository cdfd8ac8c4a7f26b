/**
 * The job boards CVPath has a reader for, as data: the one list that the content script's matches (the manifest),
 * the popup's wording, the store's idea of a board posting and the CLI's choice of reader all derive from. Kept free
 * of the adapters themselves so the store and the manifest need not load them.
 *
 * `hosts` are match-pattern hosts (`*.linkedin.com` is linkedin.com and every subdomain, country hosts included);
 * a board's adapter still decides from the path whether an address on those hosts is a posting.
 *
 * `paths` mark an ATS that employers also serve from their own domains (`recruiter.reedsmith.com/viRecruitSelfApply/…`):
 * the reader knows such a page by its path, but the manifest takes hosts only, so there the page control does not
 * appear by itself and the posting is read when the user opens the popup (activeTab).
 */
export interface BoardEntry {
  id: string;
  label: string;
  hosts: readonly string[];
  paths?: readonly string[];
}

export const BOARD_CATALOGUE = [
  { id: 'linkedin', label: 'LinkedIn', hosts: ['*.linkedin.com'] },
  {
    id: 'indeed',
    label: 'Indeed',
    // uk.indeed.com, de.indeed.com… today; older country domains still serve (and redirect) postings
    hosts: ['*.indeed.com', '*.indeed.co.uk', '*.indeed.ca', '*.indeed.com.au', '*.indeed.de', '*.indeed.fr', '*.indeed.nl', '*.indeed.co.in', '*.indeed.ie', '*.indeed.es', '*.indeed.it', '*.indeed.jp', '*.indeed.com.sg', '*.indeed.co.nz', '*.indeed.ch', '*.indeed.at', '*.indeed.be', '*.indeed.com.br', '*.indeed.com.mx'],
  },
  { id: 'greenhouse', label: 'Greenhouse', hosts: ['boards.greenhouse.io', 'job-boards.greenhouse.io', 'job-boards.eu.greenhouse.io', 'boards.eu.greenhouse.io'] },
  { id: 'lever', label: 'Lever', hosts: ['jobs.lever.co', 'jobs.eu.lever.co'] },
  { id: 'workday', label: 'Workday', hosts: ['*.myworkdayjobs.com', '*.myworkdaysite.com'] },
  { id: 'ashby', label: 'Ashby', hosts: ['jobs.ashbyhq.com'] },
  { id: 'smartrecruiters', label: 'SmartRecruiters', hosts: ['jobs.smartrecruiters.com', 'careers.smartrecruiters.com'] },
  // Enterprise career sections on <tenant>.taleo.net, Business Edition on phg.tbe.taleo.net and the other pods
  { id: 'taleo', label: 'Taleo', hosts: ['*.taleo.net'] },
  { id: 'jobvite', label: 'Jobvite', hosts: ['*.jobvite.com'] },
  // TalentReef's apply pages live on its jobappnetwork.com domain
  { id: 'talentreef', label: 'TalentReef', hosts: ['*.jobappnetwork.com', '*.talentreef.com'] },
  { id: 'recsolu', label: 'Yello (Recsolu)', hosts: ['*.recsolu.com'] },
  { id: 'virecruit', label: 'viRecruit', hosts: ['*.viglobalcloud.com'], paths: ['/virecruitselfapply/'] },
  // Micron Systems' Lawcruit: <firm>.careers.micronapps.com and the shared lawcruit.micronapps.com portal
  { id: 'micronapps', label: 'Lawcruit', hosts: ['*.micronapps.com'] },
] as const satisfies readonly BoardEntry[];

export type BoardId = (typeof BOARD_CATALOGUE)[number]['id'];

/** The job boards CVPath has an adapter for (the `site` of their postings). */
export const BOARD_IDS: readonly string[] = BOARD_CATALOGUE.map((b) => b.id);

/** Content-script match patterns for every board host. */
export const BOARD_MATCHES: string[] = BOARD_CATALOGUE.flatMap((b) => b.hosts.map((h) => `https://${h}/*`));

/** "LinkedIn, Indeed, … and SmartRecruiters", for sentences that name the boards. */
export function boardLabels(): string {
  const labels = BOARD_CATALOGUE.map((b) => b.label);
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** Does this host fall under a match-pattern host? (`*.x.com` takes x.com and its subdomains.) */
export function hostMatches(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase();
  if (!pattern.startsWith('*.')) return host === pattern;
  const base = pattern.slice(2);
  return host === base || host.endsWith(`.${base}`);
}

/** The board whose hosts this address is on, if any. */
export function boardForHost(hostname: string): BoardEntry | undefined {
  return BOARD_CATALOGUE.find((b) => b.hosts.some((h) => hostMatches(hostname, h)));
}

/** For an adapter's `matches`: is this address on the board's hosts, or on an employer's domain under its path? */
export function onBoard(id: BoardId, url: URL): boolean {
  if (boardForHost(url.hostname)?.id === id) return true;
  const paths = (BOARD_CATALOGUE as readonly BoardEntry[]).find((b) => b.id === id)?.paths ?? [];
  const path = url.pathname.toLowerCase();
  return paths.some((p) => path.includes(p));
}
