import type { Score } from '../../shared/schema/score';

/** Says plainly whether anything the tailoring wrote was not in the master CV, and what was done about it. */
export function FaithfulnessNote({ score }: { score: Score }) {
  const v = score.faithfulness.violations;
  if (!v.length) {
    return <div className="notice notice-ok" data-testid="faithfulness">Everything in the tailored CV comes from your master CV.</div>;
  }
  return (
    <div className="notice notice-warn" data-testid="faithfulness">
      <strong>{v.length} change{v.length === 1 ? '' : 's'} not backed by your CV {v.length === 1 ? 'was' : 'were'} undone</strong>
      <ul style={{ paddingLeft: 18, marginTop: 4 }}>
        {v.slice(0, 6).map((x, i) => (
          <li key={i} className="small">
            {x.kind} “{x.value}” — {x.action}
          </li>
        ))}
      </ul>
    </div>
  );
}
