import { describe, expect, it } from 'vitest';
import { adapterContract, KEY, request } from '../../test/fake-llm/adapter-contract';
import { createOpenAIAdapter, resolveBaseUrl } from './openai';

const { fake } = adapterContract('openai', {
  adapter: () => createOpenAIAdapter('openai'),
  spec: (url, apiKey) => ({ provider: 'openai', model: 'gpt-4o-mini', baseUrl: `${url}/v1`, ...(apiKey === undefined ? {} : { apiKey }) }),
  keyEnv: 'OPENAI_API_KEY',
  priced: true,
});

describe('openai wire format', () => {
  it('posts a chat completion with the system prompt as the first message and a Bearer key', async () => {
    await createOpenAIAdapter('openai').complete(
      { provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY, baseUrl: `${fake().url}/v1` },
      request({ maxOutputTokens: 500, temperature: 0.2 }),
    );
    const r = fake().requests.at(-1)!;
    expect(r.format).toBe('openai');
    expect(r.path).toBe('/v1/chat/completions');
    expect(r.model).toBe('gpt-4o-mini');
    expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
    const body = r.body as { messages: Array<{ role: string; content: string }>; max_completion_tokens?: number; temperature?: number; stream?: boolean };
    expect(body.messages[0]).toEqual({ role: 'system', content: request().system });
    expect(body.messages[1]).toEqual({ role: 'user', content: request().messages[0]!.content });
    expect(body.max_completion_tokens).toBe(500);
    expect(body.temperature).toBe(0.2);
    expect(body.stream).toBeUndefined();
  });

  it('omits temperature for reasoning models, which reject it', async () => {
    fake().setResponder(() => ({ type: 'text', text: 'x' }));
    await createOpenAIAdapter('openai').complete({ provider: 'openai', model: 'gpt-5-mini', apiKey: KEY, baseUrl: `${fake().url}/v1` }, request({ temperature: 0 }));
    expect((fake().requests.at(-1)!.body as { temperature?: number }).temperature).toBeUndefined();
  });

  it('reports a length stop so the pipeline can tell a cut-off answer', async () => {
    fake().setResponder(() => ({ type: 'text', text: '{"a":', stop: 'length' }));
    const res = await createOpenAIAdapter('openai').complete({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY, baseUrl: `${fake().url}/v1` }, request());
    expect(res.finishReason).toBe('length');
  });

  it('serves openrouter through the same SDK with max_tokens and its own key', async () => {
    const res = await createOpenAIAdapter('openrouter').complete(
      { provider: 'openrouter', model: 'openai/gpt-4o-mini', apiKey: 'sk-or-v1-abcdefghijklmnop', baseUrl: `${fake().url}/v1` },
      request({ maxOutputTokens: 64 }),
    );
    const r = fake().requests.at(-1)!;
    expect(r.model).toBe('openai/gpt-4o-mini');
    expect(r.headers.authorization).toBe('Bearer sk-or-v1-abcdefghijklmnop');
    expect((r.body as { max_tokens?: number }).max_tokens).toBe(64);
    expect(res.provider).toBe('openrouter');
    expect(res.priced).toBe(true);
    expect(res.costUsd).toBeGreaterThan(0);
  });

  it('serves ollama without a key (a dummy one keeps the SDK happy) and for free', async () => {
    const res = await createOpenAIAdapter('ollama').complete({ provider: 'ollama', model: 'llama3.1:8b', baseUrl: `${fake().url}/v1` }, request());
    const r = fake().requests.at(-1)!;
    expect(r.model).toBe('llama3.1:8b');
    expect(r.headers.authorization).toBe('Bearer ollama');
    expect(res.costUsd).toBe(0);
    expect(res.priced).toBe(true);
  });

  it('an unpriced model costs 0 and says so', async () => {
    const res = await createOpenAIAdapter('openai').complete({ provider: 'openai', model: 'my-finetune', apiKey: KEY, baseUrl: `${fake().url}/v1` }, request());
    expect(res.costUsd).toBe(0);
    expect(res.priced).toBe(false);
  });

  it('an empty answer is bad_output', async () => {
    fake().setResponder(() => ({ type: 'text', text: '' }));
    await expect(createOpenAIAdapter('openai').complete({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY, baseUrl: `${fake().url}/v1` }, request())).rejects.toMatchObject({
      kind: 'bad_output',
      retryable: false,
    });
  });
});

describe('resolveBaseUrl', () => {
  it('defaults per provider and trims trailing slashes', () => {
    expect(resolveBaseUrl('openai', undefined)).toBe('https://api.openai.com/v1');
    expect(resolveBaseUrl('openrouter', '')).toBe('https://openrouter.ai/api/v1');
    expect(resolveBaseUrl('ollama', undefined)).toBe('http://localhost:11434/v1');
    expect(resolveBaseUrl('openai', 'https://proxy.example/v1/')).toBe('https://proxy.example/v1');
  });

  it("adds /v1 to Ollama's native root address", () => {
    expect(resolveBaseUrl('ollama', 'http://gpu-box:11434')).toBe('http://gpu-box:11434/v1');
    expect(resolveBaseUrl('ollama', 'http://gpu-box:11434/')).toBe('http://gpu-box:11434/v1');
    expect(resolveBaseUrl('ollama', 'http://gpu-box:11434/v1')).toBe('http://gpu-box:11434/v1');
  });
});
