import type { JobPostingInput, JobWarning } from '../schema/job-posting';
import { workplace } from './dom';
import { formatEmployment, formatLocation, formatSalary, ldString, readDescriptionHtml, type Ld } from './ld-fields';
import { pageTitle, readable } from './readable';
import { collapse } from './text';
import { LD_SELECTOR } from './probe';
import { isMiss, type SiteAdapter } from './types';

/**
 * schema.org JobPosting JSON-LD, wherever a page puts it (Google for Jobs asks every careers site for it). The JSON-LD
 * is for search engines and nobody checks it against the page: when it disagrees with what the user sees (a stale
 * description, another title), we go with the page and say so.
 */

export { LD_SELECTOR };
/** Below this share of the JSON-LD's sentences found on the page, the two describe different things. */
const MIN_COVERAGE = 0.5;
/** A page with less visible text than this is rendered from the JSON-LD (or not at all): nothing to compare. */
const MIN_VISIBLE_WORDS = 80;

export const jsonLd: SiteAdapter = {
  id: 'json-ld',
  version: '2025-01',
  matches: () => true,
  probe: LD_SELECTOR,
  extract(doc, url, env) {
    const posting = jsonLdPosting(doc);
    if (!posting) return null;
    const warnings: JobWarning[] = [];
    const h1 = pageTitle(doc, env);
    if (h1 && doc.querySelector('h1') && !sameText(h1, posting.title)) {
      warnings.push(mismatch(`the page's title is "${h1}" but its data says "${posting.title}"`, posting.title));
      posting.title = h1;
    }
    const visible = readable.extract(doc, url, env);
    if (visible && !isMiss(visible)) {
      warnings.push(...(visible.warnings ?? []));
      const words = visible.description.split(/\s+/).length;
      if (words >= MIN_VISIBLE_WORDS && coverage(posting.description, visible.description) < MIN_COVERAGE) {
        warnings.push(mismatch('the description in its data differs from the one on the page; CVPath used the one on the page', posting.description));
        posting.description = visible.description;
        if (visible.remote && visible.remote !== 'unknown') posting.remote = visible.remote;
      }
    }
    return { ...posting, warnings };
  },
};

/** The first JobPosting object in the page's JSON-LD, as a posting (description still from the JSON-LD). */
export function jsonLdPosting(doc: Document): (JobPostingInput & { title: string }) | null {
  for (const ld of jsonLdObjects(doc)) {
    // hand-written data takes every shape (nulls where objects belong, numbers for strings): one odd object is skipped, never thrown
    try {
      const posting = ldToPosting(doc, ld);
      if (posting) return posting;
    } catch {
      continue;
    }
  }
  return null;
}

function ldToPosting(doc: Document, ld: Ld): (JobPostingInput & { title: string }) | null {
  const title = collapse(ldString(ld.title ?? ld.name));
  const description = readDescriptionHtml(doc, ldString(ld.description));
  if (!title || !description) return null;
  const org = ld.hiringOrganization as Ld | string | null | undefined;
  const location = formatLocation(ld);
  return {
    title,
    company: collapse(typeof org === 'string' ? org : ldString(org?.name)),
    location,
    remote: ld.jobLocationType === 'TELECOMMUTE' ? 'remote' : workplace(location),
    employmentType: formatEmployment(ld.employmentType),
    salary: formatSalary(ld.baseSalary ?? ld.estimatedSalary),
    description,
  };
}

/** Every JobPosting object: in arrays, in @graph, typed "JobPosting" or ["JobPosting", …]. */
export function jsonLdObjects(doc: Document): Ld[] {
  const out: Ld[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    const o = v as Ld;
    const type = o['@type'];
    if (type === 'JobPosting' || (Array.isArray(type) && type.includes('JobPosting'))) out.push(o);
    if (o['@graph']) visit(o['@graph']);
  };
  for (const s of doc.querySelectorAll(LD_SELECTOR)) visit(parseLoose(s.textContent ?? ''));
  return out;
}

/** Sites hand-write JSON-LD: raw newlines and tabs inside strings are common, and one broken block must not stop the others. */
function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(text.replace(/[\n\r\t]+/g, ' ').replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return null;
    }
  }
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The same title, give or take a suffix ("Data Engineer" vs "Data Engineer (m/f/d)"); "Senior …, Streaming" is another job. */
function sameText(a: string, b: string): boolean {
  const [x, y] = [norm(a), norm(b)].sort((p, q) => p.length - q.length) as [string, string];
  return x === y || (y.startsWith(x) && x.length >= 0.6 * y.length);
}

/** The share of the JSON-LD's sentences (of five words or more) that the page shows too. */
function coverage(ld: string, visible: string): number {
  const page = norm(visible);
  const sentences = ld.split(/(?<=[.!?])\s+|\n+/).map(norm).filter((s) => s.split(' ').length >= 5).slice(0, 30);
  if (!sentences.length) return 1;
  return sentences.filter((s) => page.includes(s)).length / sentences.length;
}

function mismatch(message: string, ldText: string): JobWarning {
  const excerpt = collapse(ldText);
  return { code: 'jsonld_mismatch', message: `This page's structured data disagrees with what it shows: ${message}.`, excerpt: excerpt.length > 160 ? `${excerpt.slice(0, 159)}…` : excerpt };
}
