import type { Score } from '../../shared/schema/score';
import { FaithfulnessNote } from './faithfulness-note';
import { MatchFigures } from './match-figures';

/** The scores before and after tailoring, side by side, with the ATS checks and the faithfulness report. */
export function ScorePanel({ score }: { score: Score }) {
  const rows: { label: string; before: number; after: number }[] = [
    { label: 'Requirement match', before: score.before.match, after: score.after.match },
    { label: 'Keyword coverage', before: score.before.keywordCoverage, after: score.after.keywordCoverage },
    { label: 'Prominence (evidence near the top)', before: score.before.prominence, after: score.after.prominence },
    ...score.perSection.map((s) => ({ label: `Section: ${s.section}`, before: s.before, after: s.after })),
  ];
  return (
    <div className="stack" data-testid="scores">
      <MatchFigures before={score.before.match} after={score.after.match} />
      <table className="plain">
        <thead><tr><th>Measure</th><th className="num">Master</th><th className="num">Tailored</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td>{r.label}</td>
              <td className="num tabular muted">{Math.round(r.before)}</td>
              <td className="num tabular"><strong>{Math.round(r.after)}</strong></td>
            </tr>
          ))}
        </tbody>
      </table>
      {score.after.missingKeywords.length > 0 && (
        <p className="small"><span className="muted">Posting keywords your CV does not show: </span>{score.after.missingKeywords.join(', ')}</p>
      )}
      <div className="stack-sm">
        <h3>ATS checks</h3>
        <ul className="ats" data-testid="ats-checks">
          {score.ats.map((c) => (
            <li key={c.id} className="row small" data-passed={c.passed ? '1' : '0'}>
              <span aria-hidden="true" className={c.passed ? 'ats-ok' : 'ats-bad'}>{c.passed ? '✓' : '✕'}</span>
              <span className="visually-hidden">{c.passed ? 'Passed:' : 'Failed:'}</span>
              <span>{c.message}</span>
            </li>
          ))}
        </ul>
      </div>
      <FaithfulnessNote score={score} />
    </div>
  );
}
