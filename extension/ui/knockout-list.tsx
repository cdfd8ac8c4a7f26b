import { CATEGORY_LABELS, knockoutNote, type RequirementView } from './run-view';
import { StatusPill } from './status-pill';

const KNOCKOUT_LABELS = { ok: 'OK', risk: 'Risk', unknown: 'Check' } as const;

/**
 * Screening requirements a posting can reject on (authorisation, location, degree, years, licence), risks first,
 * each with what the CV shows and what to do about it.
 */
export function KnockoutList({ items }: { items: RequirementView[] }) {
  const rank = { risk: 0, unknown: 1, ok: 2 } as const;
  const shown = [...items].sort((a, b) => rank[a.knockout!.status] - rank[b.knockout!.status]);
  return (
    <ul className="reqs" data-testid="knockouts">
      {shown.map((r) => {
        const k = r.knockout!;
        return (
          <li key={r.id} className="req" data-status={k.status} data-testid="knockout">
            <StatusPill status={k.status} label={KNOCKOUT_LABELS[k.status]} />
            <div>
              <div>
                <span className="req-type" data-testid="req-type">{CATEGORY_LABELS[r.category]}</span> {r.text}
              </div>
              {knockoutNote(k.message) && <div className="small muted">{knockoutNote(k.message)}</div>}
              {k.status !== 'ok' && r.coaching && <div className="req-coach" data-testid="coaching">{r.coaching}</div>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
