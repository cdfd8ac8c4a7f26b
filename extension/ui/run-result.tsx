import type { Run } from '../../shared/schema/run';
import { DownloadButtons } from './download-buttons';
import { FaithfulnessNote } from './faithfulness-note';
import { MatchFigures } from './match-figures';
import { RequirementGroups } from './requirement-groups';
import { countByStatus, requirementViews } from './run-view';

/** A finished run in brief: the match, what is met and missing (with proof), screening risks, honesty, documents. */
export function RunResult({ run, compact = false }: { run: Run; compact?: boolean }) {
  const score = run.outputs.score;
  const reqs = requirementViews(run);
  const counts = countByStatus(reqs);
  const before = score?.before.match ?? run.outputs.analysis?.figures.match ?? 0;
  const after = score?.after.match ?? before;
  return (
    <div className="stack" data-testid="run-result">
      <MatchFigures before={before} after={after} />
      <p className="small muted">
        <strong className="tabular" style={{ color: 'var(--ok)' }}>{counts.met}</strong> met ·{' '}
        <strong className="tabular" style={{ color: 'var(--warn)' }}>{counts.partial}</strong> partial ·{' '}
        <strong className="tabular" style={{ color: 'var(--bad)' }}>{counts.missing}</strong> missing
        {score && ` · keywords ${Math.round(score.before.keywordCoverage)}% → ${Math.round(score.after.keywordCoverage)}%`}
      </p>
      <DownloadButtons run={run} />
      {score && <FaithfulnessNote score={score} />}
      <RequirementGroups run={run} limitEvidence={compact ? 1 : 3} />
    </div>
  );
}
