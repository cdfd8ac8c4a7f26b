import { CATEGORY_LABELS, type RequirementView } from './run-view';
import { StatusPill } from './status-pill';

/** Each requirement with its type, its status, the CV lines that prove it, and honest advice where it is a gap. */
export function RequirementList({ items, limitEvidence = 2 }: { items: RequirementView[]; limitEvidence?: number }) {
  if (!items.length) return <p className="muted small">No skill or experience requirements were read from this posting.</p>;
  return (
    <ul className="reqs" data-testid="requirements">
      {items.map((r) => (
        <li key={r.id} className="req" data-status={r.status} data-category={r.category}>
          <StatusPill status={r.status} />
          <div>
            <div>
              <span className="req-type" data-testid="req-type">{CATEGORY_LABELS[r.category]}</span> {r.text}
              {r.kind === 'must' ? <span className="faint small"> · must-have</span> : <span className="faint small"> · nice to have</span>}
            </div>
            {r.evidence.slice(0, limitEvidence).map((e, i) => (
              <div key={i} className="req-quote">“{e.quote}”</div>
            ))}
            {r.status !== 'met' && r.coaching && <div className="req-coach" data-testid="coaching">{r.coaching}</div>}
          </div>
        </li>
      ))}
    </ul>
  );
}
