import { describe, expect, it } from 'vitest';
import { CvPathError } from '../../shared/errors';
import type { Run } from '../../shared/schema/run';
import type { RunTaskRecord } from '../store/db';
import { applyEvent, forHistory, initialStages, MAX_TASK_EVENTS, taskError, taskErrorOfRun } from './run-task';

const KEY = 'sk-proj-abcdefghijklmnop0123';
const task = (): RunTaskRecord => ({ id: 't', applicationId: 'a', jobId: 'j', cvVersionId: 'v', status: 'running', attempts: 1, startedAt: '', heartbeatAt: '', updatedAt: '', stages: initialStages(), events: [] });

describe('run task helpers', () => {
  it('follows stages through their events, and keeps the event list bounded', () => {
    let t = applyEvent(task(), { type: 'stage_started', stage: 'JOB_PARSER', at: 1 }, 'T1');
    expect(t.stages.JOB_PARSER).toEqual({ status: 'running' });
    t = applyEvent(t, { type: 'attempt', stage: 'JOB_PARSER', provider: 'openai', model: 'm', outcome: 'provider_error', durationMs: 5 }, 'T2');
    expect(t.stages.JOB_PARSER).toMatchObject({ status: 'running', provider: 'openai' });
    t = applyEvent(t, { type: 'stage_finished', stage: 'JOB_PARSER', status: 'succeeded', provider: 'offline', model: 'rules', offlineFallback: true, cached: false, inputTokens: 0, outputTokens: 0, costUsd: 0, durationMs: 9 }, 'T3');
    expect(t.stages.JOB_PARSER).toMatchObject({ status: 'succeeded', offlineFallback: true, durationMs: 9 });
    expect(t.heartbeatAt).toBe('T3');
    for (let i = 0; i < MAX_TASK_EVENTS + 50; i++) t = applyEvent(t, { type: 'stage_started', stage: 'CV_TAILOR', at: i }, 'T');
    expect(t.events).toHaveLength(MAX_TASK_EVENTS);
  });

  it('never stores a key in an error, and adds a hint when the run gave none', () => {
    const run = { error: { code: 'PROVIDER_AUTH', message: `openai rejected the key ${KEY}` } } as Run;
    const e = taskErrorOfRun(run);
    expect(JSON.stringify(e)).not.toContain(KEY);
    expect(e.hint).toMatch(/API key/);
    const thrown = taskError(new Error(`fetch failed: Bearer ${KEY}`));
    expect(thrown).toMatchObject({ code: 'INTERNAL', hint: expect.any(String) });
    expect(JSON.stringify(thrown)).not.toContain(KEY);
    expect(taskError(new CvPathError('CV_EMPTY', 'No CV.', { hint: 'Import one.' }))).toEqual({ code: 'CV_EMPTY', message: 'No CV.', hint: 'Import one.' });
  });

  it('keeps or drops the inputs as the privacy switch says, and gives the run the task id', () => {
    const run = { id: 'pipeline-id', inputs: { cv: { basics: {} }, cvText: 'cv', cvHash: 'h', job: { title: 'T', description: 'secret text' }, jobHash: 'j', chain: [] }, outputs: {} } as unknown as Run;
    expect(forHistory(run, 't', true)).toMatchObject({ id: 't', inputs: { cvText: 'cv', job: { description: 'secret text' } } });
    const kept = forHistory(run, 't', false);
    expect(kept.id).toBe('t');
    expect(kept.inputs).toEqual({ cvHash: 'h', job: { title: 'T', description: '' }, jobHash: 'j', chain: [] });
  });
});
