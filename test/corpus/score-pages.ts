import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { scrapeJobWithFailures } from '../../shared/sites';

/**
 * The job pages of the outside corpus (test/corpus/pages/<board>/<name>.html, saved by other people), read as the
 * content script reads them and compared with what a careful person reads on the page.
 */

export const PAGES_DIR = join(import.meta.dirname, 'pages');

export interface PageExpected {
  url: string;
  board: string;
  layout?: string;
  source: { repo: string; path: string; commit: string; licence: string };
  title: string;
  company: string;
  location: string | null;
  descriptionIncludes: string[];
  descriptionExcludes: string[];
}

export interface CorpusPage {
  id: string;
  html: string;
  expected: PageExpected;
}

export interface PageScore {
  id: string;
  board: string;
  /** Every field right and no chrome in the description. */
  exact: boolean;
  via: string | null;
  misses: string[];
  /** A reader threw or nothing was read: the user would see an error or no posting. */
  failed: boolean;
}

export function listCorpusPages(dir = PAGES_DIR): CorpusPage[] {
  let boards: string[];
  try {
    boards = readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()).sort();
  } catch {
    return [];
  }
  return boards.flatMap((board) =>
    readdirSync(join(dir, board)).filter((f) => f.endsWith('.html')).sort().map((f) => {
      const base = join(dir, board, f.replace(/\.html$/, ''));
      return { id: `${board}/${f.replace(/\.html$/, '')}`, html: readFileSync(`${base}.html`, 'utf8'), expected: JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')) as PageExpected };
    }),
  );
}

/** How a person compares two readings: case, spacing and typographic quotes and dashes do not matter. */
export const norm = (s: string | null | undefined) =>
  (s ?? '').normalize('NFKC').replace(/(^|\n)\s*- /g, '$1').replace(/[•▪●◦]\s*/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').replace(/\s+/g, ' ').replace(/ ([.,;:!?])/g, '$1').replace(/ ?- ?/g, ' - ').trim().toLowerCase();

export function scorePage(page: CorpusPage): PageScore {
  const e = page.expected;
  const misses: string[] = [];
  let via: string | null = null;
  try {
    const { document } = parseHTML(page.html);
    const { result } = scrapeJobWithFailures(document, new URL(e.url));
    if (!result) return { id: page.id, board: e.board, exact: false, via, misses: ['nothing read'], failed: true };
    via = result.via;
    const p = result.posting;
    const check = (field: string, got: string | null | undefined, want: string | null) => {
      if (norm(got) !== norm(want)) misses.push(`${field}: "${got ?? ''}" ≠ "${want ?? ''}"`);
    };
    check('title', p.title, e.title);
    check('company', p.company, e.company);
    check('location', p.location, e.location);
    const d = norm(p.description);
    for (const s of e.descriptionIncludes) if (!d.includes(norm(s))) misses.push(`description lacks "${s.slice(0, 70)}"`);
    for (const s of e.descriptionExcludes) if (d.includes(norm(s))) misses.push(`description has chrome "${s.slice(0, 70)}"`);
    return { id: page.id, board: e.board, exact: misses.length === 0, via, misses, failed: false };
  } catch (err) {
    return { id: page.id, board: e.board, exact: false, via, misses: [`threw: ${err instanceof Error ? err.message : String(err)}`], failed: true };
  }
}
