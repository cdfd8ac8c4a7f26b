import type { WorkEntry } from '../../shared/schema/cv';
import { TextField } from './text-field';

/** One role: company, title, dates, and its bullets (edit, add, remove). */
export function CvRoleEditor({ role, index, onChange, onRemove, newBulletId, warnings }: {
  role: WorkEntry;
  index: number;
  onChange: (r: WorkEntry) => void;
  onRemove: () => void;
  newBulletId: () => string;
  warnings: string[];
}) {
  const set = (patch: Partial<WorkEntry>) => onChange({ ...role, ...patch });
  const setBullet = (i: number, text: string) => set({ highlights: role.highlights.map((h, j) => (j === i ? { ...h, text } : h)) });
  const title = [role.position, role.name].filter(Boolean).join(' · ') || `Role ${index + 1}`;
  return (
    <div className="cv-entry" data-testid="cv-role">
      <div className="spread">
        <h4>{title}</h4>
        <button type="button" className="btn btn-sm btn-danger" onClick={onRemove} aria-label={`Remove ${title}`}>
          Remove role
        </button>
      </div>
      {warnings.map((w, i) => (
        <p key={i} className="cv-warning small">{w}</p>
      ))}
      <div className="field-row">
        <TextField label="Company" value={role.name} onChange={(name) => set({ name })} />
        <TextField label="Job title" value={role.position} onChange={(position) => set({ position })} />
      </div>
      <div className="field-row">
        <TextField label="Start" value={role.startDate} onChange={(startDate) => set({ startDate })} placeholder="2021-03" />
        <TextField label="End" value={role.endDate} onChange={(endDate) => set({ endDate })} placeholder="empty = current" />
        <TextField label="Location" value={role.location} onChange={(location) => set({ location })} />
      </div>
      <div className="stack-sm">
        <span className="label">Bullets</span>
        {role.highlights.map((h, i) => (
          <div key={h.id} className="row">
            <label className="visually-hidden" htmlFor={`b-${h.id}`}>
              Bullet {i + 1} of {title}
            </label>
            <textarea id={`b-${h.id}`} className="grow bullet-input" rows={2} value={h.text} onChange={(e) => setBullet(i, e.target.value)} />
            <button type="button" className="btn btn-sm" aria-label={`Remove bullet ${i + 1}`} onClick={() => set({ highlights: role.highlights.filter((_, j) => j !== i) })}>
              ✕
            </button>
          </div>
        ))}
        <div>
          <button type="button" className="btn btn-sm" onClick={() => set({ highlights: [...role.highlights, { id: newBulletId(), text: '' }] })}>
            Add bullet
          </button>
        </div>
      </div>
    </div>
  );
}
