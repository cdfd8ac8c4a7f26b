import { ProviderError } from './provider-error';
import type { ProviderId } from './types';

export interface DeadlineOptions {
  provider: ProviderId;
  /** The caller's signal: aborting it means "stop", never "try again". */
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

export function abortedError(provider: ProviderId): ProviderError {
  return new ProviderError({ provider, kind: 'aborted', retryable: false, message: `${provider}: request was aborted` });
}

export function timeoutError(provider: ProviderId, ms: number): ProviderError {
  return new ProviderError({
    provider,
    kind: 'timeout',
    retryable: true,
    message: `${provider}: no complete answer within ${ms} ms`,
    hint: 'The provider is slow or unreachable; try again or use another provider.',
  });
}

/**
 * Runs `fn` with a signal that fires on the caller's abort or after `timeoutMs`, covering the
 * whole call (headers AND body: SDK timeouts stop at the headers). Also races the abort, so a
 * call that ignores its signal still returns on time. Deadline/abort become ProviderErrors;
 * anything else `fn` throws is rethrown untouched for the caller to map.
 */
export async function withDeadline<T>(opts: DeadlineOptions, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { provider, signal, timeoutMs } = opts;
  if (signal?.aborted) throw abortedError(provider);
  const ctrl = new AbortController();
  let timedOut = false;
  let rejectDeadline: (e: ProviderError) => void = () => {};
  const deadline = new Promise<never>((_, reject) => {
    rejectDeadline = reject;
  });
  const onAbort = (): void => {
    ctrl.abort();
    rejectDeadline(abortedError(provider));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          ctrl.abort();
          rejectDeadline(timeoutError(provider, timeoutMs));
        }, timeoutMs)
      : undefined;
  try {
    const work = fn(ctrl.signal);
    // The loser of the race must not become an unhandled rejection.
    work.catch(() => {});
    deadline.catch(() => {});
    return await Promise.race([work, deadline]);
  } catch (e) {
    // The SDK reports our own abort as a user abort: say what really happened.
    if (timedOut && timeoutMs !== undefined) throw timeoutError(provider, timeoutMs);
    if (signal?.aborted) throw abortedError(provider);
    throw e;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
