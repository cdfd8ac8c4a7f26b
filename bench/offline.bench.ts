import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jobFromText } from '../shared/engine/job-text-parser';
import { clearEngineCaches } from '../shared/engine/text';
import { MemoryCache } from '../shared/pipeline/cache';
import { runPipeline } from '../shared/pipeline/pipeline';
import { line, median, pct } from './util';

/** Offline pipeline on the reference pair: a 2-page CV and a ~600-word posting, nothing cached. */
export async function benchOffline(): Promise<boolean> {
  const root = join(import.meta.dirname, '..');
  const cvText = readFileSync(join(root, 'examples/cv.txt'), 'utf8');
  const jobText = readFileSync(join(root, 'examples/job.txt'), 'utf8');
  const job = jobFromText(jobText);
  const now = new Date('2026-11-01T00:00:00Z');
  for (let i = 0; i < 15; i++) await runPipeline({ cvText, job }, { now, cache: new MemoryCache() });
  const times: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 60; i++) {
    clearEngineCaches(); // a cold engine: nothing remembered from the previous run
    let t = performance.now();
    await runPipeline({ cvText, job }, { now, cache: new MemoryCache() });
    times.push(performance.now() - t);
    t = performance.now();
    await runPipeline({ cvText, job }, { now, cache: new MemoryCache() });
    warm.push(performance.now() - t);
  }
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  console.log(`\nOffline pipeline (CV ${words(cvText)} words, posting ${words(jobText)} words, 60 runs after 15 warm-up, no stage cache)`);
  const m = median(times);
  line('offline pipeline, median (cold engine caches)', `${m.toFixed(1)} ms`, '≤ 30 ms', m <= 30);
  line('offline pipeline, p95 (cold engine caches)', `${pct(times, 95).toFixed(1)} ms`);
  line('offline pipeline, median (same inputs again)', `${median(warm).toFixed(1)} ms`);
  return m <= 30;
}
