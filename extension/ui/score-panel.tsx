import type { Score } from '../../shared/schema/score';
import { FaithfulnessNote } from './faithfulness-note';
import { MatchFigures } from './match-figures';

const SECTION_LABELS: Record<string, string> = { work: 'Proof in your roles', skills: 'Proof in the skills section', summary: 'Proof in the summary' };

/** For runs made before the engine explained its figures: what each one measures, at least. */
const FALLBACK: Record<string, string> = {
  match: 'How much of what the posting asks your CV proves, and how visible that proof is in a first read.',
  keywordCoverage: "The share of the posting's skill terms that appear in the CV.",
  prominence: 'How near the top the proof sits: the summary, a skills section above experience, the first bullets of recent roles.',
};

/**
 * The scores before and after tailoring, side by side, each with the sentence that says what it measures and why it
 * moved (a bare "Section: work 80 → 50" reads as a loss and explains nothing); then the ATS checks and faithfulness.
 */
export function ScorePanel({ score }: { score: Score }) {
  const why = new Map((score.explanations ?? []).map((e) => [e.figure, e.text]));
  const rows: { figure: string; label: string; before: number; after: number }[] = [
    { figure: 'match', label: 'Requirement match', before: score.before.match, after: score.after.match },
    { figure: 'keywordCoverage', label: 'Keyword coverage', before: score.before.keywordCoverage, after: score.after.keywordCoverage },
    { figure: 'prominence', label: 'Prominence (proof near the top)', before: score.before.prominence, after: score.after.prominence },
    ...score.perSection.map((s) => ({ figure: `section:${s.section}`, label: SECTION_LABELS[s.section] ?? `Proof in ${s.section}`, before: s.before, after: s.after })),
  ];
  return (
    <div className="stack" data-testid="scores">
      <MatchFigures before={score.before.match} after={score.after.match} />
      <table className="plain">
        <thead><tr><th>Measure</th><th className="num">Master</th><th className="num">Tailored</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.figure} data-figure={r.figure}>
              <td>
                {r.label}
                {(why.get(r.figure) ?? FALLBACK[r.figure]) && <div className="small muted score-why" data-testid="score-why">{why.get(r.figure) ?? FALLBACK[r.figure]}</div>}
              </td>
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
