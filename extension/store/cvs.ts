import { CvPathError } from '../../shared/errors';
import { sha256Hex, stableStringify } from '../../shared/engine/text';
import { Cv } from '../../shared/schema/cv';
import { stamp } from './clock';
import { db, recordChange, type CvPathDb, type CvRecord, type CvSourceKind, type CvVersionRecord } from './db';
import { notFound } from './errors';
import { cvVersionIdFor } from './ids';
import { getSettings } from './settings';

export interface SaveCvVersionInput {
  /** The CV to add a version to; none: a new CV. */
  cvId?: string;
  /** The CV's name (a new CV without one is named after the person or the file). */
  name?: string;
  cv: Cv;
  text?: string;
  source: { kind: CvSourceKind; fileName?: string };
  note?: string;
}

/** The hash that identifies a CV's content: the same CV imported twice is one version. */
export async function cvContentHash(cv: Cv): Promise<string> {
  return sha256Hex(stableStringify(cv));
}

/**
 * Saves a version of a master CV and makes it the CV's current one. The same content as an existing version of that CV
 * is not stored twice: that version becomes current again. The first CV saved becomes the active one.
 */
export async function saveCvVersion(input: SaveCvVersionInput, d: CvPathDb = db()): Promise<{ cvId: string; versionId: string; deduplicated: boolean }> {
  const parsed = Cv.safeParse(input.cv);
  if (!parsed.success) {
    throw new CvPathError('INPUT_INVALID', 'This CV could not be saved: some of its fields are not valid.', { hint: 'Check the dates and entries you edited, then save again.', cause: parsed.error });
  }
  const cv = parsed.data;
  const contentHash = await cvContentHash(cv);

  return d.transaction('rw', [d.cvs, d.cvVersions, d.settings, d.outbox], async (tx) => {
    const now = stamp();
    const existing = input.cvId ? await d.cvs.get(input.cvId) : undefined;
    if (input.cvId && !existing) throw notFound('This CV', 'Reload the options page; the CV may have been deleted in another window.');
    const cvId = existing?.id ?? crypto.randomUUID();
    const same = existing ? await d.cvVersions.where('[cvId+contentHash]').equals([cvId, contentHash]).first() : undefined;
    // the same content is the same version on every device (an older version keeps the random id it was saved with)
    const versionId = same?.id ?? cvVersionIdFor(cvId, contentHash);

    const record: CvRecord = existing
      ? { ...existing, currentVersionId: versionId, updatedAt: now, ...(input.name?.trim() ? { name: input.name.trim() } : {}) }
      : { id: cvId, name: input.name?.trim() || defaultName(cv, input.source.fileName), currentVersionId: versionId, createdAt: now, updatedAt: now };
    await d.cvs.put(record);
    await recordChange(tx, 'cv', cvId);

    if (!same) {
      const version: CvVersionRecord = { id: versionId, cvId, contentHash, cv, source: input.source, createdAt: now };
      if (input.text !== undefined) version.text = input.text;
      if (input.note?.trim()) version.note = input.note.trim();
      await d.cvVersions.add(version);
      await recordChange(tx, 'cvVersion', versionId);
    }

    const settings = await getSettings(d);
    if (!settings.activeCvId || !(await d.cvs.get(settings.activeCvId))) {
      await d.settings.put({ ...settings, activeCvId: cvId, updatedAt: now });
      await recordChange(tx, 'settings', 'settings');
    }
    return { cvId, versionId, deduplicated: !!same };
  });
}

/** Every CV, most recently changed first. */
export async function listCvs(d: CvPathDb = db()): Promise<CvRecord[]> {
  return d.cvs.orderBy('updatedAt').reverse().toArray();
}

/** A CV's versions, newest first. */
export async function listVersions(cvId: string, d: CvPathDb = db()): Promise<CvVersionRecord[]> {
  const versions = await d.cvVersions.where('cvId').equals(cvId).sortBy('createdAt');
  return versions.reverse();
}

export async function getCurrentVersion(cvId: string, d: CvPathDb = db()): Promise<CvVersionRecord | undefined> {
  const cv = await d.cvs.get(cvId);
  return cv ? d.cvVersions.get(cv.currentVersionId) : undefined;
}

/** The CV runs use when none is named. */
export async function setActiveCv(cvId: string, d: CvPathDb = db()): Promise<void> {
  await d.transaction('rw', [d.cvs, d.settings, d.outbox], async (tx) => {
    if (!(await d.cvs.get(cvId))) throw notFound('This CV');
    const settings = await getSettings(d);
    if (settings.activeCvId === cvId) return;
    await d.settings.put({ ...settings, activeCvId: cvId, updatedAt: stamp() });
    await recordChange(tx, 'settings', 'settings');
  });
}

export async function renameCv(cvId: string, name: string, d: CvPathDb = db()): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new CvPathError('INPUT_INVALID', 'A CV needs a name.', { hint: 'Type a name, for example "Engineering CV".' });
  await d.transaction('rw', [d.cvs, d.outbox], async (tx) => {
    const cv = await d.cvs.get(cvId);
    if (!cv) throw notFound('This CV');
    await d.cvs.put({ ...cv, name: trimmed, updatedAt: stamp() });
    await recordChange(tx, 'cv', cvId);
  });
}

/**
 * Deletes a CV and all its versions. Runs made with it keep their own snapshot of the CV, so the history stays whole.
 * When it was the active CV, the most recently changed other CV becomes active.
 */
export async function deleteCv(cvId: string, d: CvPathDb = db()): Promise<void> {
  await d.transaction('rw', [d.cvs, d.cvVersions, d.settings, d.outbox], async (tx) => {
    if (!(await d.cvs.get(cvId))) return; // already gone: deleting twice is not an error
    const versionIds = await d.cvVersions.where('cvId').equals(cvId).primaryKeys();
    await d.cvVersions.bulkDelete(versionIds);
    await d.cvs.delete(cvId);
    for (const id of versionIds) await recordChange(tx, 'cvVersion', id, 'delete');
    await recordChange(tx, 'cv', cvId, 'delete');
    const settings = await getSettings(d);
    if (settings.activeCvId === cvId) {
      const next = await d.cvs.orderBy('updatedAt').last();
      const { activeCvId: _gone, ...rest } = settings;
      await d.settings.put({ ...rest, ...(next ? { activeCvId: next.id } : {}), updatedAt: stamp() });
      await recordChange(tx, 'settings', 'settings');
    }
  });
}

function defaultName(cv: Cv, fileName?: string): string {
  const person = cv.basics.name?.trim();
  if (person) return person;
  const file = fileName?.replace(/\.[a-z0-9]+$/i, '').trim();
  return file || 'My CV';
}
