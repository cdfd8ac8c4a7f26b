import { describe, expect, it } from 'vitest';
import { costOf, priceOf } from './prices';

const M = { inputTokens: 1_000_000, outputTokens: 1_000_000 };

describe('costOf', () => {
  it('prices common models per million tokens', () => {
    expect(costOf('openai', 'gpt-4o-mini', M)).toEqual({ usd: 0.75, priced: true });
    expect(costOf('openai', 'gpt-4o', M)).toEqual({ usd: 12.5, priced: true });
    expect(costOf('openai', 'gpt-4.1-mini', { inputTokens: 1000, outputTokens: 500 })).toEqual({ usd: 0.0012, priced: true });
    expect(costOf('anthropic', 'claude-haiku-4-5', M)).toEqual({ usd: 6, priced: true });
    expect(costOf('gemini', 'gemini-2.0-flash', M)).toEqual({ usd: 0.5, priced: true });
  });

  it('matches dated snapshots and aliases to their family, longest prefix first', () => {
    expect(priceOf('openai', 'gpt-4o-mini-2024-07-18')).toEqual(priceOf('openai', 'gpt-4o-mini'));
    expect(priceOf('openai', 'gpt-4o-2024-08-06')).toEqual(priceOf('openai', 'gpt-4o'));
    expect(priceOf('anthropic', 'claude-3-5-haiku-20241022')).toEqual({ input: 0.8, output: 4 });
    expect(priceOf('anthropic', 'claude-3-5-haiku-latest')).toEqual({ input: 0.8, output: 4 });
    expect(priceOf('anthropic', 'claude-haiku-4-5-20251001')).toEqual({ input: 1, output: 5 });
    expect(priceOf('anthropic', 'claude-sonnet-4-5')).toEqual({ input: 3, output: 15 });
    expect(priceOf('gemini', 'gemini-2.0-flash-001')).toEqual({ input: 0.1, output: 0.4 });
    expect(priceOf('gemini', 'gemini-2.0-flash-lite')).toEqual({ input: 0.075, output: 0.3 });
    expect(priceOf('gemini', 'models/gemini-1.5-flash')).toEqual({ input: 0.075, output: 0.3 });
    expect(priceOf('gemini', 'gemini-2.5-flash')).toEqual({ input: 0.3, output: 2.5 });
  });

  it('understands OpenRouter names (vendor prefix, dotted versions, :free)', () => {
    expect(priceOf('openrouter', 'openai/gpt-4o-mini')).toEqual({ input: 0.15, output: 0.6 });
    expect(priceOf('openrouter', 'anthropic/claude-3.5-haiku')).toEqual({ input: 0.8, output: 4 });
    expect(priceOf('openrouter', 'anthropic/claude-haiku-4.5')).toEqual({ input: 1, output: 5 });
    expect(costOf('openrouter', 'meta-llama/llama-3-8b-instruct:free', M)).toEqual({ usd: 0, priced: true });
  });

  it('does not let a short key swallow a different model', () => {
    // `gpt-4.1` normalises to `gpt-4-1`, which must not price GPT-4 Turbo `gpt-4-1106-preview`.
    expect(priceOf('openai', 'gpt-4-1106-preview')).toBeUndefined();
  });

  it('unknown models cost 0 and are flagged unpriced', () => {
    expect(costOf('openai', 'my-fine-tune', M)).toEqual({ usd: 0, priced: false });
    expect(costOf('openrouter', 'meta-llama/llama-3-8b', M)).toEqual({ usd: 0, priced: false });
  });

  it('ollama is always free', () => {
    expect(costOf('ollama', 'llama3.1:8b', M)).toEqual({ usd: 0, priced: true });
    expect(costOf('ollama', 'gpt-4o', M)).toEqual({ usd: 0, priced: true });
  });
});
