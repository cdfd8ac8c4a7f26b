import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../store/db';
import { ErrorNotice } from './error-notice';
import { formatMs } from './format';
import { RunResult } from './run-result';
import { isStale, stagesFromRun } from './run-view';
import { StageProgress } from './stage-progress';

/**
 * One run, live: the stages while the background worker runs it (it writes the runTasks row; Dexie brings every
 * change here), then the result from the immutable run record, or the error with a way to try again.
 */
export function RunPanel({ runId, onRetry, compact = false }: { runId: string; onRetry?: () => void; compact?: boolean }) {
  const data = useLiveQuery(async () => {
    const [task, record] = await Promise.all([db().runTasks.get(runId), db().runs.get(runId)]);
    return { task, record };
  }, [runId]);
  if (!data) return null;
  const { task, record } = data;
  const run = record?.run;
  const stages = task?.stages ?? (run ? stagesFromRun(run) : {});
  const totals = task?.summary ?? (run ? run.totals : undefined);

  const error = task?.status === 'failed' ? task.error : run?.status === 'failed' ? run.error : task && isStale(task, Date.now()) ? { code: 'INTERNAL', message: 'The run stopped answering.', hint: 'The background worker was restarted. Try again.' } : undefined;

  if (error) {
    return (
      <div className="stack">
        <StageProgress stages={stages} />
        <ErrorNotice error={error} title="The tailoring did not finish" testId="run-error">
          {onRetry && (
            <button type="button" className="btn btn-sm" style={{ marginTop: 8 }} onClick={onRetry} data-testid="retry">
              Try again
            </button>
          )}
        </ErrorNotice>
      </div>
    );
  }

  if (run?.status === 'succeeded') {
    return (
      <div className="stack">
        <RunResult run={run} compact={compact} />
        <details className="small">
          <summary className="muted">How it ran · {formatMs(run.totals.durationMs)}</summary>
          <div style={{ marginTop: 8 }}>
            <StageProgress stages={stages} totals={totals} />
          </div>
        </details>
      </div>
    );
  }

  return (
    <div className="stack-sm" aria-live="polite">
      <StageProgress stages={stages} totals={task?.status === 'succeeded' ? totals : undefined} />
      {!task && !record && <p className="small muted">Starting…</p>}
      {task?.status === 'succeeded' && <p className="small muted">Finishing…</p>}
    </div>
  );
}
