import { describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../store/db';
import { runCostNote } from './run-cost';

const openai: ProviderConfig = { id: 'a', provider: 'openai', model: 'gpt-4o-mini' };
const router: ProviderConfig = { id: 'b', provider: 'openrouter', model: 'x' };
const ollama: ProviderConfig = { id: 'c', provider: 'ollama', model: 'llama3.1' };

describe('what another run costs', () => {
  it('is free offline, even with providers saved but not in any chain', () => {
    expect(runCostNote({ providers: [openai], chain: [], chains: {} })).toBe('free (the offline engine runs on this computer)');
  });

  it('names the key it spends, and the last run\'s cost when there was one', () => {
    expect(runCostNote({ providers: [openai], chain: ['a'], chains: {} })).toBe('uses your OpenAI key');
    expect(runCostNote({ providers: [openai, router], chain: ['a'], chains: { JOB_PARSER: ['b'] } }, 0.0123)).toBe('uses your OpenAI and OpenRouter keys (about $0.01, as last time)');
  });

  it('is free with a local model', () => {
    expect(runCostNote({ providers: [ollama], chain: ['c'], chains: {} })).toMatch(/^free/);
  });
});
