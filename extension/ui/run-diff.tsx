import type { Cv } from '../../shared/schema/cv';
import type { Change } from '../../shared/schema/tailored-cv';
import { buildDiff, sortDiff, wordDiff, type DiffRow } from './provenance';

/**
 * Tailored beside master: for every change, the master lines it came from on the left, the tailored text on the
 * right (words added and removed marked), so a person can check that nothing was claimed that the CV does not say.
 */
export function RunDiff({ master, changes, tailored }: { master: Cv; changes: Change[]; tailored?: Cv }) {
  const rows = sortDiff(buildDiff(master, changes, tailored));
  if (!rows.length) return <p className="muted" data-testid="run-diff">The tailoring changed nothing: your CV already fits this posting as it is.</p>;
  return (
    <div className="diff" data-testid="run-diff">
      <div className="diff-head" aria-hidden="true">
        <span>From your master CV</span>
        <span>In the tailored CV</span>
      </div>
      {rows.map((r, i) => (
        <DiffItem key={i} row={r} />
      ))}
    </div>
  );
}

function DiffItem({ row }: { row: DiffRow }) {
  const { change } = row;
  if (row.order && row.moves) return <ReorderItem row={row} order={row.order} moves={row.moves} />;
  const rewrite = change.kind === 'rewrite_bullet' || change.kind === 'rewrite_summary';
  const where = row.target ? row.target.context || (row.target.kind === 'summary' ? '' : row.target.text) : '';
  const list = (ids: string) => ids.split(',').join(' · ');
  return (
    <article className="diff-row" data-testid="diff-row" data-kind={change.kind} data-target-id={change.targetId}>
      <header className="diff-label">
        <strong>{row.label}</strong>
        {where && <span className="muted"> · {where}</span>}
        {change.reason && <span className="faint"> — {change.reason}</span>}
      </header>
      <div className="diff-cols">
        <div className="diff-master" aria-label="From your master CV">
          {change.kind === 'reorder_sections' ? <p className="muted">{list(change.before)}</p> : row.sources.length === 0 && !rewrite && <p className="faint small">{change.before || '—'}</p>}
          {change.kind !== 'reorder_sections' && row.sources.map((s) => (
            <p key={s.id} className="diff-source" data-source-id={s.id}>
              <span className="diff-where">{s.context ? `${s.kind} · ${s.context}` : s.kind}</span>
              {s.text}
            </p>
          ))}
          {row.unresolved.length > 0 && <p className="small notice notice-warn">Not found in the master CV: {row.unresolved.join(', ')}</p>}
        </div>
        <div className="diff-tailored" aria-label="In the tailored CV">
          {row.order ? (
            <ol className="diff-order">
              {row.order.map((l) => (
                <li key={l.id}>{l.text}</li>
              ))}
            </ol>
          ) : change.kind === 'reorder_sections' ? (
            <p>{list(change.after)}</p>
          ) : rewrite && change.before ? (
            <p>
              {wordDiff(change.before, change.after).map((p, i) =>
                p.op === 'same' ? <span key={i}>{p.text}</span> : p.op === 'added' ? <ins key={i}>{p.text}</ins> : <del key={i}>{p.text}</del>,
              )}
            </p>
          ) : (
            <p>{change.after || <span className="faint">—</span>}</p>
          )}
        </div>
      </div>
    </article>
  );
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/**
 * A reordering, once: the lines in their new order, the ones that moved marked with where they were, and the rest
 * faint. Both columns listing every bullet made the reader find the one or two that moved by comparing nine lines.
 */
function ReorderItem({ row, order, moves }: { row: DiffRow; order: NonNullable<DiffRow['order']>; moves: NonNullable<DiffRow['moves']> }) {
  const { change } = row;
  const moved = moves.filter((m) => m.moved).length;
  const where = row.target?.context || row.target?.text || '';
  return (
    <article className="diff-row" data-testid="diff-row" data-kind={change.kind} data-target-id={change.targetId}>
      <header className="diff-label">
        <strong>{row.label}</strong>
        {where && <span className="muted"> · {where}</span>}
        {change.reason && <span className="faint"> — {change.reason}</span>}
      </header>
      <p className="small muted">{moved ? `${moved} of ${order.length} moved; the others keep their order.` : 'Nothing moved.'}</p>
      <ol className="diff-order">
        {order.map((l, i) => {
          const m = moves[i]!;
          return (
            <li key={l.id} className={m.moved ? 'diff-moved' : 'faint'} data-moved={m.moved ? '1' : undefined}>
              {l.text}
              {m.moved && <span className="diff-badge">{m.from ? `${m.from > i + 1 ? 'up' : 'down'} from ${ordinal(m.from)}` : 'new in the tailored CV'}</span>}
              {m.rewritten && <span className="diff-badge diff-badge-rewrite">reworded, shown above</span>}
            </li>
          );
        })}
      </ol>
    </article>
  );
}
