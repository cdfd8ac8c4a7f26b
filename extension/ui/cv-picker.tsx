import type { CvRecord } from '../store/db';

/** Which master CV to tailor; the active one is preselected. */
export function CvPicker({ cvs, value, onChange }: { cvs: CvRecord[]; value: string | undefined; onChange: (cvId: string) => void }) {
  return (
    <div className="field">
      <label htmlFor="cv-select">Master CV</label>
      <select id="cv-select" data-testid="cv-select" value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {cvs.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
