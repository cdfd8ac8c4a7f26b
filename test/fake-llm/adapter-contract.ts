/**
 * The behaviour every LLM adapter must show against the fake server, run with the real SDK.
 * Each adapter's test file calls this once and adds its own wire-format checks.
 */
import { inspect } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../shared/providers/provider-error';
import type { CompletionRequest, ProviderAdapter, ProviderSpec } from '../../shared/providers/types';
import { countTokens, type FakeLlm } from './server';
import { useFakeLlm } from './use-fake-llm';

export interface ContractOptions {
  adapter: () => ProviderAdapter;
  /** Builds the spec that points the adapter at the fake server. */
  spec: (fakeUrl: string, apiKey: string | undefined) => ProviderSpec;
  /** The variable a missing-key error must name; undefined for providers that need no key. */
  keyEnv: string | undefined;
  /** True when the model is in the price table. */
  priced: boolean;
}

export const KEY = 'sk-test-CONTRACT0123456789abcdef';

export function request(over: Partial<CompletionRequest> = {}): CompletionRequest {
  return {
    model: 'ignored-the-spec-wins',
    system: 'You are a careful CV editor. Answer in JSON.',
    messages: [{ role: 'user', content: 'Tailor this CV for a data engineer role.' }],
    timeoutMs: 5_000,
    ...over,
  };
}

async function caught(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('expected the call to fail');
}

export function adapterContract(name: string, opts: ContractOptions): { fake: () => FakeLlm } {
  const getFake = useFakeLlm(() => () => ({ type: 'text', text: '{"ok":true}' }));
  let fake: FakeLlm;
  beforeEach(() => {
    fake = getFake();
  });
  const spec = (key: string | undefined = KEY): ProviderSpec => opts.spec(fake.url, key);
  const call = (over: Partial<CompletionRequest> = {}, key?: string) => opts.adapter().complete(spec(key), request(over));

  describe(`${name} adapter contract (real SDK against the fake server)`, () => {
    it('returns text, usage from the response, cost and duration', async () => {
      const req = request();
      const res = await opts.adapter().complete(spec(), req);
      expect(res.text).toBe('{"ok":true}');
      expect(res.provider).toBe(opts.adapter().id);
      expect(res.model).toBe(spec().model);
      expect(res.usage).toEqual({
        inputTokens: countTokens(req.system) + countTokens(req.messages[0]!.content),
        outputTokens: countTokens('{"ok":true}'),
      });
      expect(res.priced).toBe(opts.priced);
      if (opts.priced) expect(res.costUsd).toBeGreaterThan(0);
      else expect(res.costUsd).toBe(0);
      expect(res.durationMs).toBeGreaterThanOrEqual(0);
      expect(res.finishReason).toBeTruthy();
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]!.system).toBe(req.system);
      expect(fake.requests[0]!.user).toBe(req.messages[0]!.content);
    });

    it('429 with retry-after → retryable rate_limit with retryAfterMs, one HTTP request', async () => {
      fake.setResponder(() => ({ type: 'status', status: 429, retryAfterSec: 2 }));
      const err = await caught(call());
      expect(err.kind).toBe('rate_limit');
      expect(err.retryable).toBe(true);
      expect(err.status).toBe(429);
      expect(err.retryAfterMs).toBe(2000);
      expect(err.code).toBe('PROVIDER_RATE_LIMITED');
      expect(fake.requests).toHaveLength(1);
    });

    it('401 → auth, not retryable', async () => {
      fake.setResponder(() => ({ type: 'status', status: 401 }));
      const err = await caught(call());
      expect(err.kind).toBe('auth');
      expect(err.retryable).toBe(false);
      expect(err.status).toBe(401);
      expect(fake.requests).toHaveLength(1);
    });

    it('400 → bad_request, not retryable', async () => {
      fake.setResponder(() => ({ type: 'status', status: 400, message: 'model not supported' }));
      const err = await caught(call());
      expect(err.kind).toBe('bad_request');
      expect(err.retryable).toBe(false);
      expect(fake.requests).toHaveLength(1);
    });

    it('500 → retryable server error, and the SDK did not retry on its own', async () => {
      fake.setResponder(() => ({ type: 'status', status: 500 }));
      const err = await caught(call());
      expect(err.kind).toBe('server');
      expect(err.retryable).toBe(true);
      expect(err.status).toBe(500);
      // Let any SDK-internal retry (there must be none) reach the server before counting.
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.requests).toHaveLength(1);
    });

    it('503 → retryable server error', async () => {
      fake.setResponder(() => ({ type: 'status', status: 503 }));
      const err = await caught(call());
      expect(err.kind).toBe('server');
      expect(err.retryable).toBe(true);
    });

    it('hang + timeoutMs → retryable timeout, on time', async () => {
      fake.setResponder(() => ({ type: 'hang' }));
      const started = Date.now();
      const err = await caught(call({ timeoutMs: 200 }));
      expect(err.kind).toBe('timeout');
      expect(err.retryable).toBe(true);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(fake.requests).toHaveLength(1);
    });

    it('a body that stops in the middle → retryable network error', async () => {
      fake.setResponder(() => ({ type: 'truncated-body' }));
      const err = await caught(call());
      expect(err.kind).toBe('network');
      expect(err.retryable).toBe(true);
    });

    it('dropped connection → retryable network error, one HTTP request', async () => {
      fake.setResponder(() => ({ type: 'drop' }));
      const err = await caught(call());
      expect(err.kind).toBe('network');
      expect(err.retryable).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.requests).toHaveLength(1);
    });

    it('abort via signal → aborted, not retryable', async () => {
      fake.setResponder(() => ({ type: 'hang' }));
      const ctrl = new AbortController();
      setTimeout(() => ctrl.abort(), 100);
      const err = await caught(call({ signal: ctrl.signal, timeoutMs: 10_000 }));
      expect(err.kind).toBe('aborted');
      expect(err.retryable).toBe(false);
      expect(err.code).toBe('ABORTED');
    });

    it('an already aborted signal never reaches the server', async () => {
      const ctrl = new AbortController();
      ctrl.abort();
      const err = await caught(call({ signal: ctrl.signal }));
      expect(err.kind).toBe('aborted');
      expect(fake.requests).toHaveLength(0);
    });

    if (opts.keyEnv) {
      it('a missing key is a config error naming the variable, with no request', async () => {
        const err = await caught(opts.adapter().complete(spec(''), request()));
        expect(err.kind).toBe('config');
        expect(err.retryable).toBe(false);
        expect(err.message).toContain(opts.keyEnv!);
        expect(fake.requests).toHaveLength(0);
      });
    }

    it('never leaks the API key, even when the server echoes it back', async () => {
      // A key that matches no redaction pattern: only the exact-key scrub can catch it.
      const odd = 'plainSecretValue-0042-zz';
      fake.setResponder((r) => {
        const presented = r.headers['x-api-key'] ?? r.headers['x-goog-api-key'] ?? r.headers.authorization?.replace(/^Bearer /, '') ?? '';
        return { type: 'status', status: 401, message: `Incorrect API key provided: ${presented} (headers: ${JSON.stringify(r.headers)})` };
      });
      for (const key of [odd, KEY]) {
        const err = await caught(call({}, key));
        for (const text of [err.message, String(err), JSON.stringify(err), err.stack ?? '', inspect(err, { depth: 5 }), err.hint ?? '']) {
          expect(text).not.toContain(odd);
          expect(text).not.toContain(KEY);
        }
      }
    });
  });

  return { fake: () => fake };
}
