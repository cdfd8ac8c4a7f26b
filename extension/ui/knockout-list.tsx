import type { Knockout } from '../../shared/schema/analysis';
import { StatusPill } from './status-pill';

/** Screening questions a posting can reject on (authorization, location, degree, years): risks first. */
export function KnockoutList({ knockouts }: { knockouts: Knockout[] }) {
  const shown = knockouts.filter((k) => k.status !== 'ok');
  if (!shown.length) return null;
  return (
    <ul className="reqs" data-testid="knockouts">
      {shown.map((k, i) => (
        <li key={i} className="req">
          <StatusPill status={k.status} label={k.status === 'risk' ? 'Risk' : 'Check'} />
          <span>{k.message}</span>
        </li>
      ))}
    </ul>
  );
}
