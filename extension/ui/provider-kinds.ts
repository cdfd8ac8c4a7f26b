import type { ProviderConfig } from '../store/db';

export type ProviderKind = ProviderConfig['provider'];

/** What the provider form needs to know about each kind of provider. */
export const PROVIDER_KINDS: Record<ProviderKind, { label: string; model: string; baseUrl: boolean; baseUrlPlaceholder?: string; needsKey: boolean }> = {
  openai: { label: 'OpenAI (or any OpenAI-compatible API)', model: 'gpt-4o-mini', baseUrl: true, baseUrlPlaceholder: 'https://api.openai.com/v1', needsKey: true },
  anthropic: { label: 'Anthropic', model: 'claude-haiku-4-5', baseUrl: false, needsKey: true },
  gemini: { label: 'Google Gemini', model: 'gemini-2.5-flash', baseUrl: false, needsKey: true },
  openrouter: { label: 'OpenRouter', model: 'openai/gpt-4o-mini', baseUrl: true, baseUrlPlaceholder: 'https://openrouter.ai/api/v1', needsKey: true },
  ollama: { label: 'Ollama (on your computer)', model: 'llama3.1', baseUrl: true, baseUrlPlaceholder: 'http://localhost:11434/v1', needsKey: false },
};

export function providerName(p: Pick<ProviderConfig, 'provider' | 'model' | 'label'>): string {
  return p.label?.trim() || `${PROVIDER_KINDS[p.provider]?.label.split(' (')[0] ?? p.provider} · ${p.model}`;
}

/** Hosts the manifest already lets a key go to (host_permissions); any other base URL needs the user's grant. */
export const BUILT_IN_HOSTS = ['api.openai.com', 'api.anthropic.com', 'generativelanguage.googleapis.com', 'openrouter.ai', 'localhost', '127.0.0.1'];

/**
 * The origin pattern to ask the user for before saving a provider with this base URL, or why it cannot be used.
 * Only https origins can be granted (optional_host_permissions is `https://*\/*`); http is for a local server only.
 */
export function hostPermissionFor(baseUrl: string | undefined): { origin?: string; error?: string } {
  if (!baseUrl?.trim()) return {};
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return { error: `“${baseUrl}” is not a URL. Write it like https://api.example.com/v1.` };
  }
  if (BUILT_IN_HOSTS.includes(url.hostname)) return {};
  if (url.protocol !== 'https:') return { error: 'Only https addresses can be used, apart from a server on this computer (localhost).' };
  return { origin: `https://${url.hostname}/*` };
}

/** Moves one item of an ordered list up (-1) or down (+1); out-of-range moves change nothing. */
export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}
