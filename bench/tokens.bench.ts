import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brainResponder } from '../test/fake-llm/brain';
import { startFakeLlm } from '../test/fake-llm/server';
import { jobFromText } from '../shared/engine/job-text-parser';
import { MemoryCache } from '../shared/pipeline/cache';
import { runPipeline } from '../shared/pipeline/pipeline';
import type { ContextFormat } from '../shared/prompt/builder';
import { ResilientCaller } from '../shared/providers/chain';
import type { ProviderSpec } from '../shared/providers/types';
import { line } from './util';

/** Input tokens of a full run (six prompts, counted by the fake with gpt-tokenizer) with TOON context vs pretty JSON. */
export async function benchTokens(): Promise<boolean> {
  const fake = await startFakeLlm({ responder: brainResponder() });
  const root = join(import.meta.dirname, '..');
  const cvText = readFileSync(join(root, 'examples/cv.txt'), 'utf8');
  const job = jobFromText(readFileSync(join(root, 'examples/job.txt'), 'utf8'));
  const spec: ProviderSpec = { provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-bench-0123456789abcdef', baseUrl: `${fake.url}/v1` };
  const now = new Date('2026-11-01T00:00:00Z');
  const tokens = async (format: ContextFormat | 'auto') => {
    const run = await runPipeline({ cvText, job }, { now, chain: [spec], caller: new ResilientCaller(), cache: new MemoryCache(), prompt: { format } });
    return { input: run.totals.inputTokens, perStage: Object.fromEntries(run.stages.map((s) => [s.stage, s.inputTokens])) };
  };
  try {
    const auto = await tokens('auto');
    const pretty = await tokens('json-pretty');
    const compact = await tokens('json');
    const ratio = auto.input / pretty.input;
    console.log('\nInput tokens per full run, reference pair (examples/), counted with gpt-tokenizer (o200k)');
    line('TOON where shorter (the default)', `${auto.input} tok`);
    line('pretty-printed JSON context', `${pretty.input} tok`);
    line('compact JSON context', `${compact.input} tok`);
    line('  default / pretty JSON', `${ratio.toFixed(2)}×`, '≤ 0.80×', ratio <= 0.8);
    for (const [stage, n] of Object.entries(auto.perStage)) line(`  ${stage}`, `${n} vs ${pretty.perStage[stage]} tok`);
    return ratio <= 0.8;
  } finally {
    await fake.close();
  }
}
