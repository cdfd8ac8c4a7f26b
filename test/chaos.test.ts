import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analysis } from '../shared/schema/analysis';
import { Cv } from '../shared/schema/cv';
import { CvReview } from '../shared/schema/cv-review';
import { ParsedJob } from '../shared/schema/parsed-job';
import { Run } from '../shared/schema/run';
import { Score } from '../shared/schema/score';
import { TailoredCv } from '../shared/schema/tailored-cv';
import { MemoryCache } from '../shared/pipeline/cache';
import { runPipeline } from '../shared/pipeline/pipeline';
import { ResilientCaller } from '../shared/providers/chain';
import type { ProviderSpec } from '../shared/providers/types';
import { FABRICATIONS, think } from './fake-llm/brain';
import { malformed, startFakeLlm, truncateJson, wrapInProse, withTrailingCommas, type FakeBehaviour, type FakeLlm, type FakeRequest } from './fake-llm/server';
import { fakeSpec, loadPairs, NOW } from './helpers';

/**
 * Chaos: the fake providers fail 30% of calls in every way a real provider does. Every run must end with valid
 * outputs or one clear error, never store an invalid object, and keep to its time budget.
 */
const RUNS = Number(process.env.CHAOS_RUNS ?? 200);
const FAILURE_RATE = 0.3;
const BUDGET_MS = 6000;
const FAULTS = ['slow', 'rate_limit_short', 'rate_limit_long', 'server_error', 'timeout', 'drop', 'truncated_body', 'malformed', 'truncated_json', 'schema_break', 'fabricate'] as const;
type Fault = (typeof FAULTS)[number];

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTPUT_SCHEMAS = [Cv, CvReview, ParsedJob, Analysis, TailoredCv, Score];

class ValidatingCache extends MemoryCache {
  invalid = 0;
  override async set(key: string, value: unknown): Promise<void> {
    const { __by: _by, ...rest } = value as Record<string, unknown>;
    if (!OUTPUT_SCHEMAS.some((s) => s.safeParse(rest).success)) this.invalid++;
    await super.set(key, value);
  }
}

describe('chaos', () => {
  let fake: FakeLlm;
  const rng = mulberry32(20261122);
  const faultsSeen = new Map<Fault, number>();

  const respond = (req: FakeRequest): FakeBehaviour => {
    const good = () => think(req, { now: NOW });
    if (rng() >= FAILURE_RATE) {
      // even good answers come in the shapes real models use
      const r = rng();
      return { type: 'text', text: r < 0.1 ? wrapInProse(good()) : r < 0.15 ? withTrailingCommas(good()) : good() };
    }
    const fault = FAULTS[Math.floor(rng() * FAULTS.length)]!;
    faultsSeen.set(fault, (faultsSeen.get(fault) ?? 0) + 1);
    switch (fault) {
      case 'slow':
        return { type: 'text', text: good(), delayMs: 150 };
      case 'rate_limit_short':
        return { type: 'status', status: 429, retryAfterSec: 0 };
      case 'rate_limit_long':
        return { type: 'status', status: 429, retryAfterSec: 30 };
      case 'server_error':
        return { type: 'status', status: rng() < 0.5 ? 500 : 503 };
      case 'timeout':
        return { type: 'hang' };
      case 'drop':
        return { type: 'drop' };
      case 'truncated_body':
        return { type: 'truncated-body', text: good() };
      case 'malformed':
        return { type: 'text', text: malformed(good()) };
      case 'truncated_json':
        return { type: 'text', text: truncateJson(good()) };
      case 'schema_break': {
        const v = JSON.parse(good()) as Record<string, unknown>;
        const k = Object.keys(v)[0];
        if (k) v[k] = 'n/a';
        return { type: 'text', text: JSON.stringify(v) };
      }
      case 'fabricate':
        return { type: 'text', text: think(req, { now: NOW, fabricate: true, obeyRepair: false }) };
    }
  };

  beforeAll(async () => {
    fake = await startFakeLlm({ responder: respond });
  });
  afterAll(async () => {
    await fake.close();
  });

  it(`${RUNS} runs end valid or with one clear error, within budget, with failover and the offline last resort observed`, async () => {
    const pairs = loadPairs();
    const caller = new ResilientCaller({ maxAttempts: 2, baseDelayMs: 2, maxDelayMs: 20, maxRetryAfterMs: 100, attemptTimeoutMs: 250, breakerThreshold: 5, breakerCooldownMs: 200 });
    const full: ProviderSpec[] = [fakeSpec('openai', fake.url), fakeSpec('anthropic', fake.url), fakeSpec('gemini', fake.url)];
    const stats = { succeeded: 0, failed: 0, failovers: 0, offline: 0, repaired: 0, violations: 0, maxMs: 0, invalidCached: 0 };
    const errors: string[] = [];

    const one = async (i: number) => {
      const p = pairs[i % pairs.length]!;
      const chain = i % 3 === 0 ? full.slice(i % 2, (i % 2) + 1) : full;
      const cache = new ValidatingCache();
      const t = performance.now();
      const run = await runPipeline({ cvText: p.cvText, job: p.job }, { now: NOW, chain, caller, cache, budgetMs: BUDGET_MS });
      const elapsed = performance.now() - t;
      stats.maxMs = Math.max(stats.maxMs, elapsed);
      stats.invalidCached += cache.invalid;
      expect(Run.safeParse(run).success).toBe(true);
      expect(elapsed).toBeLessThanOrEqual(BUDGET_MS + 250);
      if (run.status === 'failed') {
        stats.failed++;
        expect(run.error?.code).toMatch(/^[A-Z_]+$/);
        expect(run.error?.message.length).toBeGreaterThan(10);
        errors.push(`${run.error!.code}: ${run.error!.message}`);
        return;
      }
      stats.succeeded++;
      const o = run.outputs;
      expect(Cv.safeParse(o.cv).success && CvReview.safeParse(o.review).success && ParsedJob.safeParse(o.parsedJob).success).toBe(true);
      expect(Analysis.safeParse(o.analysis).success && TailoredCv.safeParse(o.tailored).success && Score.safeParse(o.score).success).toBe(true);
      const tailoredText = JSON.stringify(o.tailored!.cv);
      for (const lie of Object.values(FABRICATIONS)) expect(tailoredText).not.toContain(lie);
      for (const s of run.stages) {
        if (s.offlineFallback) stats.offline++;
        if (s.provider !== 'offline' && s.provider !== 'input' && s.provider !== chain[0]!.provider) stats.failovers++;
        if (s.attempts.some((a) => a.outcome === 'repaired')) stats.repaired++;
      }
      stats.violations += o.score!.faithfulness.violations.length;
    };

    const CONCURRENCY = 4;
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < RUNS) await one(next++);
    }));

    console.info(`chaos: ${RUNS} runs, ${fake.requests.length} provider calls, faults ${JSON.stringify(Object.fromEntries(faultsSeen))}; ${JSON.stringify(stats)}${errors.length ? `; errors: ${[...new Set(errors)].join(' | ')}` : ''}`);
    expect(stats.succeeded + stats.failed).toBe(RUNS);
    expect(stats.invalidCached).toBe(0);
    expect(stats.failovers).toBeGreaterThan(0);
    expect(stats.offline).toBeGreaterThan(0);
    expect(stats.repaired).toBeGreaterThan(0);
    for (const f of FAULTS) expect(faultsSeen.get(f) ?? 0, f).toBeGreaterThan(0);
    const failed = fake.requests.length;
    expect(failed).toBeGreaterThan(RUNS * 4);
  }, 600_000);
});
