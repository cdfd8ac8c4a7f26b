import type { JobPostingInput } from '../../shared/schema/job-posting';

/**
 * One job board. `extract` is pure: a Document in, a JobPosting (or null when this page is not a posting of this board)
 * out; no browser APIs, so the same code runs in the content script, in Vitest and in `cvpath scrape`.
 */
export interface SiteAdapter {
  /** kebab-case, the file name: `linkedin` for `sites/linkedin.ts`. */
  id: string;
  /** Bumped when the selectors change, so failure reports say which selector set failed. */
  version: string;
  /** Cheap URL test: could this URL be a posting (or a pane showing one) on this board? */
  matches(url: URL): boolean;
  extract(doc: Document, url: URL, env: ExtractEnv): JobPostingInput | null;
}

/** What the caller knows about the rendered page that a pure DOM walk cannot (computed styles in a live page). */
export interface ExtractEnv {
  /** True when an element is not visible to the user: display:none, visibility:hidden, zero size, text coloured like its background. */
  isHidden?(el: Element): boolean;
}

/** An adapter that matched the URL but could not read the page: the selector that found nothing, for the failure report. */
export interface AdapterFailure {
  site: string;
  version: string;
  selector: string;
  message: string;
}

export interface ScrapeResult {
  posting: JobPostingInput;
  /** Which reader produced it: a board id, `json-ld` or `readable`. */
  via: string;
  failures: AdapterFailure[];
}
