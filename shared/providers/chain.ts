import { abortedError, withDeadline } from './deadline';
import { ProviderError, toProviderError, type ProviderErrorKind } from './provider-error';
import { getAdapter as registryGetAdapter } from './registry';
import type { CompletionRequest, CompletionResult, ProviderAdapter, ProviderId, ProviderSpec } from './types';

/** One line of the Run log: what happened on one attempt against one provider. */
export interface AttemptReport {
  provider: ProviderId;
  model: string;
  /** 1-based. */
  attempt: number;
  ok: boolean;
  errorKind?: ProviderErrorKind;
  status?: number;
  message?: string;
  /** Wait before the next attempt; absent when there is none. */
  delayMs?: number;
  willRetry: boolean;
  durationMs: number;
}

export interface ResilientCallerOptions {
  getAdapter?: (id: ProviderId) => ProviderAdapter;
  now?: () => number;
  /** Must reject (or resolve early) when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In [0, 1). */
  random?: () => number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A longer Retry-After fails fast so the pipeline can move to the next provider. */
  maxRetryAfterMs?: number;
  /** Per attempt, unless the request sets its own `timeoutMs`. */
  attemptTimeoutMs?: number;
  /** Consecutive failures that open a provider's circuit. */
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  onAttempt?: (report: AttemptReport) => void;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

interface Breaker {
  failures: number;
  openedAt: number | undefined;
  trialInFlight: boolean;
}

/** Failures that say something about the provider's health. */
const BREAKER_FAILURE_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['server', 'network', 'timeout', 'rate_limit', 'auth']);
/** The provider answered, so it is up, even if the answer was not usable. */
const PROVIDER_ANSWERED_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['bad_request', 'bad_output']);

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls one provider with retries (exponential backoff, full jitter, Retry-After), a deadline
 * per attempt and a circuit breaker per (provider, base URL). Failing over to the next provider
 * is the pipeline's job: this class only makes one link of the chain as reliable as it can be.
 * Keep one instance for the life of the process so the breakers remember.
 */
export class ResilientCaller {
  private readonly getAdapter: (id: ProviderId) => ProviderAdapter;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly breakerThreshold: number;
  private readonly breakerCooldownMs: number;
  private readonly onAttempt: ((report: AttemptReport) => void) | undefined;
  private readonly breakers = new Map<string, Breaker>();

  constructor(opts: ResilientCallerOptions = {}) {
    this.getAdapter = opts.getAdapter ?? registryGetAdapter;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? abortableSleep;
    this.random = opts.random ?? Math.random;
    this.maxAttempts = Math.max(1, Math.floor(opts.maxAttempts ?? 3));
    this.baseDelayMs = opts.baseDelayMs ?? 250;
    this.maxDelayMs = opts.maxDelayMs ?? 4000;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 10_000;
    this.attemptTimeoutMs = opts.attemptTimeoutMs ?? 30_000;
    this.breakerThreshold = Math.max(1, Math.floor(opts.breakerThreshold ?? 5));
    this.breakerCooldownMs = opts.breakerCooldownMs ?? 30_000;
    this.onAttempt = opts.onAttempt;
  }

  async call(spec: ProviderSpec, req: CompletionRequest): Promise<CompletionResult & { attempts: number }> {
    const adapter = this.getAdapter(spec.provider);
    const key = breakerKey(spec);
    const timeoutMs = req.timeoutMs ?? this.attemptTimeoutMs;

    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw abortedError(spec.provider);
      const isTrial = this.admit(spec, key);
      const started = this.now();
      try {
        const result = await withDeadline({ provider: spec.provider, signal: req.signal, timeoutMs }, (signal) =>
          adapter.complete(spec, { ...req, signal, timeoutMs }),
        );
        this.recordSuccess(key);
        this.report({ provider: spec.provider, model: spec.model, attempt, ok: true, willRetry: false, durationMs: this.now() - started });
        return { ...result, attempts: attempt };
      } catch (e) {
        const err = req.signal?.aborted ? abortedError(spec.provider) : toProviderError(spec.provider, e, [spec.apiKey, spec.apiKey?.trim()]);
        const opened = this.recordFailure(key, err.kind, isTrial);
        const delayMs = this.nextDelay(err, attempt, opened);
        this.report({
          provider: spec.provider,
          model: spec.model,
          attempt,
          ok: false,
          errorKind: err.kind,
          ...(err.status === undefined ? {} : { status: err.status }),
          message: err.message,
          ...(delayMs === undefined ? {} : { delayMs }),
          willRetry: delayMs !== undefined,
          durationMs: this.now() - started,
        });
        if (delayMs === undefined) throw err;
        try {
          await this.sleep(delayMs, req.signal);
        } catch {
          if (req.signal?.aborted) throw abortedError(spec.provider);
          throw err;
        }
        if (req.signal?.aborted) throw abortedError(spec.provider);
      }
    }
  }

  /** For the UI and tests. */
  breakerState(spec: Pick<ProviderSpec, 'provider' | 'baseUrl'>): BreakerState {
    const b = this.breakers.get(breakerKey(spec));
    if (!b || b.openedAt === undefined) return 'closed';
    return this.now() - b.openedAt < this.breakerCooldownMs ? 'open' : 'half_open';
  }

  resetBreakers(): void {
    this.breakers.clear();
  }

  /** Undefined means "do not retry": the error is final for this provider. */
  private nextDelay(err: ProviderError, attempt: number, breakerOpened: boolean): number | undefined {
    if (!err.retryable || attempt >= this.maxAttempts || breakerOpened) return undefined;
    if (err.retryAfterMs !== undefined) {
      // Waiting longer than the cap would stall the run: better to fail over now.
      return err.retryAfterMs > this.maxRetryAfterMs ? undefined : err.retryAfterMs;
    }
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(this.random() * ceiling);
  }

  /** Throws circuit_open when the breaker rejects; returns true when this attempt is the half-open trial. */
  private admit(spec: ProviderSpec, key: string): boolean {
    const b = this.breakers.get(key);
    if (!b || b.openedAt === undefined) return false;
    const elapsed = this.now() - b.openedAt;
    if (elapsed >= this.breakerCooldownMs && !b.trialInFlight) {
      b.trialInFlight = true;
      return true;
    }
    const waitMs = Math.max(0, this.breakerCooldownMs - elapsed);
    throw new ProviderError({
      provider: spec.provider,
      kind: 'circuit_open',
      retryable: false,
      retryAfterMs: waitMs,
      message: `${spec.provider}: skipped after ${b.failures} consecutive failures; next try in ${Math.ceil(waitMs / 1000)} s`,
      hint: 'CVPath is giving this provider a rest; the next provider in the chain is used meanwhile.',
    });
  }

  private recordSuccess(key: string): void {
    this.breakers.delete(key);
  }

  /** Returns true when the breaker is open after this failure. */
  private recordFailure(key: string, kind: ProviderErrorKind, isTrial: boolean): boolean {
    if (PROVIDER_ANSWERED_KINDS.has(kind)) {
      this.recordSuccess(key);
      return false;
    }
    const b = this.breakers.get(key) ?? { failures: 0, openedAt: undefined, trialInFlight: false };
    this.breakers.set(key, b);
    if (!BREAKER_FAILURE_KINDS.has(kind)) {
      // Aborted or misconfigured: says nothing about health, but frees the trial slot.
      if (isTrial) b.trialInFlight = false;
      return b.openedAt !== undefined;
    }
    b.failures++;
    if (isTrial || b.failures >= this.breakerThreshold) {
      b.openedAt = this.now();
      b.trialInFlight = false;
    }
    return b.openedAt !== undefined;
  }

  private report(r: AttemptReport): void {
    try {
      this.onAttempt?.(r);
    } catch {
      // A broken logger must not break the call.
    }
  }
}

function breakerKey(spec: Pick<ProviderSpec, 'provider' | 'baseUrl'>): string {
  return `${spec.provider}|${(spec.baseUrl ?? '').trim().replace(/\/+$/, '')}`;
}
