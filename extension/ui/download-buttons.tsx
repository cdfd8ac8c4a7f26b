import { useState } from 'react';
import type { Run } from '../../shared/schema/run';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';

type Kind = 'cv' | 'letter';

/** Tailored CV and cover letter as PDFs. The document code (jsPDF, pdf.js, fonts) is loaded on the first click only. */
export function DownloadButtons({ run }: { run: Run }) {
  const [busy, setBusy] = useState<Kind | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function download(kind: Kind) {
    setBusy(kind);
    setError(null);
    setSaved(null);
    try {
      const m = await import('./downloads');
      setSaved(kind === 'cv' ? await m.downloadTailoredCv(run) : await m.downloadCoverLetter(run));
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(null);
    }
  }

  const disabled = busy !== null || !run.outputs.tailored;
  return (
    <div className="stack-sm">
      <div className="row-wrap">
        <button type="button" className="btn btn-primary" data-testid="download-pdf" disabled={disabled} onClick={() => void download('cv')}>
          {busy === 'cv' ? 'Preparing PDF…' : 'Download tailored CV (PDF)'}
        </button>
        <button type="button" className="btn" data-testid="download-cover-letter" disabled={disabled} onClick={() => void download('letter')}>
          {busy === 'letter' ? 'Writing…' : 'Cover letter (PDF)'}
        </button>
      </div>
      {saved && <p className="small muted" role="status">Saved {saved}</p>}
      {error && <ErrorNotice error={error} title="The document was not saved" testId="download-error" />}
    </div>
  );
}
