import { round } from './format';

/** Match before → after, the number the person cares about first. */
export function MatchFigures({ before, after }: { before: number; after: number }) {
  const delta = round(after) - round(before);
  return (
    <div className="match" aria-label={`Match ${round(before)}% before, ${round(after)}% after tailoring`}>
      <span className="match-num match-before" data-testid="match-before">{round(before)}</span>
      <span className="match-arrow" aria-hidden="true">→</span>
      <span className="match-num match-after" data-testid="match-after">{round(after)}</span>
      <span className="match-unit">% match{delta > 0 ? ` (+${delta})` : ''}</span>
    </div>
  );
}
