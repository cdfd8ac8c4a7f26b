import { CvPathError } from '../../shared/errors';
import { STAGES, type StageId } from '../../shared/pipeline/stages';
import type { ProviderSpec } from '../../shared/providers/types';
import { stamp } from './clock';
import { db, DEFAULT_PRIVACY, recordChange, type CvPathDb, type PrivacySettings, type ProviderConfig, type SettingsRecord } from './db';
import { notFound } from './errors';
import { decryptSecret, encryptSecret } from './vault';

export type ProviderKind = ProviderConfig['provider'];
export const PROVIDER_KINDS: readonly ProviderKind[] = ['openai', 'anthropic', 'gemini', 'openrouter', 'ollama'];

/**
 * Where each provider is reached when its config names no base URL. The shared adapters apply the same defaults
 * (OpenRouter and Ollama go through the OpenAI adapter); they are repeated here so that the options page can show them
 * without bundling the SDKs. settings.test.ts checks they agree.
 */
export const DEFAULT_BASE_URLS: Record<ProviderKind, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
  openrouter: 'https://openrouter.ai/api/v1',
  ollama: 'http://localhost:11434/v1',
};

export function defaultSettings(): SettingsRecord {
  return { id: 'settings', providers: [], chain: [], chains: {}, privacy: { ...DEFAULT_PRIVACY }, updatedAt: new Date(0).toISOString() };
}

/** The settings, with defaults for anything never saved (and for privacy switches added after they were saved). */
export async function getSettings(d: CvPathDb = db()): Promise<SettingsRecord> {
  const s = await d.settings.get('settings');
  const base = defaultSettings();
  return s ? { ...base, ...s, chains: s.chains ?? {}, privacy: { ...base.privacy, ...s.privacy } } : base;
}

/** Changes the settings row in one transaction with its outbox entry. Callers must not await non-Dexie work inside `change`. */
export async function updateSettings(d: CvPathDb, change: (s: SettingsRecord) => void): Promise<SettingsRecord> {
  return d.transaction('rw', [d.settings, d.outbox], async (tx) => {
    const s = await getSettings(d);
    change(s);
    s.updatedAt = stamp();
    await d.settings.put(s);
    await recordChange(tx, 'settings', 'settings');
    return s;
  });
}

export interface ProviderInput {
  id?: string;
  provider: ProviderKind;
  model: string;
  baseUrl?: string;
  label?: string;
  /** Omitted on an update: the saved key stays. `''`: the saved key is removed. */
  apiKey?: string;
}

/**
 * Adds or updates a provider; a new one joins the end of the default chain. The key is encrypted before it reaches the
 * database; it is never stored as text.
 */
export async function saveProvider(input: ProviderInput, d: CvPathDb = db()): Promise<ProviderConfig> {
  if (!PROVIDER_KINDS.includes(input.provider)) {
    throw new CvPathError('PROVIDER_CONFIG', `"${String(input.provider)}" is not a provider CVPath knows.`, { hint: `Choose one of: ${PROVIDER_KINDS.join(', ')}.` });
  }
  const model = input.model.trim();
  if (!model) throw new CvPathError('PROVIDER_CONFIG', 'The provider has no model name.', { hint: 'Enter a model, for example gpt-4o-mini.' });
  const baseUrl = normalizeBaseUrl(input.baseUrl);
  const apiKey = input.apiKey?.trim();
  // encrypted before the transaction: WebCrypto inside it would let IndexedDB commit early
  const key = apiKey ? await encryptSecret(apiKey, d) : undefined;

  let saved!: ProviderConfig;
  await updateSettings(d, (s) => {
    const id = input.id ?? crypto.randomUUID();
    const old = s.providers.find((p) => p.id === id);
    saved = {
      id,
      provider: input.provider,
      model,
      ...(baseUrl ? { baseUrl } : {}),
      ...(input.label?.trim() ? { label: input.label.trim() } : {}),
    };
    const kept = input.apiKey === undefined ? (old && keyMayFollow(old, saved) ? old.key : undefined) : key;
    if (kept) saved.key = kept;
    s.providers = old ? s.providers.map((p) => (p.id === id ? saved : p)) : [...s.providers, saved];
    // a provider the user just added is one they mean to use: it joins the end of the default chain (they can reorder
    // or take it out there); otherwise adding a key would silently change nothing
    if (!old && !s.chain.includes(id)) s.chain = [...s.chain, id];
  });
  return saved;
}

/** Removes a provider, and takes it out of every chain. A step whose own chain becomes empty uses the default chain again. */
export async function removeProvider(id: string, d: CvPathDb = db()): Promise<void> {
  await updateSettings(d, (s) => {
    s.providers = s.providers.filter((p) => p.id !== id);
    s.chain = s.chain.filter((x) => x !== id);
    for (const stage of STAGES) {
      const own = s.chains[stage];
      if (!own?.includes(id)) continue;
      const rest = own.filter((x) => x !== id);
      if (rest.length) s.chains[stage] = rest;
      else delete s.chains[stage];
    }
  });
}

/** The default chain: provider ids tried in order. Empty: the offline engine does everything. */
export async function setChain(ids: string[], d: CvPathDb = db()): Promise<void> {
  await updateSettings(d, (s) => {
    s.chain = checkedIds(s, ids);
  });
}

/** One step's own chain (empty: that step runs offline), or `undefined` to use the default chain again. */
export async function setAgentChain(stage: StageId, ids: string[] | undefined, d: CvPathDb = db()): Promise<void> {
  if (!STAGES.includes(stage)) throw new CvPathError('INPUT_INVALID', `"${String(stage)}" is not a step of the pipeline.`, { hint: `Use one of: ${STAGES.join(', ')}.` });
  await updateSettings(d, (s) => {
    if (ids === undefined) delete s.chains[stage];
    else s.chains[stage] = checkedIds(s, ids);
  });
}

export async function setPrivacy(patch: Partial<PrivacySettings>, d: CvPathDb = db()): Promise<PrivacySettings> {
  const s = await updateSettings(d, (x) => {
    x.privacy = { ...x.privacy, ...definedOnly(patch) };
  });
  return s.privacy;
}

/**
 * The chains as the pipeline wants them, keys decrypted. Only the background worker calls this, right before a run:
 * decrypted keys live in its memory for that run and go nowhere but to their provider.
 */
export async function resolveChain(settings: SettingsRecord, d: CvPathDb = db()): Promise<{ chain: ProviderSpec[]; chains: Partial<Record<StageId, ProviderSpec[]>> }> {
  const byId = new Map(settings.providers.map((p) => [p.id, p]));
  const specs = new Map<string, Promise<ProviderSpec>>();
  const specOf = (p: ProviderConfig) => {
    let s = specs.get(p.id);
    if (!s) {
      s = toSpec(p, d);
      specs.set(p.id, s);
    }
    return s;
  };
  // ids of providers removed meanwhile are skipped; an empty own chain stays empty, which the pipeline runs offline
  const resolve = (ids: string[]) => Promise.all(ids.flatMap((id) => (byId.has(id) ? [specOf(byId.get(id)!)] : [])));
  const chain = await resolve(settings.chain);
  const chains: Partial<Record<StageId, ProviderSpec[]>> = {};
  for (const stage of STAGES) {
    const own = settings.chains[stage];
    if (own) chains[stage] = await resolve(own);
  }
  return { chain, chains };
}

async function toSpec(p: ProviderConfig, d: CvPathDb): Promise<ProviderSpec> {
  const spec: ProviderSpec = { provider: p.provider, model: p.model };
  if (p.baseUrl) spec.baseUrl = p.baseUrl;
  if (p.key) spec.apiKey = await decryptSecret(p.key, d);
  return spec;
}

function checkedIds(s: SettingsRecord, ids: string[]): string[] {
  const unknown = ids.filter((id) => !s.providers.some((p) => p.id === id));
  if (unknown.length) throw notFound('A provider in this chain', 'Reload the options page and choose the chain again.');
  return [...new Set(ids)];
}

function normalizeBaseUrl(raw: string | undefined): string | undefined {
  const t = raw?.trim();
  if (!t) return undefined;
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new CvPathError('PROVIDER_CONFIG', `"${t}" is not a web address.`, { hint: 'Enter the full base URL, for example https://api.openai.com/v1.' });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new CvPathError('PROVIDER_CONFIG', `The base URL must start with https:// or http:// (got ${u.protocol}).`, { hint: 'Enter the full base URL, for example https://api.openai.com/v1.' });
  }
  if (u.username || u.password || u.search) {
    // a key belongs in the key field, where it is encrypted; a URL is stored and shown as it is
    throw new CvPathError('PROVIDER_CONFIG', 'The base URL must not carry credentials or query parameters.', { hint: 'Put the API key in the key field, and only the address in the base URL.' });
  }
  return t.replace(/\/+$/, '');
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A key belongs to one provider at one address: when a provider's kind or its base URL's origin changes (edited here,
 * or by another device through sync), the old key must not follow it there.
 */
export function keyMayFollow(old: Pick<ProviderConfig, 'provider' | 'baseUrl'>, next: Pick<ProviderConfig, 'provider' | 'baseUrl'>): boolean {
  return old.provider === next.provider && originOf(old) === originOf(next);
}

function originOf(p: Pick<ProviderConfig, 'provider' | 'baseUrl'>): string {
  try {
    return new URL(p.baseUrl ?? DEFAULT_BASE_URLS[p.provider]).origin;
  } catch {
    return p.baseUrl ?? '';
  }
}
