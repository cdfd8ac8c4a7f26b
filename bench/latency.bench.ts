import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brainResponder } from '../test/fake-llm/brain';
import { startFakeLlm } from '../test/fake-llm/server';
import { jobFromText } from '../shared/engine/job-text-parser';
import { MemoryCache } from '../shared/pipeline/cache';
import { runPipeline } from '../shared/pipeline/pipeline';
import { ResilientCaller } from '../shared/providers/chain';
import type { ProviderSpec } from '../shared/providers/types';
import { line } from './util';

/**
 * Wall time with a provider that takes a fixed 400 ms a call, against a strictly sequential six-call run measured
 * the same way (same SDK, same server), so the machine's noise cancels out of the ratios.
 */
export async function benchLatency(): Promise<boolean> {
  const DELAY = 400;
  const brain = brainResponder();
  const fake = await startFakeLlm({ responder: async (req) => ({ ...(await brain(req)), delayMs: DELAY }) });
  const root = join(import.meta.dirname, '..');
  const cvText = readFileSync(join(root, 'examples/cv.txt'), 'utf8');
  const job = jobFromText(readFileSync(join(root, 'examples/job.txt'), 'utf8'));
  const otherJob = jobFromText(readFileSync(join(root, 'shared/__fixtures__/pairs/software/job.txt'), 'utf8'));
  const spec: ProviderSpec = { provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-bench-0123456789abcdef', baseUrl: `${fake.url}/v1` };
  const caller = new ResilientCaller();
  const now = new Date('2026-11-01T00:00:00Z');
  try {
    // strictly sequential: six calls one after another
    const seqT = performance.now();
    for (let i = 0; i < 6; i++) await caller.call(spec, { model: spec.model, system: 'You are the JOB_PARSER agent of CVPath.', messages: [{ role: 'user', content: 'ping' }] });
    const sequential = performance.now() - seqT;

    const cache = new MemoryCache();
    let t = performance.now();
    await runPipeline({ cvText, job }, { now, chain: [spec], caller, cache });
    const first = performance.now() - t;
    t = performance.now();
    await runPipeline({ cvText, job: otherJob }, { now, chain: [spec], caller, cache });
    const repeatNewJob = performance.now() - t;
    t = performance.now();
    await runPipeline({ cvText, job }, { now, chain: [spec], caller, cache });
    const repeatSame = performance.now() - t;

    console.log(`\nFake provider at a fixed ${DELAY} ms a call`);
    line('strictly sequential six-call run', `${sequential.toFixed(0)} ms`);
    line('first run (nothing cached)', `${first.toFixed(0)} ms`);
    line('  ratio to sequential', `${(first / sequential).toFixed(2)}×`, '≤ 0.70×', first / sequential <= 0.7);
    line('repeat run, same CV, another job', `${repeatNewJob.toFixed(0)} ms`);
    line('  ratio to sequential', `${(repeatNewJob / sequential).toFixed(2)}×`, '≤ 0.55×', repeatNewJob / sequential <= 0.55);
    line('repeat run, same CV, same job', `${repeatSame.toFixed(0)} ms`);
    line('  ratio to sequential', `${(repeatSame / sequential).toFixed(2)}×`, '≤ 0.55×', repeatSame / sequential <= 0.55);
    return first / sequential <= 0.7 && repeatNewJob / sequential <= 0.55 && repeatSame / sequential <= 0.55;
  } finally {
    await fake.close();
  }
}
