import { createAnthropicAdapter } from './anthropic';
import { createGeminiAdapter } from './gemini';
import { createOpenAIAdapter } from './openai';
import { ProviderError } from './provider-error';
import type { ProviderAdapter, ProviderId } from './types';

/** Every provider that is an LLM behind an SDK. `offline` is not one: it is the deterministic engine. */
export const LLM_PROVIDER_IDS = ['openai', 'anthropic', 'gemini', 'openrouter', 'ollama'] as const satisfies readonly ProviderId[];
export type LlmProviderId = (typeof LLM_PROVIDER_IDS)[number];

// Static imports on purpose: an MV3 service worker cannot use dynamic import().
const ADAPTERS: Record<LlmProviderId, ProviderAdapter> = {
  openai: createOpenAIAdapter('openai'),
  openrouter: createOpenAIAdapter('openrouter'),
  ollama: createOpenAIAdapter('ollama'),
  anthropic: createAnthropicAdapter(),
  gemini: createGeminiAdapter(),
};

export function isLlmProvider(id: ProviderId): id is LlmProviderId {
  return (LLM_PROVIDER_IDS as readonly string[]).includes(id);
}

export function getAdapter(id: ProviderId): ProviderAdapter {
  if (id === 'offline') {
    throw new ProviderError({
      provider: 'offline',
      kind: 'config',
      retryable: false,
      message: "'offline' has no LLM adapter: the pipeline runs the deterministic engine for it instead of calling getAdapter().",
    });
  }
  const adapter = isLlmProvider(id) ? ADAPTERS[id] : undefined;
  if (!adapter) {
    throw new ProviderError({ provider: id, kind: 'config', retryable: false, message: `Unknown provider '${String(id)}'. Valid: ${LLM_PROVIDER_IDS.join(', ')}, offline.` });
  }
  return adapter;
}
