import type { WorkEntry } from '../../shared/schema/cv';
import { noMarks, type MarkFor } from './cv-reading-mark';
import { TextField } from './text-field';

/** What a role can do to the roles around it: each is one action, so a misread layout is fixed in a few clicks. */
export interface RoleMoves {
  /** The other roles a bullet can move to, as the form lists them. */
  others: { id: string; label: string }[];
  moveBullet(bulletId: string, toRoleId: string): void;
  splitAt(bulletId: string): void;
  mergeWithPrevious?: () => void;
  mergeWithNext?: () => void;
}

export const roleLabel = (role: WorkEntry, index: number): string => [role.position, role.name].filter(Boolean).join(' · ') || `Role ${index + 1}`;

/** One role: company, title, dates, and its bullets (edit, add, remove, move to another role, split the role there). */
export function CvRoleEditor({ role, index, onChange, onRemove, newBulletId, warnings, moves, markFor = noMarks, readingNote }: {
  role: WorkEntry;
  index: number;
  onChange: (r: WorkEntry) => void;
  onRemove: () => void;
  newBulletId: () => string;
  warnings: string[];
  moves: RoleMoves;
  markFor?: MarkFor;
  /** What the offline reader says about this role as a whole (it did not find it). */
  readingNote?: string;
}) {
  const set = (patch: Partial<WorkEntry>) => onChange({ ...role, ...patch });
  const setBullet = (i: number, text: string) => set({ highlights: role.highlights.map((h, j) => (j === i ? { ...h, text } : h)) });
  const mark = (field: string) => markFor(role.id, field);
  const title = roleLabel(role, index);
  return (
    <div className="cv-entry" data-testid="cv-role" data-role-id={role.id}>
      <div className="spread">
        <h4>{title}</h4>
        <div className="row">
          {moves.mergeWithPrevious && (
            <button type="button" className="btn btn-sm" data-testid="role-merge-previous" title="One role: bullets together, this role's details fill only what the previous one lacks, dates spanning both" onClick={moves.mergeWithPrevious}>
              Merge with previous
            </button>
          )}
          {moves.mergeWithNext && (
            <button type="button" className="btn btn-sm" data-testid="role-merge-next" title="One role: bullets together, the next role's details fill only what this one lacks, dates spanning both" onClick={moves.mergeWithNext}>
              Merge with next
            </button>
          )}
          <button type="button" className="btn btn-sm btn-danger" onClick={onRemove} aria-label={`Remove ${title}`}>
            Remove role
          </button>
        </div>
      </div>
      {readingNote && (
        <p className="reading-mark small" data-testid="role-reading-note">
          <span className="reading-mark-sign" aria-hidden="true">≠</span>
          {readingNote}
        </p>
      )}
      {warnings.map((w, i) => (
        <p key={i} className="cv-warning small">{w}</p>
      ))}
      <div className="field-row">
        <TextField label="Company" value={role.name} onChange={(name) => set({ name })} note={mark('name')} />
        <TextField label="Job title" value={role.position} onChange={(position) => set({ position })} note={mark('position')} testId="role-title" />
      </div>
      <div className="field-row">
        <TextField label="Start" value={role.startDate} onChange={(startDate) => set({ startDate })} placeholder="2021-03" note={mark('startDate')} />
        <TextField label="End" value={role.endDate} onChange={(endDate) => set({ endDate })} placeholder="empty = current" note={mark('endDate')} />
        <TextField label="Location" value={role.location} onChange={(location) => set({ location })} note={mark('location')} />
      </div>
      <div className="stack-sm">
        <span className="label">Bullets</span>
        {role.highlights.map((h, i) => (
          <div key={h.id} className="bullet-row" data-testid="cv-bullet" data-bullet-id={h.id}>
            <label className="visually-hidden" htmlFor={`b-${h.id}`}>
              Bullet {i + 1} of {title}
            </label>
            <textarea id={`b-${h.id}`} className="grow bullet-input" rows={2} value={h.text} onChange={(e) => setBullet(i, e.target.value)} />
            <div className="bullet-tools">
              {moves.others.length > 0 ? (
                <select
                  className="bullet-move"
                  aria-label={`Move bullet ${i + 1} of ${title} to another role`}
                  data-testid="bullet-move"
                  value=""
                  onChange={(e) => e.target.value && moves.moveBullet(h.id, e.target.value)}
                >
                  <option value="">Move to…</option>
                  {moves.others.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <span />
              )}
              {i > 0 ? (
                <button type="button" className="btn btn-sm" data-testid="bullet-split" title="This bullet and the ones below become a new role at the same company" onClick={() => moves.splitAt(h.id)}>
                  Split here
                </button>
              ) : (
                <span />
              )}
              <button type="button" className="btn btn-sm" aria-label={`Remove bullet ${i + 1}`} onClick={() => set({ highlights: role.highlights.filter((_, j) => j !== i) })}>
                ✕
              </button>
            </div>
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
