import type { RequirementView } from './run-view';
import { StatusPill } from './status-pill';

/** Each requirement with its status, the CV lines that prove it, and honest advice where it is a gap. */
export function RequirementList({ items, limitEvidence = 2 }: { items: RequirementView[]; limitEvidence?: number }) {
  if (!items.length) return <p className="muted small">No requirements were read from this posting.</p>;
  return (
    <ul className="reqs" data-testid="requirements">
      {items.map((r) => (
        <li key={r.id} className="req" data-status={r.status}>
          <StatusPill status={r.status} />
          <div>
            <div>
              {r.text}
              {r.kind === 'must' && <span className="faint small"> · must-have</span>}
            </div>
            {r.evidence.slice(0, limitEvidence).map((e, i) => (
              <div key={i} className="req-quote">“{e.quote}”</div>
            ))}
            {r.status !== 'met' && r.coaching && <div className="req-coach">{r.coaching}</div>}
          </div>
        </li>
      ))}
    </ul>
  );
}
