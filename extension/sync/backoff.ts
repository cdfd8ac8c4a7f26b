/** While sync fails (offline, server down), the waits double from `baseMs` up to `maxMs`. */
export const BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * How long to wait before the next attempt after `failures` failures in a row: exponential with "equal jitter" (half
 * fixed, half random), so a device never retries at once and many devices coming back together spread out. A server
 * that said how long to wait (Retry-After) is never asked sooner.
 */
export function backoffDelay(failures: number, random: () => number = Math.random, retryAfterMs = 0): number {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.max(Math.round(ceiling / 2 + random() * (ceiling / 2)), retryAfterMs);
}
