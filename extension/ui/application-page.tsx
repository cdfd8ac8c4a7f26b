import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { deleteApplication, getApplication } from '../store/applications';
import { db } from '../store/db';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';
import { formatDate, formatDateTime, round } from './format';
import { InterviewSteps } from './interview-steps';
import { NotesEditor } from './notes-editor';
import { routeHref } from './route';
import { RunPanel } from './run-panel';
import { StatusControl } from './status-control';
import { StatusPill } from './status-pill';
import { useReady } from './use-ready';

/** One application: status and its history, interview steps, notes, every run, and the latest result. */
export function ApplicationPage({ id }: { id: string }) {
  const data = useLiveQuery(async () => {
    const app = await getApplication(id, db());
    if (!app) return { app: undefined };
    const [job, runs, tasks] = await Promise.all([db().jobs.get(app.jobId), db().runs.where('applicationId').equals(id).toArray(), db().runTasks.where('applicationId').equals(id).toArray()]);
    return { app, job, runs: runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt)), running: tasks.filter((t) => t.status === 'running') };
  }, [id]);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  useReady(data !== undefined);
  if (!data) return null;
  const { app } = data;
  if (!app) {
    return (
      <div className="card">
        <h2>This application no longer exists</h2>
        <p className="muted"><a href="#/">Back to all applications</a></p>
      </div>
    );
  }
  const { job, runs = [], running = [] } = data;
  const latest = running[0]?.id ?? runs[0]?.id;

  return (
    <div className="stack">
      <nav className="small"><a href="#/">← All applications</a></nav>
      <header className="card app-head">
        <div className="spread">
          <div>
            <h1>{app.title || 'Untitled job'}</h1>
            <p className="muted">
              {[app.company, job?.posting.location, job?.posting.site].filter(Boolean).join(' · ')} · added {formatDate(app.createdAt)}
            </p>
            {(app.url ?? job?.url) && <a className="small" href={app.url ?? job?.url} target="_blank" rel="noreferrer">Open the posting ↗</a>}
          </div>
          <StatusPill status={app.status} />
        </div>
      </header>

      <div className="two-col">
        <div className="stack">
          {latest && (
            <section className="card stack-sm">
              <div className="spread">
                <h2>Latest run</h2>
                <a className="small" href={routeHref({ page: 'run', id: latest })}>Open the full run →</a>
              </div>
              <RunPanel runId={latest} />
            </section>
          )}
          <section className="card stack-sm">
            <h2>Runs</h2>
            {runs.length === 0 ? (
              <p className="small muted">No finished run yet. Tailor your CV from the job page’s popup.</p>
            ) : (
              <table className="plain">
                <thead><tr><th>When</th><th>Result</th><th className="num">Match</th><th><span className="visually-hidden">Open</span></th></tr></thead>
                <tbody>
                  {runs.map((r) => (
                    <tr key={r.id} data-testid="run-row" data-run-id={r.id}>
                      <td>{formatDateTime(r.createdAt)}</td>
                      <td><StatusPill status={r.run.status} /></td>
                      <td className="num tabular">{r.run.outputs.score ? `${round(r.run.outputs.score.before.match)} → ${round(r.run.outputs.score.after.match)}` : '—'}</td>
                      <td><a href={routeHref({ page: 'run', id: r.id })}>Diff and documents</a></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
        <div className="stack">
          <section className="card"><StatusControl app={app} /></section>
          <section className="card stack-sm">
            <h2>Interview steps</h2>
            <InterviewSteps app={app} />
          </section>
          <section className="card"><NotesEditor id={app.id} notes={app.notes} /></section>
          <section className="card stack-sm">
            {error && <ErrorNotice error={error} />}
            {confirm ? (
              <div className="row-wrap">
                <button type="button" className="btn btn-danger-solid btn-sm" onClick={() => void deleteApplication(app.id).then(() => (location.hash = '#/'), (e: unknown) => setError(toShownError(e)))}>Delete this application and its runs</button>
                <button type="button" className="btn btn-sm" onClick={() => setConfirm(false)}>Keep it</button>
              </div>
            ) : (
              <div>
                <button type="button" className="btn btn-danger btn-sm" onClick={() => setConfirm(true)}>Delete application…</button>
              </div>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
