import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { cvContentHash, deleteCv, getCurrentVersion, listCvs, listVersions, renameCv, saveCvVersion, setActiveCv } from './cvs';
import { getSettings } from './settings';
import { freshDb, outboxLines, sampleCv } from './test-db';

const src = { kind: 'text' as const, fileName: 'cv.txt' };

describe('CV store', () => {
  it('creates a CV with its first version, makes it active, and records both in the outbox', async () => {
    const d = freshDb();
    const cv = sampleCv();
    const r = await saveCvVersion({ cv, text: 'raw', source: src, note: ' first ' }, d);
    expect(r.deduplicated).toBe(false);
    const [rec] = await listCvs(d);
    expect(rec).toMatchObject({ id: r.cvId, name: cv.basics.name, currentVersionId: r.versionId });
    const v = await getCurrentVersion(r.cvId, d);
    expect(v).toMatchObject({ id: r.versionId, cvId: r.cvId, text: 'raw', note: 'first', source: src, contentHash: await cvContentHash(cv) });
    expect((await getSettings(d)).activeCvId).toBe(r.cvId);
    expect(await outboxLines(d)).toEqual([`cv:put:${r.cvId}`, `cvVersion:put:${r.versionId}`, 'settings:put:settings']);
  });

  it('stores the same content once per CV, and moves the current version back to it', async () => {
    const d = freshDb();
    const cv = sampleCv();
    const first = await saveCvVersion({ cv, source: src }, d);
    const edited = { ...cv, basics: { ...cv.basics, label: 'Staff Engineer' } };
    const second = await saveCvVersion({ cvId: first.cvId, cv: edited, source: { kind: 'edit' } }, d);
    expect(second.versionId).not.toBe(first.versionId);
    // the same content as the first version, keys in another order
    const again = await saveCvVersion({ cvId: first.cvId, cv: JSON.parse(JSON.stringify(cv)) as typeof cv, source: { kind: 'json' } }, d);
    expect(again).toEqual({ cvId: first.cvId, versionId: first.versionId, deduplicated: true });
    expect((await getCurrentVersion(first.cvId, d))!.id).toBe(first.versionId);
    expect((await listVersions(first.cvId, d)).map((v) => v.id)).toEqual([second.versionId, first.versionId]);
    expect(await d.cvVersions.count()).toBe(2);
    // a second CV with the same content is its own CV: dedupe is within one CV
    const other = await saveCvVersion({ cv, source: src, name: 'Other' }, d);
    expect(other.deduplicated).toBe(false);
    expect((await getSettings(d)).activeCvId).toBe(first.cvId);
  });

  it('rejects an invalid CV and an unknown CV id with errors that say what to do', async () => {
    const d = freshDb();
    await expect(saveCvVersion({ cv: { basics: 42 } as never, source: src }, d)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(saveCvVersion({ cvId: 'gone', cv: sampleCv(), source: src }, d)).rejects.toMatchObject({ code: 'INPUT_INVALID', hint: expect.stringMatching(/Reload/) });
    expect(await d.outbox.count()).toBe(0);
  });

  it('rolls back the whole save, outbox included, when one write fails', async () => {
    const d = freshDb();
    const spy = vi.spyOn(d.cvVersions, 'add').mockRejectedValueOnce(new Error('disk full'));
    await expect(saveCvVersion({ cv: sampleCv(), source: src }, d)).rejects.toThrow('disk full');
    spy.mockRestore();
    expect(await d.cvs.count()).toBe(0);
    expect(await d.outbox.count()).toBe(0);
    expect((await getSettings(d)).activeCvId).toBeUndefined();
  });

  it('renames, switches the active CV, and deletes a CV with its versions', async () => {
    const d = freshDb();
    const a = await saveCvVersion({ cv: sampleCv(), source: src, name: 'A' }, d);
    const b = await saveCvVersion({ cv: sampleCv(), source: src, name: 'B' }, d);
    await renameCv(a.cvId, '  Engineering CV ', d);
    expect((await d.cvs.get(a.cvId))!.name).toBe('Engineering CV');
    await expect(renameCv(a.cvId, '  ', d)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await setActiveCv(b.cvId, d);
    expect((await getSettings(d)).activeCvId).toBe(b.cvId);
    await expect(setActiveCv('gone', d)).rejects.toMatchObject({ code: 'INPUT_INVALID' });

    await d.outbox.clear();
    await deleteCv(b.cvId, d);
    expect(await d.cvVersions.where('cvId').equals(b.cvId).count()).toBe(0);
    expect((await getSettings(d)).activeCvId).toBe(a.cvId);
    expect(await outboxLines(d)).toEqual([`cvVersion:delete:${b.versionId}`, `cv:delete:${b.cvId}`, 'settings:put:settings']);
    await deleteCv(b.cvId, d); // twice is fine
    await deleteCv(a.cvId, d);
    expect((await getSettings(d)).activeCvId).toBeUndefined();
    expect(await listCvs(d)).toEqual([]);
  });
});
