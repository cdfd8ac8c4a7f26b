import { describe, expect, it } from 'vitest';
import { adapterContract, KEY, request } from '../../test/fake-llm/adapter-contract';
import { createGeminiAdapter } from './gemini';

const GKEY = 'AIzaSyFAKEFAKEFAKEFAKEFAKEFAKEFAKE12345';

const { fake } = adapterContract('gemini', {
  adapter: () => createGeminiAdapter(),
  spec: (url, apiKey) => ({ provider: 'gemini', model: 'gemini-2.0-flash', baseUrl: url, ...(apiKey === undefined ? {} : { apiKey }) }),
  keyEnv: 'GEMINI_API_KEY',
  priced: true,
});

describe('gemini wire format', () => {
  it('posts generateContent with systemInstruction, the model in the path and the key in x-goog-api-key', async () => {
    const res = await createGeminiAdapter().complete(
      { provider: 'gemini', model: 'gemini-2.0-flash', apiKey: GKEY, baseUrl: fake().url },
      request({ maxOutputTokens: 256, temperature: 0.1 }),
    );
    const r = fake().requests.at(-1)!;
    expect(r.format).toBe('gemini');
    expect(r.path).toBe('/v1beta/models/gemini-2.0-flash:generateContent');
    expect(r.model).toBe('gemini-2.0-flash');
    expect(r.headers['x-goog-api-key']).toBe(GKEY);
    expect(r.headers.authorization).toBeUndefined();
    const body = r.body as {
      systemInstruction: { parts: Array<{ text: string }> };
      contents: Array<{ role: string; parts: Array<{ text: string }> }>;
      generationConfig: { maxOutputTokens?: number; temperature?: number };
    };
    expect(body.systemInstruction.parts[0]!.text).toBe(request().system);
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: request().messages[0]!.content }] }]);
    expect(body.generationConfig).toEqual({ maxOutputTokens: 256, temperature: 0.1 });
    expect(res.finishReason).toBe('STOP');
  });

  it("maps assistant turns to Gemini's `model` role", async () => {
    await createGeminiAdapter().complete(
      { provider: 'gemini', model: 'gemini-2.0-flash', apiKey: GKEY, baseUrl: fake().url },
      request({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }] }),
    );
    const body = fake().requests.at(-1)!.body as { contents: Array<{ role: string }> };
    expect(body.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
  });

  it("a bad key (Google's 400 API_KEY_INVALID) is an auth error, not a bad request", async () => {
    fake().setResponder(() => ({
      type: 'status',
      status: 400,
      body: {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
        },
      },
    }));
    await expect(createGeminiAdapter().complete({ provider: 'gemini', model: 'gemini-2.0-flash', apiKey: KEY, baseUrl: fake().url }, request())).rejects.toMatchObject({
      kind: 'auth',
      retryable: false,
    });
  });

  it('counts 2.5 thinking tokens as output', async () => {
    fake().setResponder(() => ({
      type: 'status',
      status: 200,
      body: {
        candidates: [{ content: { parts: [{ text: 'hi' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 2, thoughtsTokenCount: 30, totalTokenCount: 42 },
      },
    }));
    const res = await createGeminiAdapter().complete({ provider: 'gemini', model: 'gemini-2.5-flash', apiKey: GKEY, baseUrl: fake().url }, request());
    expect(res.usage).toEqual({ inputTokens: 10, outputTokens: 32 });
  });

  it('a safety block is bad_output', async () => {
    fake().setResponder(() => ({
      type: 'status',
      status: 200,
      body: { candidates: [{ content: { parts: [{ text: 'partial' }], role: 'model' }, finishReason: 'SAFETY', index: 0 }] },
    }));
    await expect(createGeminiAdapter().complete({ provider: 'gemini', model: 'gemini-2.0-flash', apiKey: GKEY, baseUrl: fake().url }, request())).rejects.toMatchObject({
      kind: 'bad_output',
    });
  });
});
