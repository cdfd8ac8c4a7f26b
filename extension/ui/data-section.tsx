import { useState } from 'react';
import { deleteAllData, exportAllData } from '../store/data';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';
import { exportFileName } from './file-name';
import { saveFile } from './save-file';

/** Your data, yours: download all of it as JSON, or delete all of it from this device (after a confirmation). */
export function DataSection() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  async function run(f: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await f());
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack-sm">
      <div className="row-wrap">
        <button
          type="button"
          className="btn"
          data-testid="export-data"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const data = await exportAllData();
              const name = exportFileName(new Date());
              saveFile(JSON.stringify(data, null, 2), name, 'application/json');
              return `Downloaded ${name}.`;
            })
          }
        >
          Export all data (JSON)
        </button>
        {!confirming ? (
          <button type="button" className="btn btn-danger" data-testid="delete-data" disabled={busy} onClick={() => setConfirming(true)}>
            Delete all data…
          </button>
        ) : null}
      </div>
      {confirming && (
        <div className="notice notice-error" role="alertdialog" aria-labelledby="delete-title">
          <strong id="delete-title">Delete every CV, job, application, run and setting on this device?</strong>
          <p className="small">Saved API keys are deleted too. This cannot be undone; export first if you may want it back.</p>
          <div className="row" style={{ marginTop: 8 }}>
            <button
              type="button"
              className="btn btn-danger-solid"
              data-testid="delete-data-confirm"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await deleteAllData();
                  setConfirming(false);
                  return 'All data was deleted from this device.';
                })
              }
            >
              Yes, delete everything
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {done && <p className="small muted" role="status">{done}</p>}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
