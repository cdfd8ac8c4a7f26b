import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJob } from '../../shared/engine/job-text-parser';
import { JobPosting } from '../../shared/schema/job-posting';
import type { ParsedJob, Requirement } from '../../shared/schema/parsed-job';

/**
 * The offline JOB_PARSER against requirement lists labelled by hand (issue 11), in
 * shared/engine/__fixtures__/postings: real saved pages of the corpus and postings written in the shapes the issue
 * quotes. A found requirement is right when its text holds a label's `match`.
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

export const hasText = (text: string, sub: string) => text.toLowerCase().includes(sub.toLowerCase());

export interface RequirementsScore { precision: number; recall: number; kind: number; category: number; report: string }

export function scoreRequirements(postings = loadLabelledPostings(), verbose = true): RequirementsScore {
  let tp = 0, found = 0, labelled = 0, recalled = 0, kindOk = 0, catOk = 0;
  const rows: string[] = ['Requirements read from postings (offline JOB_PARSER against hand labels)'];
  for (const p of postings) {
    const reqs = p.parsed.requirements;
    const correct = reqs.filter((r) => p.labelled.requirements.some((l) => hasText(r.text, l.match)));
    const hits = p.labelled.requirements.map((l) => ({ l, r: reqs.find((r) => hasText(r.text, l.match)) })).filter((x) => x.r);
    const k = hits.filter((x) => x.r!.kind === x.l.kind).length;
    const c = hits.filter((x) => x.r!.category === x.l.category).length;
    tp += correct.length; found += reqs.length; labelled += p.labelled.requirements.length; recalled += hits.length; kindOk += k; catOk += c;
    rows.push(`  ${p.name.padEnd(28)} precision ${pc(correct.length, reqs.length)} (${correct.length}/${reqs.length})  recall ${pc(hits.length, p.labelled.requirements.length)} (${hits.length}/${p.labelled.requirements.length})  must/nice ${k}/${hits.length}  type ${c}/${hits.length}`);
    if (verbose) {
      rows.push(...reqs.filter((r) => !correct.includes(r)).map((r) => `      not a requirement: ${r.text}`));
      rows.push(...p.labelled.requirements.filter((l) => !hits.some((x) => x.l === l)).map((l) => `      missed: ${l.match}`));
      rows.push(...hits.filter((x) => x.r!.category !== x.l.category).map((x) => `      typed ${x.r!.category}, labelled ${x.l.category}: ${x.l.match}`));
    }
  }
  rows.push(`  ${'TOTAL'.padEnd(28)} precision ${pc(tp, found)} (${tp}/${found})  recall ${pc(recalled, labelled)} (${recalled}/${labelled})  must/nice ${kindOk}/${recalled}  type ${catOk}/${recalled}`);
  return { precision: tp / found, recall: recalled / labelled, kind: kindOk / recalled, category: catOk / recalled, report: rows.join('\n') };
}

function pc(a: number, b: number): string {
  return `${b ? ((100 * a) / b).toFixed(0) : '—'}%`.padStart(4);
}
