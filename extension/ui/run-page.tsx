import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../store/db';
import { DownloadButtons } from './download-buttons';
import { ErrorNotice } from './error-notice';
import { formatCost, formatDateTime, formatMs, formatTokens } from './format';
import { RequirementGroups } from './requirement-groups';
import { routeHref } from './route';
import { RunDiff } from './run-diff';
import { RunPanel } from './run-panel';
import { stagesFromRun } from './run-view';
import { ScorePanel } from './score-panel';
import { StageProgress } from './stage-progress';
import { useReady } from './use-ready';

/** One run in full: scores, documents, requirements with evidence, and the tailored CV beside the master. */
export function RunPage({ id }: { id: string }) {
  const data = useLiveQuery(async () => {
    const record = await db().runs.get(id);
    // a run kept without its inputs (privacy setting) finds its master CV in the version it was made from
    const version = record && !record.run.outputs.cv && !record.run.inputs.cv ? await db().cvVersions.get(record.cvVersionId) : undefined;
    return { record, task: await db().runTasks.get(id), versionCv: version?.cv };
  }, [id]);
  useReady(data !== undefined);
  if (!data) return null;
  const { record, task, versionCv } = data;
  if (!record) {
    return (
      <div className="stack">
        <nav className="small"><a href="#/">← All applications</a></nav>
        {task ? <section className="card"><RunPanel runId={id} /></section> : <div className="card"><h2>This run no longer exists</h2></div>}
      </div>
    );
  }
  const { run } = record;
  const master = run.outputs.cv ?? run.inputs.cv ?? versionCv;
  const tailored = run.outputs.tailored;
  return (
    <div className="stack">
      <nav className="small row">
        <a href="#/">All applications</a>
        <span className="faint">/</span>
        <a href={routeHref({ page: 'application', id: record.applicationId })}>{run.inputs.job.company || 'Application'}</a>
        <span className="faint">/</span>
        <span className="muted">Run of {formatDateTime(run.createdAt)}</span>
      </nav>
      <header className="card">
        <h1>{run.inputs.job.title}</h1>
        <p className="muted">
          {run.inputs.job.company} · {formatDateTime(run.createdAt)} · {formatMs(run.totals.durationMs)} · {formatTokens(run.totals.inputTokens + run.totals.outputTokens)} tokens · {formatCost(run.totals.costUsd)} · engine {run.engineVersion}
        </p>
      </header>
      {run.status === 'failed' && run.error && <ErrorNotice error={run.error} title="This run failed" testId="run-error" />}

      <div className="two-col">
        <div className="stack">
          {run.outputs.score && (
            <section className="card stack-sm">
              <h2>Scores</h2>
              <ScorePanel score={run.outputs.score} />
            </section>
          )}
          <section className="card stack-sm">
            <h2>Documents</h2>
            <DownloadButtons run={run} />
          </section>
        </div>
        <div className="stack">
          <section className="card stack-sm">
            <h2>Requirements</h2>
            <RequirementGroups run={run} limitEvidence={4} />
          </section>
          <section className="card stack-sm">
            <h2>How it ran</h2>
            <StageProgress stages={stagesFromRun(run)} totals={run.totals} />
          </section>
        </div>
      </div>

      <section className="card stack-sm">
        <h2>What changed, and where it came from</h2>
        {master && tailored ? <RunDiff master={master} changes={tailored.changes} tailored={tailored.cv} /> : <p className="muted" data-testid="run-diff">This run has no tailored CV to compare.</p>}
      </section>
    </div>
  );
}
