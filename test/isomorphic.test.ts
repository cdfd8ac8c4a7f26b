import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runInWebContext } from './helpers';

/**
 * shared/ must run unchanged in an extension's service worker. Bundle the pipeline (with every provider adapter)
 * for the browser, then run the offline pipeline in a V8 context that has only web-platform globals: no require,
 * no process, no Buffer.
 */
describe('shared/ is isomorphic', () => {
  it('bundles for the browser and runs the offline pipeline with web globals only', async () => {
    const entry = `
      import { runPipeline } from './shared/pipeline/pipeline';
      import { jobFromText } from './shared/engine/job-text-parser';
      import { getAdapter } from './shared/providers/registry';
      globalThis.__run = async (cvText, jobText) => {
        for (const p of ['openai', 'anthropic', 'gemini', 'openrouter', 'ollama']) getAdapter(p);
        return runPipeline({ cvText, job: jobFromText(jobText) }, { now: new Date('2026-11-01T00:00:00Z') });
      };`;
    const ctx = await runInWebContext(entry);
    const cvText = readFileSync(join(ROOT, 'examples/cv.txt'), 'utf8');
    const jobText = readFileSync(join(ROOT, 'examples/job.txt'), 'utf8');
    const run = await (ctx as unknown as { __run: (a: string, b: string) => Promise<{ status: string; outputs: { score?: { after: { match: number } } } }> }).__run(cvText, jobText);
    expect(run.status).toBe('succeeded');
    expect(run.outputs.score!.after.match).toBeGreaterThan(0);
  });
});
