import { useState } from 'react';
import type { Cv } from '../../shared/schema/cv';
import type { CvSourceKind } from '../store/db';
import type { CvReading } from './import-cv';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';

export interface CvDraft {
  cv: Cv;
  text?: string;
  source: { kind: CvSourceKind; fileName?: string };
  unrecognized: { heading: string; text: string }[];
  /** How the importer read it (absent when editing a saved version: there is nothing to compare). */
  reading?: CvReading;
}

const ACCEPT = '.pdf,.docx,.json,.txt,.md,.markdown,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/json,text/plain,text/markdown';

/** Choose a file (PDF, Word, JSON Resume, text, Markdown) or paste text; the reader is loaded only when it is needed. */
export function CvImport({ onRead }: { onRead: (draft: CvDraft) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');

  async function readFile(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const m = await import('./import-cv');
      const r = await m.importCvFile(file);
      onRead({ cv: r.cv, text: r.text, source: { kind: r.kind, fileName: r.fileName }, unrecognized: r.unrecognized, ...(r.reading ? { reading: r.reading } : {}) });
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }

  async function readText() {
    setBusy(true);
    setError(null);
    try {
      const m = await import('./import-cv');
      const r = await m.parseText(text);
      onRead({ cv: r.cv, text: r.text, source: { kind: 'text' }, unrecognized: r.unrecognized, reading: r.reading });
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack-sm">
      <div className="dropzone">
        <label htmlFor="cv-file">Import your CV</label>
        <input id="cv-file" type="file" accept={ACCEPT} data-testid="cv-file" disabled={busy} onChange={(e) => void readFile(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
        <p className="help">PDF, Word (.docx), JSON Resume, plain text or Markdown, up to 10 MB. The file is read on this device and never uploaded.</p>
        {busy && <p className="small muted" role="status">Reading your CV…</p>}
      </div>
      {error && <ErrorNotice error={error} title="This CV could not be imported" testId="import-error" />}
      {pasting ? (
        <div className="stack-sm">
          <div className="field">
            <label htmlFor="cv-paste">CV text</label>
            <textarea id="cv-paste" rows={10} value={text} onChange={(e) => setText(e.target.value)} data-testid="cv-paste" />
          </div>
          <div className="row">
            <button type="button" className="btn" disabled={!text.trim() || busy} onClick={() => void readText()}>
              Read this text
            </button>
            <button type="button" className="btn-link small" onClick={() => setPasting(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button type="button" className="btn-link small" onClick={() => setPasting(true)}>
            Or paste the text of your CV
          </button>
        </div>
      )}
    </div>
  );
}
