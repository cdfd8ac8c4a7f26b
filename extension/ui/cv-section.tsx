import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { saveCvVersion, setActiveCv } from '../store/cvs';
import { db, type CvRecord } from '../store/db';
import { cleanForSave } from './cv-edit';
import { CvImport, type CvDraft } from './cv-import';
import { CvList } from './cv-list';
import { CvReviewForm } from './cv-review-form';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';
import { savedMessage, type SavedMessage } from './cv-saved-message';

interface Editing extends CvDraft {
  /** Save as a new version of this CV; undefined = a new CV. */
  cvId?: string;
  name: string;
}

/** The master CV: import, review and fix, save as a version; the list of CVs and their versions below. */
export function CvSection({ cvs, activeCvId }: { cvs: CvRecord[]; activeCvId?: string }) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  /** What the last save did, and which CV is in use: a CV saved beside the active one is not the one tailored. */
  const [saved, setSaved] = useState<SavedMessage | null>(null);

  // whose CV each one is, so an import of the same person's CV defaults to a new version of it
  const owners = useLiveQuery(async () => {
    const current = await db().cvVersions.bulkGet(cvs.map((c) => c.currentVersionId));
    return new Map(cvs.map((c, i) => [c.id, current[i]?.cv.basics.name.trim().toLowerCase() ?? '']));
  }, [cvs]);

  function startReview(draft: CvDraft, cvId?: string) {
    const person = draft.cv.basics.name.trim().toLowerCase();
    const samePerson = (id: string | undefined) => Boolean(id && person && owners?.get(id) === person);
    const target = cvId ?? (samePerson(activeCvId) ? activeCvId : cvs.find((c) => samePerson(c.id))?.id);
    const existing = cvs.find((c) => c.id === target);
    setSaved(null);
    setError(null);
    setEditing({ ...draft, cvId: existing?.id, name: existing?.name ?? (draft.cv.basics.name ? `${draft.cv.basics.name} — CV` : 'My CV') });
  }

  async function save() {
    if (!editing) return;
    setSaving(true);
    setError(null);
    try {
      const r = await saveCvVersion({ cvId: editing.cvId, name: editing.name, cv: cleanForSave(editing.cv), text: editing.text, source: editing.source });
      const active = cvs.find((c) => c.id === activeCvId);
      if (!active) await setActiveCv(r.cvId);
      setSaved(savedMessage(r.deduplicated, { id: r.cvId, name: editing.name }, active));
      setEditing(null);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="stack">
      {!editing && <CvImport onRead={(d) => startReview(d)} />}
      {saved && (
        <div className="notice notice-ok row-wrap" role="status" data-testid="cv-saved">
          <span>{saved.text}</span>
          {saved.switchTo && (
            <button type="button" className="btn btn-sm" data-testid="cv-use-saved" onClick={() => void setActiveCv(saved.switchTo!.id).then(() => setSaved({ text: `CVPath now tailors “${saved.switchTo!.name}”.` }))}>
              Use “{saved.switchTo.name}” instead
            </button>
          )}
        </div>
      )}
      {editing && (
        <div className="stack">
          <div className="spread">
            <h3>Review what was read{editing.source.fileName ? ` from ${editing.source.fileName}` : ''}</h3>
            <button type="button" className="btn btn-sm" onClick={() => setEditing(null)}>
              Discard
            </button>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="cv-target">Save as</label>
              <select id="cv-target" value={editing.cvId ?? ''} onChange={(e) => setEditing({ ...editing, cvId: e.target.value || undefined, name: cvs.find((c) => c.id === e.target.value)?.name ?? editing.name })}>
                <option value="">A new CV</option>
                {cvs.map((c) => (
                  <option key={c.id} value={c.id}>
                    New version of “{c.name}”
                  </option>
                ))}
              </select>
            </div>
            {!editing.cvId && (
              <div className="field">
                <label htmlFor="cv-new-name">Name of the new CV</label>
                <input id="cv-new-name" type="text" value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
              </div>
            )}
          </div>
          <CvReviewForm cv={editing.cv} unrecognized={editing.unrecognized} reading={editing.reading} onChange={(cv) => setEditing({ ...editing, cv })} />
          {error && <ErrorNotice error={error} title="Not saved" />}
          <div className="sticky-actions">
            <button type="button" className="btn btn-primary" data-testid="cv-save" disabled={saving} onClick={() => void save()}>
              {saving ? 'Saving…' : 'Save this CV'}
            </button>
            <span className="small muted">Each save is a new version; older versions stay, and past runs keep the version they used.</span>
          </div>
        </div>
      )}
      <CvList cvs={cvs} activeCvId={activeCvId} onEdit={(draft, cvId) => startReview(draft, cvId)} />
    </div>
  );
}

