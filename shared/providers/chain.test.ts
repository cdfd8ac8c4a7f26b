import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from '../../test/fake-llm/server';
import { ResilientCaller, type AttemptReport, type ResilientCallerOptions } from './chain';
import { ProviderError, type ProviderErrorKind } from './provider-error';
import type { CompletionRequest, CompletionResult, ProviderAdapter, ProviderSpec } from './types';

type Step = 'ok' | 'hang' | ProviderErrorKind | ProviderError;

const SPEC: ProviderSpec = { provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-test-chain0123456789' };
const REQ: CompletionRequest = { model: 'gpt-4o-mini', system: 's', messages: [{ role: 'user', content: 'u' }] };

function err(kind: ProviderErrorKind, extra: { retryAfterMs?: number; status?: number } = {}): ProviderError {
  return new ProviderError({ provider: 'openai', kind, message: `openai: ${kind}`, ...extra });
}

/** An adapter that plays a script, one step per call; the last step repeats. */
function scripted(steps: Step[]): ProviderAdapter & { calls: number; signals: AbortSignal[] } {
  const a = {
    id: 'openai' as const,
    calls: 0,
    signals: [] as AbortSignal[],
    async complete(_spec: ProviderSpec, req: CompletionRequest): Promise<CompletionResult> {
      const step = steps[Math.min(a.calls, steps.length - 1)]!;
      a.calls++;
      if (req.signal) a.signals.push(req.signal);
      if (step === 'ok') return { text: 'done', usage: { inputTokens: 1, outputTokens: 1 }, provider: 'openai', model: 'gpt-4o-mini', costUsd: 0, durationMs: 1 };
      // Ignores its signal on purpose: the chain must still return on time.
      if (step === 'hang') return new Promise<never>(() => {});
      throw typeof step === 'string' ? err(step) : step;
    },
  };
  return a;
}

function harness(steps: Step[], opts: ResilientCallerOptions = {}) {
  const clock = { t: 1_000_000 };
  const sleeps: number[] = [];
  const reports: AttemptReport[] = [];
  const adapter = scripted(steps);
  const caller = new ResilientCaller({
    getAdapter: () => adapter,
    now: () => clock.t,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.t += ms;
    },
    random: () => 0.5,
    onAttempt: (r) => reports.push(r),
    ...opts,
  });
  return { caller, adapter, clock, sleeps, reports };
}

async function kindOf(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('expected a rejection');
}

describe('ResilientCaller retries', () => {
  it('returns the first success with attempts = 1', async () => {
    const h = harness(['ok']);
    const res = await h.caller.call(SPEC, REQ);
    expect(res.text).toBe('done');
    expect(res.attempts).toBe(1);
    expect(h.sleeps).toEqual([]);
    expect(h.reports).toEqual([expect.objectContaining({ provider: 'openai', attempt: 1, ok: true, willRetry: false })]);
  });

  it('backs off exponentially with full jitter', async () => {
    const h = harness(['server', 'network', 'timeout', 'ok'], { maxAttempts: 4 });
    const res = await h.caller.call(SPEC, REQ);
    expect(res.attempts).toBe(4);
    // random() = 0.5 of a ceiling 250, 500, 1000.
    expect(h.sleeps).toEqual([125, 250, 500]);
    expect(h.reports.map((r) => [r.attempt, r.ok, r.errorKind, r.delayMs])).toEqual([
      [1, false, 'server', 125],
      [2, false, 'network', 250],
      [3, false, 'timeout', 500],
      [4, true, undefined, undefined],
    ]);
  });

  it('caps the backoff at maxDelayMs and scales with random()', async () => {
    const h = harness(['server'], { maxAttempts: 5, maxDelayMs: 300, random: () => 0.999 });
    await kindOf(h.caller.call(SPEC, REQ));
    expect(h.sleeps).toEqual([249, 299, 299, 299]);
    const zero = harness(['server', 'ok'], { random: () => 0 });
    await zero.caller.call(SPEC, REQ);
    expect(zero.sleeps).toEqual([0]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const h = harness(['server', 'server', 'network']);
    const e = await kindOf(h.caller.call(SPEC, REQ));
    expect(e.kind).toBe('network');
    expect(h.adapter.calls).toBe(3);
    expect(h.sleeps).toHaveLength(2);
    expect(h.reports.at(-1)).toMatchObject({ attempt: 3, willRetry: false });
  });

  it('honours retry-after instead of the backoff', async () => {
    const h = harness([err('rate_limit', { retryAfterMs: 1500, status: 429 }), 'ok']);
    const res = await h.caller.call(SPEC, REQ);
    expect(res.attempts).toBe(2);
    expect(h.sleeps).toEqual([1500]);
  });

  it('fails fast when retry-after is beyond maxRetryAfterMs, so the pipeline can fail over', async () => {
    const h = harness([err('rate_limit', { retryAfterMs: 60_000, status: 429 }), 'ok'], { maxRetryAfterMs: 10_000 });
    const e = await kindOf(h.caller.call(SPEC, REQ));
    expect(e.kind).toBe('rate_limit');
    expect(e.retryAfterMs).toBe(60_000);
    expect(h.adapter.calls).toBe(1);
    expect(h.sleeps).toEqual([]);
  });

  it.each(['auth', 'bad_request', 'config', 'bad_output'] as const)('does not retry %s', async (kind) => {
    const h = harness([kind, 'ok']);
    const e = await kindOf(h.caller.call(SPEC, REQ));
    expect(e.kind).toBe(kind);
    expect(h.adapter.calls).toBe(1);
    expect(h.sleeps).toEqual([]);
  });

  it('normalises non-ProviderErrors thrown by an adapter', async () => {
    const h = harness([new TypeError('fetch failed') as unknown as ProviderError, 'ok']);
    const res = await h.caller.call(SPEC, REQ);
    expect(res.attempts).toBe(2);
    expect(h.reports[0]!.errorKind).toBe('network');
  });

  it('times out an attempt whose adapter ignores its signal, and retries it', async () => {
    const h = harness(['hang', 'ok'], { attemptTimeoutMs: 30 });
    const res = await h.caller.call(SPEC, REQ);
    expect(res.attempts).toBe(2);
    expect(h.reports[0]!.errorKind).toBe('timeout');
    // The adapter's own signal fired too, so a well-behaved SDK would have stopped.
    expect(h.adapter.signals[0]!.aborted).toBe(true);
  });

  it("prefers the request's timeoutMs over the default", async () => {
    const h = harness(['hang'], { attemptTimeoutMs: 60_000, maxAttempts: 1 });
    const e = await kindOf(h.caller.call(SPEC, { ...REQ, timeoutMs: 20 }));
    expect(e.kind).toBe('timeout');
  });

  it('a caller abort during an attempt is "aborted" and never retried', async () => {
    const ctrl = new AbortController();
    const h = harness(['hang', 'ok']);
    setTimeout(() => ctrl.abort(), 20);
    const e = await kindOf(h.caller.call(SPEC, { ...REQ, signal: ctrl.signal }));
    expect(e.kind).toBe('aborted');
    expect(e.retryable).toBe(false);
    expect(h.adapter.calls).toBe(1);
  });

  it('a caller abort during the backoff sleep stops the retries', async () => {
    const ctrl = new AbortController();
    const h = harness(['server', 'ok'], {
      sleep: async () => {
        ctrl.abort();
        throw new Error('aborted');
      },
    });
    const e = await kindOf(h.caller.call(SPEC, { ...REQ, signal: ctrl.signal }));
    expect(e.kind).toBe('aborted');
    expect(h.adapter.calls).toBe(1);
  });

  it('an already aborted signal makes no attempt', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const h = harness(['ok']);
    const e = await kindOf(h.caller.call(SPEC, { ...REQ, signal: ctrl.signal }));
    expect(e.kind).toBe('aborted');
    expect(h.adapter.calls).toBe(0);
  });

  it('a throwing onAttempt does not break the call', async () => {
    const h = harness(['ok'], {
      onAttempt: () => {
        throw new Error('logger down');
      },
    });
    await expect(h.caller.call(SPEC, REQ)).resolves.toMatchObject({ attempts: 1 });
  });
});

describe('ResilientCaller circuit breaker', () => {
  const opts = { maxAttempts: 1, breakerThreshold: 3, breakerCooldownMs: 30_000 };

  it('opens after N consecutive failures and then rejects without calling the provider', async () => {
    const h = harness(['server'], opts);
    for (let i = 0; i < 3; i++) expect((await kindOf(h.caller.call(SPEC, REQ))).kind).toBe('server');
    expect(h.caller.breakerState(SPEC)).toBe('open');
    const e = await kindOf(h.caller.call(SPEC, REQ));
    expect(e.kind).toBe('circuit_open');
    expect(e.retryable).toBe(false);
    expect(e.code).toBe('PROVIDER_CIRCUIT_OPEN');
    expect(e.retryAfterMs).toBe(30_000);
    expect(h.adapter.calls).toBe(3);
  });

  it('a success in between resets the count', async () => {
    const h = harness(['server', 'server', 'ok', 'server', 'server', 'ok'], opts);
    for (let i = 0; i < 6; i++) await h.caller.call(SPEC, REQ).catch(() => {});
    expect(h.caller.breakerState(SPEC)).toBe('closed');
  });

  it('half-opens after the cooldown and closes on success', async () => {
    const h = harness(['server', 'server', 'server', 'ok'], opts);
    for (let i = 0; i < 3; i++) await h.caller.call(SPEC, REQ).catch(() => {});
    h.clock.t += 29_999;
    expect((await kindOf(h.caller.call(SPEC, REQ))).kind).toBe('circuit_open');
    h.clock.t += 1;
    expect(h.caller.breakerState(SPEC)).toBe('half_open');
    await expect(h.caller.call(SPEC, REQ)).resolves.toMatchObject({ text: 'done' });
    expect(h.caller.breakerState(SPEC)).toBe('closed');
  });

  it('a failed half-open trial reopens at once', async () => {
    const h = harness(['server'], opts);
    for (let i = 0; i < 3; i++) await h.caller.call(SPEC, REQ).catch(() => {});
    h.clock.t += 30_000;
    expect((await kindOf(h.caller.call(SPEC, REQ))).kind).toBe('server');
    expect(h.caller.breakerState(SPEC)).toBe('open');
    expect((await kindOf(h.caller.call(SPEC, REQ))).kind).toBe('circuit_open');
    expect(h.adapter.calls).toBe(4);
  });

  it('lets a single trial through while half-open', async () => {
    const h = harness(['server', 'server', 'server', 'hang'], { ...opts, attemptTimeoutMs: 50 });
    for (let i = 0; i < 3; i++) await h.caller.call(SPEC, REQ).catch(() => {});
    h.clock.t += 30_000;
    const trial = h.caller.call(SPEC, REQ);
    const second = await kindOf(h.caller.call(SPEC, REQ));
    expect(second.kind).toBe('circuit_open');
    expect((await kindOf(trial)).kind).toBe('timeout');
    expect(h.adapter.calls).toBe(4);
  });

  it('stops retrying as soon as the breaker opens', async () => {
    const h = harness(['server'], { maxAttempts: 5, breakerThreshold: 2 });
    expect((await kindOf(h.caller.call(SPEC, REQ))).kind).toBe('server');
    expect(h.adapter.calls).toBe(2);
    expect(h.sleeps).toHaveLength(1);
  });

  it('keeps one breaker per (provider, base URL)', async () => {
    const h = harness(['server'], opts);
    for (let i = 0; i < 3; i++) await h.caller.call(SPEC, REQ).catch(() => {});
    const other = { ...SPEC, baseUrl: 'https://proxy.example/v1' };
    expect(h.caller.breakerState(other)).toBe('closed');
    expect((await kindOf(h.caller.call(other, REQ))).kind).toBe('server');
  });

  it('answers that prove the provider is up (bad_request) do not open it', async () => {
    const h = harness(['bad_request'], opts);
    for (let i = 0; i < 5; i++) await h.caller.call(SPEC, REQ).catch(() => {});
    expect(h.caller.breakerState(SPEC)).toBe('closed');
    expect(h.adapter.calls).toBe(5);
  });

  it('caller aborts do not count as provider failures', async () => {
    const h = harness(['hang'], opts);
    for (let i = 0; i < 4; i++) {
      const ctrl = new AbortController();
      setTimeout(() => ctrl.abort(), 5);
      await h.caller.call(SPEC, { ...REQ, signal: ctrl.signal }).catch(() => {});
    }
    expect(h.caller.breakerState(SPEC)).toBe('closed');
  });
});

describe('ResilientCaller with the real OpenAI SDK and the fake server', () => {
  let fake: FakeLlm;
  beforeAll(async () => {
    fake = await startFakeLlm();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('retries a 500 once and succeeds, one HTTP request per attempt', async () => {
    let n = 0;
    fake.setResponder(() => (n++ === 0 ? { type: 'status', status: 500 } : { type: 'text', text: '{"ok":true}' }));
    const caller = new ResilientCaller({ sleep: async () => {}, random: () => 0 });
    const res = await caller.call({ provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-test-real0123456789', baseUrl: `${fake.url}/v1` }, REQ);
    expect(res.attempts).toBe(2);
    expect(res.text).toBe('{"ok":true}');
    expect(fake.requests).toHaveLength(2);
  });

  it('times out a hung provider per attempt and reports timeout', async () => {
    fake.requests.length = 0;
    fake.setResponder(() => ({ type: 'hang' }));
    const caller = new ResilientCaller({ sleep: async () => {}, maxAttempts: 2, attemptTimeoutMs: 150 });
    const e = await kindOf(caller.call({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'sk-ant-test-0123456789', baseUrl: fake.url }, REQ));
    expect(e.kind).toBe('timeout');
    expect(fake.requests).toHaveLength(2);
  });
});
