import type { Run } from '../../shared/schema/run';
import { KnockoutList } from './knockout-list';
import { RequirementList } from './requirement-list';
import { requirementViews, splitKnockouts } from './run-view';

/**
 * A run's requirements in two groups: the screening ones first (a gap there can stop the application being read at
 * all), then the skills and experience, whose gaps are worth showing or building but rarely end an application.
 */
export function RequirementGroups({ run, limitEvidence }: { run: Run; limitEvidence: number }) {
  const { knockouts, skills } = splitKnockouts(requirementViews(run));
  return (
    <div className="stack">
      {knockouts.length > 0 && (
        <section className="stack-sm" data-testid="screening">
          <h3>Screening <span className="muted small">— a gap here can stop the application being read</span></h3>
          <KnockoutList items={knockouts} />
        </section>
      )}
      <section className="stack-sm" data-testid="skills-and-experience">
        <h3>Skills and experience <span className="muted small">— as your master CV shows them</span></h3>
        <RequirementList items={skills} limitEvidence={limitEvidence} />
      </section>
    </div>
  );
}
