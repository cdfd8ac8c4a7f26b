import { describe, expect, it } from 'vitest';
import type { Run } from '../../shared/schema/run';
import type { RunTaskRecord } from '../store/db';
import { countByStatus, isStale, knockoutNote, latestTask, requirementViews, splitKnockouts, stagesFromRun } from './run-view';

const run = {
  stages: [{ stage: 'CV_PARSER', status: 'succeeded', provider: 'offline', model: 'rules', offlineFallback: false, cached: true, promptVersion: '1', inputHash: 'a'.repeat(64), attempts: [], inputTokens: 0, outputTokens: 0, costUsd: 0, durationMs: 12 }],
  outputs: {
    parsedJob: { title: 'DE', normalizedTitle: 'data engineer', company: 'Acme', seniority: 'mid', keywords: [], requirements: [
      { id: 'r1', text: 'SQL', kind: 'must', category: 'hard_skill', keywords: ['sql'] },
      { id: 'r2', text: 'Kubernetes', kind: 'must', category: 'hard_skill', keywords: ['kubernetes'] },
      { id: 'r3', text: 'Spanish', kind: 'nice', category: 'language', keywords: [] },
    ] },
    analysis: {
      matches: [
        { requirementId: 'r1', status: 'met', evidence: [{ cvId: 'w1h1', quote: 'Wrote SQL' }], matchedKeywords: ['sql'] },
        { requirementId: 'r2', status: 'missing', evidence: [], matchedKeywords: [] },
        { requirementId: 'r3', status: 'partial', evidence: [], matchedKeywords: [] },
      ],
      knockouts: [],
      coaching: [{ requirementId: 'r2', advice: 'Say so if you have used it; do not claim it otherwise.' }],
      figures: { match: 40, mustHave: { met: 1, partial: 0, missing: 1, total: 2 }, niceToHave: { met: 0, partial: 1, missing: 0, total: 1 } },
    },
  },
} as unknown as Run;

describe('run view shaping', () => {
  it('turns a finished run into stage rows', () => {
    expect(stagesFromRun(run).CV_PARSER).toMatchObject({ status: 'succeeded', provider: 'offline', cached: true, durationMs: 12 });
  });

  it('joins requirements with their matches and coaching, must-have gaps first', () => {
    const v = requirementViews(run);
    expect(v.map((x) => x.id)).toEqual(['r2', 'r1', 'r3']);
    expect(v[0]!.coaching).toMatch(/do not claim/);
    expect(v[1]!.evidence[0]!.quote).toBe('Wrote SQL');
    expect(countByStatus(v)).toEqual({ met: 1, partial: 1, missing: 1 });
  });

  it('keeps screening requirements apart, types every requirement, and says each piece of advice once', () => {
    const analysis = run.outputs.analysis!;
    const withKnockout = {
      ...run,
      outputs: {
        ...run.outputs,
        analysis: {
          ...analysis,
          knockouts: [{ requirementId: 'r3', kind: 'language', status: 'risk', message: 'Required: "Spanish". Not found on your CV.' }],
          coaching: [...analysis.coaching, { requirementId: 'r3', advice: 'Say so if you have used it; do not claim it otherwise.' }],
        },
      },
    } as unknown as Run;
    const { knockouts, skills } = splitKnockouts(requirementViews(withKnockout));
    expect(knockouts.map((v) => [v.id, v.category])).toEqual([['r3', 'language']]);
    expect(skills.map((v) => v.id)).toEqual(['r2', 'r1']);
    expect([...knockouts, ...skills].filter((v) => v.coaching).length).toBe(1);
    expect(knockoutNote(knockouts[0]!.knockout!.message)).toBe('Not found on your CV.');
  });

  it('finds the latest task and tells a dead worker’s task from a live one', () => {
    const t = (id: string, startedAt: string, heartbeatAt = startedAt) => ({ id, startedAt, heartbeatAt, status: 'running' }) as RunTaskRecord;
    expect(latestTask([t('a', '2026-01-01T00:00:00Z'), t('b', '2026-01-02T00:00:00Z')])?.id).toBe('b');
    const now = Date.parse('2026-01-01T00:05:00Z');
    expect(isStale(t('a', '2026-01-01T00:00:00Z'), now)).toBe(true);
    expect(isStale(t('a', '2026-01-01T00:04:30Z'), now)).toBe(false);
  });
});
