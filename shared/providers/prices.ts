import type { ProviderId, Usage } from './types';

/** USD per 1M tokens. List prices for standard (non-batch, non-cached, short-context) use. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * The one price table. Keys are matched as prefixes on a token boundary after normalising
 * (vendor prefix dropped, dots turned into dashes), so dated snapshots and OpenRouter names
 * (`anthropic/claude-3.5-haiku`) find their family.
 */
export const PRICES: Readonly<Record<string, ModelPrice>> = {
  // OpenAI
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5': { input: 1.25, output: 10 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'o3-mini': { input: 1.1, output: 4.4 },
  // Anthropic
  'claude-3-haiku': { input: 0.25, output: 1.25 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4-5': { input: 5, output: 25 },
  // Google
  'gemini-1.5-flash-8b': { input: 0.0375, output: 0.15 },
  'gemini-1.5-flash': { input: 0.075, output: 0.3 },
  'gemini-1.5-pro': { input: 1.25, output: 5 },
  'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
};

/** Names people type that the prefix rule cannot reach. */
const ALIASES: Readonly<Record<string, string>> = {
  'claude-3-5-haiku-latest': 'claude-3-5-haiku',
  'claude-3-haiku-latest': 'claude-3-haiku',
  'claude-haiku-latest': 'claude-haiku-4-5',
  'claude-sonnet-latest': 'claude-sonnet-4-5',
  'claude-4-sonnet': 'claude-sonnet-4',
  'claude-4-opus': 'claude-opus-4',
  'chatgpt-4o-latest': 'gpt-4o',
  'gemini-flash-latest': 'gemini-2.5-flash',
  'gemini-flash-lite-latest': 'gemini-2.5-flash-lite',
  'gemini-pro-latest': 'gemini-2.5-pro',
};

function normalise(model: string): string {
  const last = model.trim().toLowerCase().split('/').pop() ?? '';
  return last.replace(/\./g, '-');
}

const TABLE: ReadonlyArray<[string, ModelPrice]> = Object.entries(PRICES)
  .map(([k, v]): [string, ModelPrice] => [normalise(k), v])
  // Longest first so `gpt-4o-mini` wins over `gpt-4o`.
  .sort((a, b) => b[0].length - a[0].length);

const NORMALISED_ALIASES: ReadonlyArray<[string, string]> = Object.entries(ALIASES).map(([k, v]) => [normalise(k), normalise(v)]);

function lookup(name: string): ModelPrice | undefined {
  for (const [alias, target] of NORMALISED_ALIASES) {
    if (name === alias) return TABLE.find(([k]) => k === target)?.[1];
  }
  for (const [key, price] of TABLE) {
    // Token boundary: `gpt-4-1` must not price `gpt-4-1106-preview`.
    if (name === key || (name.startsWith(key) && /[-:@]/.test(name.charAt(key.length)))) return price;
  }
  return undefined;
}

export function priceOf(provider: ProviderId, model: string): ModelPrice | undefined {
  if (provider === 'ollama' || provider === 'offline') return { input: 0, output: 0 };
  // OpenRouter's free variants are suffixed `:free`.
  if (provider === 'openrouter' && /:free$/i.test(model.trim())) return { input: 0, output: 0 };
  return lookup(normalise(model));
}

/** Cost of one call. Unknown models cost 0 with `priced: false` so the UI can say "cost unknown". */
export function costOf(provider: ProviderId, model: string, usage: Usage): { usd: number; priced: boolean } {
  const price = priceOf(provider, model);
  if (!price) return { usd: 0, priced: false };
  const usd = (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
  // Round to a millionth of a cent so sums stay stable across runs.
  return { usd: Math.round(usd * 1e8) / 1e8, priced: true };
}
