import type { Cv } from '../../shared/schema/cv';
import { blankBullet, blankEducation, blankRole, blankSkill, entryNotes, mergeRoles, moveBullet, openDisagreements, reviewWarnings, splitRole, takeOfflineReading } from './cv-edit';
import { CvBasicsEditor } from './cv-basics-editor';
import { CvEducationEditor } from './cv-education-editor';
import { CvReadingNotice } from './cv-reading-notice';
import { ReadingMark, type MarkFor } from './cv-reading-mark';
import { CvRoleEditor, roleLabel } from './cv-role-editor';
import { CvSkillEditor } from './cv-skills-editor';
import type { CvReading } from './import-cv';

/**
 * What the importer read, as an editable form, with what looks wrong said at the top. The person fixes it here
 * before it becomes the master CV that every tailoring trusts. Sections the form does not show are kept as read.
 */
export function CvReviewForm({ cv, onChange, unrecognized = [], reading }: { cv: Cv; onChange: (cv: Cv) => void; unrecognized?: { heading: string; text: string }[]; reading?: CvReading }) {
  const warnings = reviewWarnings(cv);
  const general = warnings.filter((w) => !/^work\.\d+$/.test(w.path));
  const forRole = (i: number) => warnings.filter((w) => w.path === `work.${i}`).map((w) => w.message);
  const set = (patch: Partial<Cv>) => onChange({ ...cv, ...patch });
  // marks follow entries by id, and go away once the field holds the other reading (taken or typed)
  const open = openDisagreements(cv, reading?.disagreements ?? []);
  const markFor: MarkFor = (entryId, field) => {
    const d = open.find((x) => x.entryId === entryId && x.field === field);
    return d && <ReadingMark d={d} onTake={() => onChange(takeOfflineReading(cv, d))} />;
  };
  const notes = entryNotes(cv, reading?.disagreements ?? []);
  // dates tell apart two roles with the same title at the same company (a role the parser cut in two)
  const roles = cv.work.map((r, i) => ({ id: r.id, label: `${roleLabel(r, i)}${r.startDate || r.endDate ? ` (${r.startDate ?? '?'} – ${r.endDate ?? 'now'})` : ''}` }));

  return (
    <div className="stack" data-testid="cv-review">
      {general.length > 0 && (
        <div className="notice notice-warn" data-testid="cv-warnings">
          <strong>Check these before saving</strong>
          <ul style={{ paddingLeft: 18 }}>
            {general.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      {reading && <CvReadingNotice reading={reading} marked={open.length} offlineOnlyRoles={notes.offlineOnly} />}
      {unrecognized.length > 0 && (
        <div className="notice notice-info">
          <strong>Sections CVPath did not recognise</strong>
          <span>{unrecognized.map((u) => u.heading).join(', ')} — kept in the original text, not in the form. Add what matters to a section below.</span>
        </div>
      )}

      <CvBasicsEditor basics={cv.basics} onChange={(basics) => set({ basics })} markFor={markFor} />

      <fieldset className="cv-group">
        <legend>Experience ({cv.work.length})</legend>
        {cv.work.map((role, i) => (
          <CvRoleEditor
            key={role.id}
            role={role}
            index={i}
            warnings={forRole(i)}
            readingNote={notes.modelOnly.has(role.id) ? 'Only the model read this as a role of its own. If it belongs to another role, merge it; if it is not a role, remove it.' : undefined}
            onChange={(r) => set({ work: cv.work.map((x, j) => (j === i ? r : x)) })}
            onRemove={() => set({ work: cv.work.filter((_, j) => j !== i) })}
            newBulletId={() => blankBullet(cv, role.id).id}
            markFor={markFor}
            moves={{
              others: roles.filter((o) => o.id !== role.id),
              moveBullet: (bulletId, to) => onChange(moveBullet(cv, bulletId, to)),
              splitAt: (bulletId) => onChange(splitRole(cv, role.id, bulletId)),
              ...(i > 0 ? { mergeWithPrevious: () => onChange(mergeRoles(cv, cv.work[i - 1]!.id, role.id)) } : {}),
              ...(i < cv.work.length - 1 ? { mergeWithNext: () => onChange(mergeRoles(cv, role.id, cv.work[i + 1]!.id)) } : {}),
            }}
          />
        ))}
        <div>
          <button type="button" className="btn btn-sm" onClick={() => set({ work: [...cv.work, blankRole(cv)] })}>
            Add role
          </button>
        </div>
      </fieldset>

      <fieldset className="cv-group">
        <legend>Education ({cv.education.length})</legend>
        {cv.education.map((e, i) => (
          <CvEducationEditor key={e.id} entry={e} markFor={markFor} onChange={(x) => set({ education: cv.education.map((y, j) => (j === i ? x : y)) })} onRemove={() => set({ education: cv.education.filter((_, j) => j !== i) })} />
        ))}
        <div>
          <button type="button" className="btn btn-sm" onClick={() => set({ education: [...cv.education, blankEducation(cv)] })}>
            Add education
          </button>
        </div>
      </fieldset>

      <fieldset className="cv-group">
        <legend>Skills ({cv.skills.length})</legend>
        {cv.skills.map((s, i) => (
          <CvSkillEditor key={s.id} skill={s} onChange={(x) => set({ skills: cv.skills.map((y, j) => (j === i ? x : y)) })} onRemove={() => set({ skills: cv.skills.filter((_, j) => j !== i) })} />
        ))}
        <div>
          <button type="button" className="btn btn-sm" onClick={() => set({ skills: [...cv.skills, blankSkill(cv)] })}>
            Add skill group
          </button>
        </div>
      </fieldset>

      {(cv.projects.length > 0 || cv.certificates.length > 0 || cv.languages.length > 0) && (
        <p className="small muted">
          Also kept as read: {[cv.projects.length && `${cv.projects.length} projects`, cv.certificates.length && `${cv.certificates.length} certificates`, cv.languages.length && `${cv.languages.length} languages`].filter(Boolean).join(', ')}.
        </p>
      )}
    </div>
  );
}
