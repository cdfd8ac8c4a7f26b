import { describe, expect, it } from 'vitest';
import { FABRICATIONS } from '../../test/fake-llm/brain';
import { loadPairs, NOW } from '../../test/helpers';
import { MemoryCache } from '../pipeline/cache';
import { runPipeline } from '../pipeline/pipeline';
import { cvItems } from './matcher';
import { extractNumbers, fold } from './text';

const pairs = loadPairs();

describe('the offline engine on the team-written CV/job pairs', () => {
  it('has at least 10 pairs across different fields', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(10);
  });

  const results: { name: string; before: number; after: number }[] = [];

  it.each(pairs.map((p) => [p.name, p] as const))('%s: tailored match ≥ original, zero fabrications', async (_name, p) => {
    const run = await runPipeline({ cvText: p.cvText, job: p.job }, { now: NOW, cache: new MemoryCache() });
    expect(run.status).toBe('succeeded');
    const score = run.outputs.score!;
    const master = run.outputs.cv!;
    const tailored = run.outputs.tailored!;
    expect(score.after.match).toBeGreaterThanOrEqual(score.before.match);
    expect(score.faithfulness.violations).toEqual([]);
    results.push({ name: p.name, before: score.before.match, after: score.after.match });

    // zero fabrications, checked independently of the guard: same roles and facts, every bullet a master bullet
    expect(tailored.cv.work.map((w) => [w.id, w.name, w.position, w.startDate, w.endDate])).toEqual(master.work.map((w) => [w.id, w.name, w.position, w.startDate, w.endDate]));
    expect(tailored.cv.education).toEqual(master.education);
    const masterBullets = new Map(master.work.flatMap((w) => w.highlights).map((h) => [h.id, h.text]));
    for (const h of tailored.cv.work.flatMap((w) => w.highlights)) expect(masterBullets.get(h.id)).toBe(h.text);
    const masterText = fold(cvItems(master).map((i) => i.text).join(' '));
    const masterNumbers = new Set(extractNumbers(cvItems(master).map((i) => i.text).join(' ')));
    for (const n of extractNumbers(tailored.cv.basics.summary ?? '')) expect(masterNumbers.has(n), n).toBe(true);
    for (const lie of Object.values(FABRICATIONS)) expect(JSON.stringify(tailored.cv)).not.toContain(lie);
    // every change cites master ids
    const ids = new Set([...cvItems(master).map((i) => i.id), 'summary', 'sections']);
    for (const c of tailored.changes) for (const id of c.sourceIds) expect(ids.has(id), `${c.kind} cites ${id}`).toBe(true);
    expect(masterText.length).toBeGreaterThan(0);
  });

  it('raises the match by at least 10 points on average where the CV underplays its evidence', () => {
    expect(results.length).toBe(pairs.length);
    const gains = results.map((r) => r.after - r.before);
    const mean = gains.reduce((a, b) => a + b, 0) / gains.length;
    console.info(`offline gains: ${results.map((r) => `${r.name} ${r.before}→${r.after}`).join(', ')}; mean +${mean.toFixed(1)}`);
    expect(mean).toBeGreaterThanOrEqual(10);
  });

  it('is deterministic: the same inputs give the same tailored CV and score', async () => {
    const p = pairs[0]!;
    const a = await runPipeline({ cvText: p.cvText, job: p.job }, { now: NOW, cache: new MemoryCache() });
    const b = await runPipeline({ cvText: p.cvText, job: p.job }, { now: NOW, cache: new MemoryCache() });
    expect(b.outputs).toEqual(a.outputs);
  });
});
