import { CvPathError } from '../errors';
import { PROVIDER_IDS, type ProviderId, type ProviderSpec } from './types';

export type Env = Record<string, string | undefined>;

export const DEFAULT_MODELS: Record<Exclude<ProviderId, 'ollama' | 'offline'>, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
  gemini: 'gemini-2.0-flash',
  openrouter: 'openai/gpt-4o-mini',
};

/** `offline` carries no model; this placeholder only shows in logs. */
export const OFFLINE_MODEL = 'deterministic';

const DEFAULT_ORDER = ['openai', 'anthropic', 'gemini', 'openrouter'] as const;

/** Empty or blank env values count as unset: `FOO=` in a .env file should not mean "key is ''". */
function read(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function keyFor(provider: ProviderId, env: Env): string | undefined {
  switch (provider) {
    case 'openai':
      return read(env, 'OPENAI_API_KEY');
    case 'anthropic':
      return read(env, 'ANTHROPIC_API_KEY');
    case 'gemini':
      return read(env, 'GEMINI_API_KEY') ?? read(env, 'GOOGLE_API_KEY');
    case 'openrouter':
      return read(env, 'OPENROUTER_API_KEY');
    default:
      return undefined;
  }
}

function baseUrlFor(provider: ProviderId, env: Env): string | undefined {
  switch (provider) {
    case 'openai':
      return read(env, 'OPENAI_BASE_URL');
    case 'anthropic':
      return read(env, 'ANTHROPIC_BASE_URL');
    case 'gemini':
      return read(env, 'GEMINI_BASE_URL');
    case 'openrouter':
      return read(env, 'OPENROUTER_BASE_URL');
    case 'ollama':
      return read(env, 'OLLAMA_BASE_URL');
    default:
      return undefined;
  }
}

function specFor(provider: ProviderId, model: string, env: Env): ProviderSpec {
  const spec: ProviderSpec = { provider, model };
  const apiKey = keyFor(provider, env);
  const baseUrl = baseUrlFor(provider, env);
  if (apiKey) spec.apiKey = apiKey;
  if (baseUrl) spec.baseUrl = baseUrl;
  return spec;
}

function isProviderId(s: string): s is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(s);
}

const VALID = PROVIDER_IDS.join(', ');
const EXAMPLE = 'openai:gpt-4o-mini,anthropic:claude-haiku-4-5,offline';

/**
 * `openai:gpt-4o-mini,ollama:llama3.1:8b,offline` → specs. Only the first colon splits, so models
 * may contain colons and slashes. Keys are not required here: a missing key surfaces as a
 * `config` error when that link is called, naming the variable to set.
 */
export function parseChain(text: string, env: Env): ProviderSpec[] {
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    throw new CvPathError('PROVIDER_CONFIG', `The provider chain is empty. Valid providers: ${VALID}.`, { hint: `Use e.g. ${EXAMPLE}` });
  }
  return entries.map((entry) => {
    const colon = entry.indexOf(':');
    const name = (colon < 0 ? entry : entry.slice(0, colon)).trim().toLowerCase();
    const model = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!isProviderId(name)) {
      throw new CvPathError('PROVIDER_CONFIG', `Unknown provider '${name}' in '${entry}'. Valid providers: ${VALID}.`, { hint: `Use e.g. ${EXAMPLE}` });
    }
    if (name === 'offline') return { provider: 'offline', model: OFFLINE_MODEL };
    if (!model) {
      const example = name in DEFAULT_MODELS ? DEFAULT_MODELS[name as keyof typeof DEFAULT_MODELS] : 'llama3.1:8b';
      throw new CvPathError('PROVIDER_CONFIG', `Provider '${name}' needs a model, e.g. ${name}:${example}. Valid providers: ${VALID}.`, { hint: `Write it as ${name}:${example}` });
    }
    return specFor(name, model, env);
  });
}

/** Every provider with a key, each on its default model, then `offline` last so a run always finishes. */
export function defaultChain(env: Env): ProviderSpec[] {
  const chain: ProviderSpec[] = [];
  for (const provider of DEFAULT_ORDER) {
    if (keyFor(provider, env)) chain.push(specFor(provider, DEFAULT_MODELS[provider], env));
  }
  chain.push({ provider: 'offline', model: OFFLINE_MODEL });
  return chain;
}
