import { useState } from 'react';
import type { Application, InterviewStep } from '../../shared/schema/application';
import { addInterviewStep, removeInterviewStep, updateInterviewStep } from '../store/applications';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';
import { formatDateTime } from './format';
import { StatusPill } from './status-pill';

export const STEP_KINDS: Record<InterviewStep['kind'], string> = {
  screen: 'Phone screen',
  technical: 'Technical interview',
  take_home: 'Take-home task',
  onsite: 'On-site',
  hiring_manager: 'Hiring manager',
  final: 'Final round',
  other: 'Other',
};
const OUTCOMES: Record<InterviewStep['outcome'], string> = { pending: 'Upcoming', passed: 'Passed', failed: 'Not passed', cancelled: 'Cancelled' };
const OUTCOME_PILL: Record<InterviewStep['outcome'], string> = { pending: 'pending', passed: 'ok', failed: 'failed', cancelled: 'saved' };

type Draft = Omit<InterviewStep, 'id'>;
const EMPTY: Draft = { kind: 'screen', title: '', at: undefined, outcome: 'pending', notes: '' };

/** `datetime-local` wants local "YYYY-MM-DDTHH:mm"; the record keeps ISO. */
const toLocalInput = (iso: string | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The interview process: each step with its kind, date, outcome and notes; add, edit, remove. */
export function InterviewSteps({ app }: { app: Application }) {
  // the id being edited, or 'new' for the add form
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const act = (f: () => Promise<unknown>, then?: () => void) => {
    setError(null);
    f().then(then, (e: unknown) => setError(toShownError(e)));
  };
  const steps = [...app.steps].sort((a, b) => (a.at ?? '9').localeCompare(b.at ?? '9'));
  return (
    <div className="stack-sm" data-testid="interview-steps">
      {error && <ErrorNotice error={error} />}
      {steps.length === 0 && editing !== 'new' && <p className="small muted">No interview steps yet.</p>}
      <ul className="steps">
        {steps.map((s) =>
          editing === s.id ? (
            <li key={s.id}>
              <StepForm initial={s} onCancel={() => setEditing(null)} onSave={(d) => act(() => updateInterviewStep(app.id, s.id, d), () => setEditing(null))} />
            </li>
          ) : (
            <li key={s.id} className="step" data-testid="interview-step">
              <div className="spread">
                <div>
                  <strong>{s.title || STEP_KINDS[s.kind]}</strong> <span className="muted small">{s.title ? STEP_KINDS[s.kind] : ''}</span>
                  <div className="small muted">{s.at ? formatDateTime(s.at) : 'No date'}</div>
                </div>
                <div className="row">
                  <StatusPill status={OUTCOME_PILL[s.outcome]} label={OUTCOMES[s.outcome]} />
                  <button type="button" className="btn btn-sm" onClick={() => setEditing(s.id)}>Edit</button>
                  <button type="button" className="btn btn-sm btn-danger" onClick={() => act(() => removeInterviewStep(app.id, s.id))} aria-label={`Remove ${s.title || STEP_KINDS[s.kind]}`}>Remove</button>
                </div>
              </div>
              {s.notes && <p className="small step-notes">{s.notes}</p>}
            </li>
          ),
        )}
      </ul>
      {editing === 'new' ? (
        <StepForm initial={EMPTY} onCancel={() => setEditing(null)} onSave={(d) => act(() => addInterviewStep(app.id, d), () => setEditing(null))} />
      ) : (
        <div>
          <button type="button" className="btn btn-sm" data-testid="add-step" onClick={() => setEditing('new')}>Add a step</button>
        </div>
      )}
    </div>
  );
}

function StepForm({ initial, onSave, onCancel }: { initial: Draft; onSave: (d: Draft) => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>({ kind: initial.kind, title: initial.title, at: initial.at, outcome: initial.outcome, notes: initial.notes });
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  return (
    <form className="step-form stack-sm" onSubmit={(e) => { e.preventDefault(); onSave(d); }}>
      <div className="field-row">
        <div className="field">
          <label htmlFor="step-kind">Kind</label>
          <select id="step-kind" value={d.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}>
            {Object.entries(STEP_KINDS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="step-title">Title</label>
          <input id="step-title" type="text" value={d.title} placeholder="e.g. Call with Sam (recruiter)" onChange={(e) => set({ title: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="step-at">Date and time</label>
          <input id="step-at" type="datetime-local" value={toLocalInput(d.at)} onChange={(e) => set({ at: e.target.value ? new Date(e.target.value).toISOString() : undefined })} />
        </div>
        <div className="field">
          <label htmlFor="step-outcome">Outcome</label>
          <select id="step-outcome" value={d.outcome} onChange={(e) => set({ outcome: e.target.value as Draft['outcome'] })}>
            {Object.entries(OUTCOMES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="step-notes">Notes</label>
        <textarea id="step-notes" rows={3} value={d.notes} onChange={(e) => set({ notes: e.target.value })} />
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary btn-sm">Save step</button>
        <button type="button" className="btn btn-sm" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
