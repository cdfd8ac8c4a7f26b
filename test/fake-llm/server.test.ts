import { afterEach, describe, expect, it } from 'vitest';
import { countTokens, malformed, startFakeLlm, truncateJson, withTrailingCommas, wrapInProse, type FakeLlm } from './server';

let fake: FakeLlm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('fake LLM server', () => {
  it('answers {"ok":true} by default in the OpenAI shape and records the request', async () => {
    fake = await startFakeLlm();
    const res = await post(`${fake.url}/v1/chat/completions`, {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: [{ type: 'text', text: 'part one' }, { type: 'text', text: 'part two' }] },
      ],
    }, { Authorization: 'Bearer k' });
    const json = (await res.json()) as { object: string; choices: Array<{ message: { content: string } }>; usage: { prompt_tokens: number; completion_tokens: number } };
    expect(json.object).toBe('chat.completion');
    expect(json.choices[0]!.message.content).toBe('{"ok":true}');
    expect(json.usage.prompt_tokens).toBe(countTokens('sys') + countTokens('part one\npart two'));
    expect(json.usage.completion_tokens).toBe(countTokens('{"ok":true}'));
    expect(fake.requests[0]).toMatchObject({ format: 'openai', path: '/v1/chat/completions', model: 'gpt-4o-mini', system: 'sys', user: 'part one\npart two' });
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer k');
  });

  it('answers 404 in the dialect of the caller', async () => {
    fake = await startFakeLlm();
    const a = await post(`${fake.url}/v1/nope`, {}, { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' });
    expect(a.status).toBe(404);
    expect(await a.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    const g = await post(`${fake.url}/v1beta/models/x:countTokens`, {}, { 'x-goog-api-key': 'k' });
    expect(await g.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
    const o = await fetch(`${fake.url}/v1/models`);
    expect(await o.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect(fake.requests).toHaveLength(3);
  });

  it('rejects a body that is not JSON with a 400', async () => {
    fake = await startFakeLlm();
    const res = await post(`${fake.url}/v1/messages`, '{nope', { 'x-api-key': 'k' });
    expect(res.status).toBe(400);
  });

  it('sends the real error shapes with retry-after on 429', async () => {
    fake = await startFakeLlm({ responder: () => ({ type: 'status', status: 429, retryAfterSec: 7, message: 'slow' }) });
    const o = await post(`${fake.url}/v1/chat/completions`, { model: 'm', messages: [] });
    expect(o.headers.get('retry-after')).toBe('7');
    expect(await o.json()).toEqual({ error: { message: 'slow', type: 'requests', param: null, code: 'rate_limit_exceeded' } });
    const g = await post(`${fake.url}/v1beta/models/gemini-2.0-flash:generateContent`, { contents: [] });
    expect(await g.json()).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED', details: [{ retryDelay: '7s' }] } });
  });

  it('speaks Anthropic and Gemini success shapes', async () => {
    fake = await startFakeLlm({ responder: () => ({ type: 'text', text: 'hello', stop: 'length' }) });
    const a = (await (await post(`${fake.url}/v1/messages`, { model: 'claude', system: [{ type: 'text', text: 'S' }], messages: [{ role: 'user', content: 'U' }] })).json()) as Record<string, unknown>;
    expect(a).toMatchObject({ type: 'message', role: 'assistant', content: [{ type: 'text', text: 'hello' }], stop_reason: 'max_tokens', usage: { input_tokens: 2, output_tokens: 1 } });
    const g = (await (await post(`${fake.url}/v1beta/models/gemini-2.0-flash:generateContent`, { systemInstruction: { parts: [{ text: 'S' }] }, contents: [{ role: 'user', parts: [{ text: 'U' }] }] })).json()) as Record<string, unknown>;
    expect(g).toMatchObject({ candidates: [{ content: { parts: [{ text: 'hello' }] }, finishReason: 'MAX_TOKENS' }], usageMetadata: { promptTokenCount: 2, candidatesTokenCount: 1 } });
    expect(fake.requests[1]).toMatchObject({ format: 'gemini', model: 'gemini-2.0-flash', system: 'S', user: 'U' });
  });

  it('delays an answer when asked', async () => {
    fake = await startFakeLlm({ responder: () => ({ type: 'text', text: 'late', delayMs: 120 }) });
    const t = Date.now();
    await (await post(`${fake.url}/v1/chat/completions`, { model: 'm', messages: [] })).json();
    expect(Date.now() - t).toBeGreaterThanOrEqual(100);
  });

  it('cuts a body in half, and drops connections', async () => {
    fake = await startFakeLlm({ responder: () => ({ type: 'truncated-body' }) });
    const res = await post(`${fake.url}/v1/chat/completions`, { model: 'm', messages: [] });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    fake.setResponder(() => ({ type: 'drop' }));
    await expect(post(`${fake.url}/v1/chat/completions`, { model: 'm', messages: [] })).rejects.toThrow(/fetch failed/);
  });

  it('close() does not hang on hung requests', async () => {
    fake = await startFakeLlm({ responder: () => ({ type: 'hang' }) });
    const pending = post(`${fake.url}/v1/chat/completions`, { model: 'm', messages: [] }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t = Date.now();
    await fake.close();
    expect(Date.now() - t).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('chaos mutators', () => {
  const json = JSON.stringify({ name: 'Ada', skills: ['SQL', 'Python'], meta: {}, list: [] });
  it('malformed is not JSON and hides no JSON object', () => {
    const m = malformed(json);
    expect(() => JSON.parse(m)).toThrow();
    expect(m).not.toMatch(/[{}[\]]/);
  });
  it('truncateJson cuts in the middle', () => {
    const t = truncateJson(json);
    expect(json.startsWith(t)).toBe(true);
    expect(t.length).toBe(Math.floor(json.length / 2));
    expect(() => JSON.parse(t)).toThrow();
  });
  it('wrapInProse fences the JSON with chatter around it', () => {
    const w = wrapInProse(json);
    expect(w).toContain('```json\n' + json + '\n```');
    expect(() => JSON.parse(w)).toThrow();
  });
  it('withTrailingCommas adds a comma before each closing bracket of a non-empty container', () => {
    const w = withTrailingCommas(json);
    expect(() => JSON.parse(w)).toThrow();
    expect(w).toMatch(/"Python",\n\s*\]/);
    expect(w).toMatch(/\[\],?\n\s*\}/);
    expect(JSON.parse(w.replace(/,(\s*[}\]])/g, '$1'))).toEqual(JSON.parse(json));
  });
});
