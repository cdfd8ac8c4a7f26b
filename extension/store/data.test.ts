import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addInterviewStep } from './applications';
import { saveCvVersion } from './cvs';
import { deleteAllData, exportAllData } from './data';
import { saveJob } from './jobs';
import { saveProvider, setChain } from './settings';
import { DexieStageCache } from './stage-cache';
import { freshDb, sampleCv, samplePosting } from './test-db';

const KEY = 'sk-test-openai-0123456789abcdef';

async function filled() {
  const d = freshDb();
  await saveCvVersion({ cv: sampleCv(), source: { kind: 'text' } }, d);
  const { applicationId } = await saveJob(samplePosting(), d);
  await addInterviewStep(applicationId, { kind: 'screen', title: 'Recruiter call' }, d);
  const p = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }, d);
  await saveProvider({ provider: 'ollama', model: 'llama3.1' }, d);
  await setChain([p.id], d);
  await new DexieStageCache(d).set('k', { x: 1 });
  return d;
}

describe('data', () => {
  it('exports everything the user made, marking which providers had a key without any key material', async () => {
    const d = await filled();
    const data = await exportAllData(d);
    expect(data).toMatchObject({ format: 'cvpath-export', version: 1 });
    expect([data.cvs.length, data.cvVersions.length, data.jobs.length, data.applications.length, data.runs.length]).toEqual([1, 1, 1, 1, 0]);
    // interview steps are stored apart (for sync) but exported with their application, as the app shows them
    expect(data.applications[0]!.steps).toEqual([expect.objectContaining({ kind: 'screen', title: 'Recruiter call' })]);
    expect(data.applications[0]!.steps[0]).not.toHaveProperty('applicationId');
    expect(data.settings.providers.map((p) => [p.provider, p.hadKey])).toEqual([['openai', true], ['ollama', false]]);
    expect(data.settings.providers.every((p) => !('key' in p))).toBe(true);
    const json = JSON.stringify(data);
    expect(json).not.toContain(KEY);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data))); // plain JSON: no binary left in it
  });

  it('deletes every table, the vault key and caches included', async () => {
    const d = await filled();
    await deleteAllData(d);
    for (const t of d.tables) expect(await t.count(), t.name).toBe(0);
  });
});
