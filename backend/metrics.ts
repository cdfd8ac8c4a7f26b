/**
 * Counters of this process, read by `/health/metrics` (Prometheus text). Events too frequent to log one by one are
 * counted here instead: a client flooding the server is one rising number, not a line per refused request.
 */
export interface Metrics {
  /** Requests refused with 429 RATE_LIMITED. */
  rateLimited: number;
}

export const createMetrics = (): Metrics => ({ rateLimited: 0 });

export function prometheusText(m: Metrics): string {
  return ['# HELP cvpath_rate_limited_total Requests refused with 429 (rate limited).', '# TYPE cvpath_rate_limited_total counter', `cvpath_rate_limited_total ${m.rateLimited}`, ''].join('\n');
}
