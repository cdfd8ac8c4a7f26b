import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import type { JobPosting } from '../../shared/schema/job-posting';
import { send } from '../messaging';
import { db } from '../store/db';
import { getSettings } from '../store/settings';
import { CvPicker } from './cv-picker';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';
import { findExistingRun } from './existing-run';
import { runCostNote } from './run-cost';
import { JobSummary } from './job-summary';
import { PasteJob } from './paste-job';
import { RunPanel } from './run-panel';
import { usePagePosting } from './use-page-posting';
import { useReady } from './use-ready';
import { useSyncNudges } from './use-sync-nudges';
import { boardLabels } from '../../shared/sites/catalogue';

/** Quick tailor: the job on this tab, the CV to use, one button, live progress, the result and its documents. */
export function PopupApp() {
  useSyncNudges();
  const page = usePagePosting();
  const [pasted, setPasted] = useState<JobPosting | null>(null);
  const posting = pasted ?? (page.state === 'found' ? page.posting : null);

  const cvData = useLiveQuery(async () => {
    const [cvs, settings] = await Promise.all([db().cvs.toArray(), getSettings(db())]);
    return { cvs: cvs.sort((a, b) => a.name.localeCompare(b.name)), activeCvId: settings.activeCvId, settings };
  }, []);
  const [chosenCv, setChosenCv] = useState<string>();
  const cvs = cvData?.cvs ?? [];
  const cvId = chosenCv ?? (cvs.some((c) => c.id === cvData?.activeCvId) ? cvData?.activeCvId : cvs[0]?.id);
  const cv = cvs.find((c) => c.id === cvId);
  // the last result for this posting and this CV is shown, not run again: another run is asked for by name
  const existing = useLiveQuery(() => findExistingRun(db(), posting, cv?.currentVersionId), [posting?.contentHash, posting?.url, posting?.title, cv?.currentVersionId]);

  const [startedRunId, setStartedRunId] = useState<string>();
  const [applicationId, setApplicationId] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ShownError | null>(null);

  useReady(page.state !== 'loading' && cvData !== undefined && existing !== undefined);

  const runId = startedRunId ?? existing?.runId;
  const appId = applicationId ?? existing?.applicationId;

  async function run() {
    if (!posting || !cv) return;
    setStarting(true);
    setStartError(null);
    try {
      const saved = await send('job:save', { posting });
      setApplicationId(saved.applicationId);
      const { runId: id } = await send('run:start', { jobId: saved.jobId, cvVersionId: cv.currentVersionId, again: true });
      setStartedRunId(id);
    } catch (e) {
      setStartError(toShownError(e));
    } finally {
      setStarting(false);
    }
  }

  async function openDashboard() {
    const path = appId ? `/application/${encodeURIComponent(appId)}` : '/';
    try {
      await send('dashboard:open', { path });
    } catch {
      // an extension page's relative URL resolves inside the extension
      await browser.tabs.create({ url: `/dashboard.html#${path}` });
    }
    window.close();
  }

  const running = useLiveQuery(async () => (runId ? (await db().runTasks.get(runId))?.status === 'running' : false), [runId]);

  return (
    <main className="popup stack">
      <header className="spread">
        <span className="brand">CVPath</span>
        <button type="button" className="btn-link small" data-testid="open-dashboard" onClick={() => void openDashboard()}>
          Dashboard
        </button>
      </header>

      {page.state === 'loading' && !pasted && <p className="muted small">Reading this page…</p>}

      {posting ? (
        <section className="card">
          <JobSummary posting={posting} />
          {pasted && (
            <button type="button" className="btn-link small" style={{ marginTop: 6 }} onClick={() => setPasted(null)}>
              Change the pasted job
            </button>
          )}
        </section>
      ) : (
        page.state === 'none' && (
          <section className="card stack-sm" data-testid="no-posting">
            <h2>Open a job posting…</h2>
            <p className="small muted">
              {page.reason === 'not-a-posting' ? 'CVPath could not find a job posting on this page.' : `CVPath reads postings on ${boardLabels()}, and any page with job data.`} Or paste the
              job here:
            </p>
            <PasteJob onUse={setPasted} />
          </section>
        )
      )}

      {cvData && (
        <section className="card stack-sm">
          {cvs.length ? (
            <CvPicker cvs={cvs} value={cvId} onChange={(id) => { setChosenCv(id); setStartedRunId(undefined); }} />
          ) : (
            <div className="stack-sm">
              <p className="small">Import your master CV first: CVPath tailors it, and only it.</p>
              <button type="button" className="btn" onClick={() => void browser.runtime.openOptionsPage()} data-testid="import-cv-link">
                Import your CV
              </button>
            </div>
          )}
          <button type="button" className={runId ? 'btn btn-block' : 'btn btn-primary btn-block'} data-testid="run" disabled={!posting || !cv || starting || running === true} onClick={() => void run()}>
            {starting ? 'Starting…' : running ? 'Tailoring…' : runId ? 'Run again' : 'Tailor my CV'}
          </button>
          {cvData && posting && cv && (
            <p className="small muted" data-testid="run-cost">
              {runId ? `Your last result for this job and CV is below. Run again: ${runCostNote(cvData.settings, existing?.costUsd)}.` : `Tailoring: ${runCostNote(cvData.settings)}.`}
            </p>
          )}
          {startError && <ErrorNotice error={startError} title="Could not start" testId="run-error" />}
        </section>
      )}

      {runId && (
        <section className="card">
          <RunPanel runId={runId} onRetry={() => void run()} compact />
        </section>
      )}

      <footer className="small muted spread">
        <button type="button" className="btn-link small" onClick={() => void browser.runtime.openOptionsPage()}>
          CVs, providers and privacy
        </button>
      </footer>
    </main>
  );
}
