import type { JobPostingInput } from '../schema/job-posting';

/**
 * One job board. `extract` is pure: a Document in, a JobPosting out; no browser APIs, so the same code runs in the
 * content script, in Vitest and in `cvpath scrape`.
 */
export interface SiteAdapter {
  /** kebab-case, the file name: `linkedin` for `sites/linkedin.ts`. */
  id: string;
  /** Bumped when the selectors change, so failure reports say which selector set failed. */
  version: string;
  /** Cheap URL test: could this URL be a posting (or a pane showing one) on this board? */
  matches(url: URL): boolean;
  /**
   * A selector that is present once a posting has rendered on a matching URL. `looksLikeJobPage` runs it on every
   * navigation, so it must be one querySelector, never a text walk.
   */
  probe?: string;
  /**
   * The posting; an `AdapterMiss` when the URL is this board's but the markup is not what the selectors expect (the
   * board changed its layout: worth a failure report); null when there is nothing to read and nothing is wrong.
   */
  extract(doc: Document, url: URL, env: ExtractEnv): JobPostingInput | AdapterMiss | null;
}

/** The selector(s) that found nothing on a page the adapter should have been able to read. */
export interface AdapterMiss {
  missing: string;
  message: string;
}

export function isMiss(x: JobPostingInput | AdapterMiss | null): x is AdapterMiss {
  return !!x && 'missing' in x;
}

/** What the caller knows about the rendered page that a pure DOM walk cannot (computed styles in a live page). */
export interface ExtractEnv {
  /** True when an element is not visible to the user: display:none, visibility:hidden, zero size, text coloured like its background. */
  isHidden?: (el: Element) => boolean;
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
