import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { OPENAI_COMPATIBLE_BASE_URLS } from '../../shared/providers/openai';
import { DEFAULT_PRIVACY } from './db';
import { DEFAULT_BASE_URLS, getSettings, removeProvider, resolveChain, saveProvider, setAgentChain, setChain, setPrivacy } from './settings';
import { freshDb, outboxLines } from './test-db';

const KEY = 'sk-test-openai-0123456789abcdef';

describe('settings', () => {
  it('has defaults before anything is saved', async () => {
    const s = await getSettings(freshDb());
    expect(s).toMatchObject({ id: 'settings', providers: [], chain: [], chains: {}, privacy: DEFAULT_PRIVACY });
    expect(s.activeCvId).toBeUndefined();
  });

  it('stores a key only encrypted; resolveChain decrypts it for the worker', async () => {
    const d = freshDb();
    const p = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: `  ${KEY} ` }, d);
    await setChain([p.id], d);
    const row = await d.settings.get('settings');
    const raw = JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
    expect(raw).not.toContain(KEY);
    expect(raw).not.toContain('0123456789abcdef');
    expect(row!.providers[0]!.key?.data).toBeInstanceOf(Uint8Array);
    const { chain, chains } = await resolveChain(await getSettings(d), d);
    expect(chain).toEqual([{ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }]);
    expect(chains).toEqual({});
  });

  it('keeps the old key when an update omits it, and removes it on an empty string', async () => {
    const d = freshDb();
    const p = await saveProvider({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: KEY }, d);
    const renamed = await saveProvider({ id: p.id, provider: 'anthropic', model: 'claude-sonnet-4-5', label: 'Work' }, d);
    expect(renamed.key).toEqual(p.key);
    expect(renamed).toMatchObject({ model: 'claude-sonnet-4-5', label: 'Work' });
    const replaced = await saveProvider({ id: p.id, provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey: 'sk-ant-new-0123456789' }, d);
    await setChain([p.id], d);
    expect((await resolveChain(await getSettings(d), d)).chain[0]!.apiKey).toBe('sk-ant-new-0123456789');
    expect(replaced.key).not.toEqual(p.key);
    const cleared = await saveProvider({ id: p.id, provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey: '' }, d);
    expect(cleared.key).toBeUndefined();
    expect((await getSettings(d)).providers).toHaveLength(1);
    expect((await resolveChain(await getSettings(d), d)).chain[0]!.apiKey).toBeUndefined();
  });

  it('checks provider, model and base URL, and keeps credentials out of URLs', async () => {
    const d = freshDb();
    await expect(saveProvider({ provider: 'mistral' as never, model: 'x' }, d)).rejects.toMatchObject({ code: 'PROVIDER_CONFIG' });
    await expect(saveProvider({ provider: 'openai', model: '  ' }, d)).rejects.toMatchObject({ code: 'PROVIDER_CONFIG' });
    await expect(saveProvider({ provider: 'openai', model: 'm', baseUrl: 'not a url' }, d)).rejects.toMatchObject({ code: 'PROVIDER_CONFIG' });
    await expect(saveProvider({ provider: 'openai', model: 'm', baseUrl: 'ftp://x.example' }, d)).rejects.toMatchObject({ code: 'PROVIDER_CONFIG' });
    await expect(saveProvider({ provider: 'openai', model: 'm', baseUrl: 'https://x.example/v1?key=sk-abc' }, d)).rejects.toMatchObject({ code: 'PROVIDER_CONFIG' });
    const ollama = await saveProvider({ provider: 'ollama', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/' }, d);
    expect(ollama.baseUrl).toBe('http://127.0.0.1:11434');
    expect((await getSettings(d)).providers).toHaveLength(1);
  });

  it('a provider the user adds joins the end of the default chain once; editing it does not add it again', async () => {
    const d = freshDb();
    const a = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }, d);
    const b = await saveProvider({ provider: 'ollama', model: 'llama3.1' }, d);
    await saveProvider({ id: a.id, provider: 'openai', model: 'gpt-4.1-mini' }, d);
    const s = await getSettings(d);
    expect(s.chain).toEqual([a.id, b.id]);
    expect((await resolveChain(s, d)).chain.map((x) => x.model)).toEqual(['gpt-4.1-mini', 'llama3.1']);
  });

  it('a saved key never follows its provider to another kind or another address unless typed again', async () => {
    const d = freshDb();
    const p = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }, d);
    await saveProvider({ id: p.id, provider: 'openai', model: 'gpt-4.1-mini' }, d);
    expect((await resolveChain(await getSettings(d), d)).chain[0]!.apiKey).toBe(KEY);
    await saveProvider({ id: p.id, provider: 'openai', model: 'gpt-4.1-mini', baseUrl: 'https://proxy.example.com/v1' }, d);
    expect((await resolveChain(await getSettings(d), d)).chain[0]!.apiKey).toBeUndefined();
    const q = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }, d);
    await saveProvider({ id: q.id, provider: 'openrouter', model: 'openai/gpt-4o-mini' }, d);
    expect((await getSettings(d)).providers.find((x) => x.id === q.id)!.key).toBeUndefined();
  });

  it('orders chains, per-agent chains override, and removing a provider takes it out of every chain', async () => {
    const d = freshDb();
    const a = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }, d);
    const b = await saveProvider({ provider: 'ollama', model: 'llama3.1' }, d);
    await setChain([b.id, a.id, b.id], d);
    await setAgentChain('CV_TAILOR', [a.id], d);
    await setAgentChain('JOB_PARSER', [], d); // its own chain, empty: that step runs offline
    let s = await getSettings(d);
    expect(s.chain).toEqual([b.id, a.id]);
    let r = await resolveChain(s, d);
    expect(r.chain.map((x) => x.provider)).toEqual(['ollama', 'openai']);
    expect(r.chains).toEqual({ CV_TAILOR: [{ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }], JOB_PARSER: [] });

    await expect(setChain(['nope'], d)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(setAgentChain('NOPE' as never, [], d)).rejects.toMatchObject({ code: 'INPUT_INVALID' });

    await removeProvider(a.id, d);
    s = await getSettings(d);
    expect(s.providers.map((p) => p.id)).toEqual([b.id]);
    expect(s.chain).toEqual([b.id]);
    expect(s.chains).toEqual({ JOB_PARSER: [] }); // CV_TAILOR's chain emptied by the removal: back to the default
    await setAgentChain('JOB_PARSER', undefined, d);
    expect((await getSettings(d)).chains).toEqual({});
    r = await resolveChain(s, d);
    expect(r.chain).toEqual([{ provider: 'ollama', model: 'llama3.1' }]);
  });

  it('patches privacy switches and records every change in the outbox', async () => {
    const d = freshDb();
    const p = await setPrivacy({ reportAdapterFailures: true, keepRunInputs: undefined }, d);
    expect(p).toEqual({ ...DEFAULT_PRIVACY, reportAdapterFailures: true });
    expect(await outboxLines(d)).toEqual(['settings:put:settings']);
  });

  it('fails a run clearly when a key cannot be decrypted', async () => {
    const d = freshDb();
    const p = await saveProvider({ provider: 'gemini', model: 'gemini-2.5-flash', apiKey: 'AIzaTEST-0123456789abcdefghij' }, d);
    await setChain([p.id], d);
    await d.vault.clear();
    await expect(resolveChain(await getSettings(d), d)).rejects.toMatchObject({ code: 'PROVIDER_CONFIG' });
  });

  it("names the same default base URLs as the shared adapters", () => {
    for (const [id, url] of Object.entries(OPENAI_COMPATIBLE_BASE_URLS)) expect(DEFAULT_BASE_URLS[id as keyof typeof DEFAULT_BASE_URLS]).toBe(url);
  });
});
