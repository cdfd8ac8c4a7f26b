import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { parseJob } from '../../shared/engine/job-text-parser';
import { scrapeJobWithFailures } from '../../shared/sites';
import { JobPosting } from '../../shared/schema/job-posting';
import type { ParsedJob, Requirement } from '../../shared/schema/parsed-job';
import { listCorpusPages } from './score-pages';

/**
 * The offline JOB_PARSER against requirement lists labelled by hand (issue 11), in two sets reported apart:
 * - corpus: real job pages of the outside corpus (test/corpus/pages), read with the product's own site readers, labelled
 *   in test/corpus/requirement-labels.json (acceptance 1: at least 25 postings);
 * - fixtures: shared/engine/__fixtures__/postings, three real pages and five postings written in the shapes the issue
 *   quotes (Scale AI's pay lines, Anthropic's visa line…).
 * A found requirement is right when its text holds a label's `match`.
 */
export interface RequirementLabel { match: string; kind: 'must' | 'nice'; category: Requirement['category'] }
export interface LabelledPosting { requirements: RequirementLabel[]; never: string[]; neverKeywords: string[] }

export const POSTINGS_DIR = join(import.meta.dirname, '../../shared/engine/__fixtures__/postings');

export function loadLabelledPostings(): { name: string; labelled: LabelledPosting; parsed: ParsedJob }[] {
  const labels = JSON.parse(readFileSync(join(POSTINGS_DIR, 'labels.json'), 'utf8')) as Record<string, LabelledPosting | string>;
  return Object.entries(labels)
    .filter((e): e is [string, LabelledPosting] => typeof e[1] !== 'string')
    .map(([name, labelled]) => {
      const raw = JSON.parse(readFileSync(join(POSTINGS_DIR, `${name}.json`), 'utf8')) as { title: string; company: string; location?: string | null; description: string };
      const job = JobPosting.parse({ title: raw.title, company: raw.company, location: raw.location ?? undefined, description: raw.description });
      return { name, labelled, parsed: parseJob(job) };
    });
}

export const CORPUS_LABELS = join(import.meta.dirname, 'requirement-labels.json');

/** The labelled corpus pages, each read as the content script reads it, then parsed by the offline JOB_PARSER. */
export function loadCorpusLabelledPostings(): { name: string; labelled: LabelledPosting; parsed: ParsedJob }[] {
  const labels = JSON.parse(readFileSync(CORPUS_LABELS, 'utf8')) as Record<string, LabelledPosting | string>;
  const pages = new Map(listCorpusPages().map((p) => [p.id, p]));
  return Object.entries(labels)
    .filter((e): e is [string, LabelledPosting] => typeof e[1] !== 'string')
    .map(([name, labelled]) => {
      const page = pages.get(name);
      if (!page) throw new Error(`labelled page ${name} is not in test/corpus/pages`);
      const { result } = scrapeJobWithFailures(parseHTML(page.html).document, new URL(page.expected.url));
      if (!result) throw new Error(`no posting read from ${name}`);
      return { name, labelled, parsed: parseJob(JobPosting.parse(result.posting)) };
    });
}

export const hasText = (text: string, sub: string) => text.toLowerCase().includes(sub.toLowerCase());

export interface RequirementsScore { precision: number; recall: number; kind: number; category: number; report: string }

export function scoreRequirements(postings = loadLabelledPostings(), verbose = true, title = 'fixtures'): RequirementsScore {
  let tp = 0, found = 0, labelled = 0, recalled = 0, kindOk = 0, catOk = 0;
  const rows: string[] = [`Requirements read from postings, ${title} (offline JOB_PARSER against hand labels, ${postings.length} postings)`];
  for (const p of postings) {
    const reqs = p.parsed.requirements;
    const correct = reqs.filter((r) => p.labelled.requirements.some((l) => hasText(r.text, l.match)));
    const hits = p.labelled.requirements.map((l) => ({ l, r: reqs.find((r) => hasText(r.text, l.match)) })).filter((x) => x.r);
    const k = hits.filter((x) => x.r!.kind === x.l.kind).length;
    const c = hits.filter((x) => x.r!.category === x.l.category).length;
    tp += correct.length; found += reqs.length; labelled += p.labelled.requirements.length; recalled += hits.length; kindOk += k; catOk += c;
    rows.push(`  ${p.name.padEnd(52)} precision ${pc(correct.length, reqs.length)} (${correct.length}/${reqs.length})  recall ${pc(hits.length, p.labelled.requirements.length)} (${hits.length}/${p.labelled.requirements.length})  must/nice ${k}/${hits.length}  type ${c}/${hits.length}`);
    if (verbose) {
      rows.push(...reqs.filter((r) => !correct.includes(r)).map((r) => `      not a requirement: ${r.text}`));
      rows.push(...p.labelled.requirements.filter((l) => !hits.some((x) => x.l === l)).map((l) => `      missed: ${l.match}`));
      rows.push(...hits.filter((x) => x.r!.category !== x.l.category).map((x) => `      typed ${x.r!.category}, labelled ${x.l.category}: ${x.l.match}`));
    }
  }
  rows.push(`  ${'TOTAL'.padEnd(52)} precision ${pc(tp, found)} (${tp}/${found})  recall ${pc(recalled, labelled)} (${recalled}/${labelled})  must/nice ${kindOk}/${recalled}  type ${catOk}/${recalled}`);
  return { precision: tp / found, recall: recalled / labelled, kind: kindOk / recalled, category: catOk / recalled, report: rows.join('\n') };
}

function pc(a: number, b: number): string {
  return `${b ? ((100 * a) / b).toFixed(0) : '—'}%`.padStart(4);
}
