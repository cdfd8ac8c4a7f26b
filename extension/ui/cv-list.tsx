import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { deleteCv, renameCv, setActiveCv } from '../store/cvs';
import { db, type CvRecord, type CvVersionRecord } from '../store/db';
import type { CvDraft } from './cv-import';
import { ErrorNotice, useAction } from './error-notice';
import { formatDateTime } from './format';

const SOURCE_LABELS: Record<string, string> = { pdf: 'PDF', docx: 'Word', json: 'JSON Resume', text: 'Text', edit: 'Edited here' };

/** Every master CV with its versions: which one is used, rename, delete, edit (which saves a new version). */
export function CvList({ cvs, activeCvId, onEdit }: { cvs: CvRecord[]; activeCvId?: string; onEdit: (draft: CvDraft, cvId: string) => void }) {
  const versions = useLiveQuery(() => db().cvVersions.orderBy('createdAt').reverse().toArray(), []);
  const { error, act } = useAction();
  if (!cvs.length) return <p className="muted" data-testid="cv-list">No CV yet. Import one above: everything CVPath writes comes from it.</p>;
  return (
    <div className="stack-sm">
      {error && <ErrorNotice error={error} />}
      <ul className="cv-list" data-testid="cv-list">
        {cvs.map((c) => (
          <CvItem key={c.id} cv={c} active={c.id === activeCvId} versions={(versions ?? []).filter((v) => v.cvId === c.id)} act={act} onEdit={onEdit} />
        ))}
      </ul>
    </div>
  );
}

function CvItem({ cv, active, versions, act, onEdit }: { cv: CvRecord; active: boolean; versions: CvVersionRecord[]; act: (f: () => Promise<unknown>) => void; onEdit: CvListEdit }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const current = versions.find((v) => v.id === cv.currentVersionId) ?? versions[0];
  return (
    <li className="cv-item" data-testid="cv-item" data-cv-id={cv.id} data-active={active ? '1' : undefined}>
      <div className="spread">
        {renaming === null ? (
          <div className="row">
            <strong>{cv.name}</strong>
            {active && <span className="pill pill-applied">In use</span>}
          </div>
        ) : (
          <form className="row grow" onSubmit={(e) => { e.preventDefault(); act(() => renameCv(cv.id, renaming.trim() || cv.name)); setRenaming(null); }}>
            <label className="visually-hidden" htmlFor={`rename-${cv.id}`}>New name</label>
            <input id={`rename-${cv.id}`} type="text" value={renaming} onChange={(e) => setRenaming(e.target.value)} autoFocus />
            <button type="submit" className="btn btn-sm">Save</button>
            <button type="button" className="btn btn-sm" onClick={() => setRenaming(null)}>Cancel</button>
          </form>
        )}
        <div className="row-wrap">
          {!active && <button type="button" className="btn btn-sm" data-testid="cv-use" onClick={() => act(() => setActiveCv(cv.id))}>Use this CV</button>}
          {current && <button type="button" className="btn btn-sm" onClick={() => onEdit({ cv: structuredClone(current.cv), text: current.text, source: { kind: 'edit' }, unrecognized: [] }, cv.id)}>Edit</button>}
          {renaming === null && <button type="button" className="btn btn-sm" onClick={() => setRenaming(cv.name)}>Rename</button>}
          {confirmDelete ? (
            <>
              <button type="button" className="btn btn-sm btn-danger-solid" onClick={() => act(() => deleteCv(cv.id))}>Delete “{cv.name}” and its versions</button>
              <button type="button" className="btn btn-sm" onClick={() => setConfirmDelete(false)}>Keep</button>
            </>
          ) : (
            <button type="button" className="btn btn-sm btn-danger" onClick={() => setConfirmDelete(true)}>Delete</button>
          )}
        </div>
      </div>
      <table className="plain versions">
        <thead>
          <tr><th>Version</th><th>From</th><th>Content</th><th><span className="visually-hidden">Current</span></th></tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <td>{formatDateTime(v.createdAt)}</td>
              <td>{SOURCE_LABELS[v.source.kind] ?? v.source.kind}{v.source.fileName ? ` · ${v.source.fileName}` : ''}</td>
              <td><code title={v.contentHash}>{v.contentHash.slice(0, 8)}</code> <span className="faint small">{v.cv.work.length} roles</span></td>
              <td>{v.id === cv.currentVersionId && <span className="small muted">current</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

type CvListEdit = (draft: CvDraft, cvId: string) => void;
