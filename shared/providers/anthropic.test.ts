import { describe, expect, it } from 'vitest';
import { adapterContract, KEY, request } from '../../test/fake-llm/adapter-contract';
import { ANTHROPIC_DEFAULT_MAX_TOKENS, createAnthropicAdapter } from './anthropic';

const { fake } = adapterContract('anthropic', {
  adapter: () => createAnthropicAdapter(),
  spec: (url, apiKey) => ({ provider: 'anthropic', model: 'claude-haiku-4-5', baseUrl: url, ...(apiKey === undefined ? {} : { apiKey }) }),
  keyEnv: 'ANTHROPIC_API_KEY',
  priced: true,
});

describe('anthropic wire format', () => {
  it('posts /v1/messages with the system prompt in `system`, a version header and the key', async () => {
    const res = await createAnthropicAdapter().complete({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: KEY, baseUrl: fake().url }, request());
    const r = fake().requests.at(-1)!;
    expect(r.format).toBe('anthropic');
    expect(r.path).toBe('/v1/messages');
    expect(r.model).toBe('claude-haiku-4-5');
    expect(r.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // SDK 0.x sent `x-api-key`; SDK 1.x sends the same key as a Bearer token. Either is the real wire format.
    expect(r.headers['x-api-key'] === KEY || r.headers.authorization === `Bearer ${KEY}`).toBe(true);
    const body = r.body as { system?: string; messages: Array<{ role: string; content: string }>; max_tokens: number };
    expect(body.system).toBe(request().system);
    expect(body.messages).toEqual([{ role: 'user', content: request().messages[0]!.content }]);
    expect(body.messages.some((m) => m.role === 'system')).toBe(false);
    expect(body.max_tokens).toBe(ANTHROPIC_DEFAULT_MAX_TOKENS);
    expect(res.finishReason).toBe('end_turn');
  });

  it('passes maxOutputTokens as max_tokens', async () => {
    await createAnthropicAdapter().complete({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: KEY, baseUrl: fake().url }, request({ maxOutputTokens: 123 }));
    expect((fake().requests.at(-1)!.body as { max_tokens: number }).max_tokens).toBe(123);
  });

  it('529 overloaded → retryable server error', async () => {
    fake().setResponder(() => ({ type: 'status', status: 529 }));
    await expect(createAnthropicAdapter().complete({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: KEY, baseUrl: fake().url }, request())).rejects.toMatchObject({
      kind: 'server',
      retryable: true,
      status: 529,
    });
  });

  it('reads the API message rather than dumping the JSON body', async () => {
    fake().setResponder(() => ({ type: 'status', status: 400, message: 'max_tokens: too large' }));
    await expect(createAnthropicAdapter().complete({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: KEY, baseUrl: fake().url }, request())).rejects.toMatchObject({
      message: 'anthropic: 400 invalid_request_error: max_tokens: too large',
    });
  });
});
