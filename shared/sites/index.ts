import type { JobPostingInput } from '../schema/job-posting';
import { ashby } from './ashby';
import { boardForHost } from './catalogue';
import { greenhouse } from './greenhouse';
import { indeed } from './indeed';
import { jsonLd, jsonLdPosting } from './json-ld';
import { lever } from './lever';
import { linkedin } from './linkedin';
import { showsPosting } from './probe';
import { readable } from './readable';
import { sanitizePosting } from './sanitize';
import { smartrecruiters } from './smartrecruiters';
import { isMiss, type AdapterFailure, type ExtractEnv, type ScrapeResult, type SiteAdapter } from './types';
import { workday } from './workday';
// ATSs that employers (law firms above all) put their postings on
import { jobvite } from './jobvite';
import { micronapps } from './micronapps';
import { recsolu } from './recsolu';
import { taleo } from './taleo';
import { talentreef } from './talentreef';
import { virecruit } from './virecruit';

/** Board adapters, each for URLs it recognises; then the generic readers, in the order they are tried. */
export const BOARDS: readonly SiteAdapter[] = [linkedin, indeed, greenhouse, lever, workday, ashby, smartrecruiters, taleo, jobvite, talentreef, recsolu, virecruit, micronapps];
export const ADAPTERS: readonly SiteAdapter[] = [...BOARDS, jsonLd, readable];

/** A careers page for one job: /careers/<slug>, /jobs/<id>, /stellenangebote/<slug>… */
const CAREERS_PATH = /\/(?:jobs?|careers?|positions?|openings?|vacanc(?:y|ies)|opportunities|join-us|stellen(?:angebote)?|offres?)\/[^/?#]+/i;

/**
 * The posting on this page: the board adapter for the URL, else the page's JobPosting JSON-LD, else its main text.
 * Also says which adapters matched the URL but could not read the page: their markup changed, worth a report.
 * Fills url, site and scrapedAt; the caller computes contentHash.
 */
export function scrapeJob(doc: Document, url: URL, env: ExtractEnv = {}): ScrapeResult | null {
  return scrapeJobWithFailures(doc, url, env).result;
}

/** `scrapeJob`, keeping the failures when nothing at all could be read (the report that matters most). */
export function scrapeJobWithFailures(doc: Document, url: URL, env: ExtractEnv = {}): { result: ScrapeResult | null; failures: AdapterFailure[] } {
  const failures: AdapterFailure[] = [];
  for (const adapter of ADAPTERS) {
    if (!adapter.matches(url)) continue;
    let out: ReturnType<SiteAdapter['extract']>;
    try {
      out = adapter.extract(doc, url, env);
    } catch (e) {
      // one broken adapter must not stop the readers after it
      failures.push({ site: adapter.id, version: adapter.version, selector: '(threw)', message: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (isMiss(out)) {
      failures.push({ site: adapter.id, version: adapter.version, selector: out.missing, message: out.message });
      continue;
    }
    if (!out || !out.description.trim()) continue;
    return { result: { posting: finish(out, adapter, doc, url), via: adapter.id, failures }, failures };
  }
  return { result: null, failures };
}

/**
 * Cheap enough for every navigation (one or two querySelectors, no text walk): could this page show a posting?
 * A board URL with its posting markup (or at least a heading, so a changed layout still gets the control and a
 * failure report), any page with JobPosting JSON-LD, or a careers-style URL with a heading.
 */
export function looksLikeJobPage(doc: Document, url: URL): boolean {
  return showsPosting(doc, postingSelector(url));
}

/**
 * What shows that a posting has rendered at this address, from the URL alone: the board's probe (or a heading), a
 * heading on a careers-style URL, or nothing (then only JobPosting JSON-LD counts). Boards' own hosts: a URL there
 * that is not a posting (a feed, a list of jobs) is not a posting elsewhere either.
 */
export function postingSelector(url: URL): string | null {
  const board = BOARDS.find((a) => a.matches(url));
  if (board) return board.probe ? `${board.probe}, h1` : 'h1';
  if (boardForHost(url.hostname)) return null;
  return CAREERS_PATH.test(url.pathname) ? 'h1' : null;
}

/** One line for logs and the dashboard's failure list. */
export function describeFailure(f: AdapterFailure): string {
  return `${f.site} (${f.version}): ${f.message} Selectors tried: ${f.selector}`;
}

function finish(p: JobPostingInput, adapter: SiteAdapter, doc: Document, url: URL): JobPostingInput {
  const out: JobPostingInput = { ...p };
  // boards leave out what they do not show near the title; their JSON-LD often has it
  if (BOARDS.includes(adapter) && (!out.location || !out.employmentType || !out.salary || !out.company)) {
    const ld = jsonLdPosting(doc);
    if (ld) {
      out.company ||= ld.company;
      out.location ??= ld.location;
      out.employmentType ??= ld.employmentType;
      out.salary ??= ld.salary;
      if (!out.remote || out.remote === 'unknown') out.remote = ld.remote;
    }
  }
  // the same cleaning the store applies to every posting, here too so the popup shows its warnings before saving
  return {
    ...sanitizePosting(out),
    url: url.href,
    site: BOARDS.includes(adapter) ? adapter.id : url.hostname.replace(/^www\./, ''),
    scrapedAt: new Date().toISOString(),
  };
}

export { isMiss };
export type { AdapterFailure, ExtractEnv, ScrapeResult, SiteAdapter };
