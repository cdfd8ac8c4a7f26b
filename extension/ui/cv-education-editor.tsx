import type { EducationEntry } from '../../shared/schema/cv';
import { noMarks, type MarkFor } from './cv-reading-mark';
import { TextField } from './text-field';

/** One education entry. */
export function CvEducationEditor({ entry, onChange, onRemove, markFor = noMarks }: { entry: EducationEntry; onChange: (e: EducationEntry) => void; onRemove: () => void; markFor?: MarkFor }) {
  const mark = (field: string) => markFor(entry.id, field);
  const set = (patch: Partial<EducationEntry>) => onChange({ ...entry, ...patch });
  return (
    <div className="cv-entry">
      <div className="field-row">
        <TextField label="Institution" value={entry.institution} onChange={(institution) => set({ institution })} note={mark('institution')} />
        <TextField label="Degree" value={entry.studyType} onChange={(studyType) => set({ studyType })} placeholder="BSc" note={mark('studyType')} />
        <TextField label="Field" value={entry.area} onChange={(area) => set({ area })} note={mark('area')} />
      </div>
      <div className="field-row">
        <TextField label="Start" value={entry.startDate} onChange={(startDate) => set({ startDate })} placeholder="2014" note={mark('startDate')} />
        <TextField label="End" value={entry.endDate} onChange={(endDate) => set({ endDate })} placeholder="2018" note={mark('endDate')} />
        <div className="field" style={{ justifyContent: 'flex-end', alignItems: 'flex-start' }}>
          <button type="button" className="btn btn-sm btn-danger" onClick={onRemove}>
            Remove
          </button>
        </div>
      </div>
    </div>
  );
}
