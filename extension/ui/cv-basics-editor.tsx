import type { Cv } from '../../shared/schema/cv';
import { TextArea, TextField } from './text-field';

type Basics = Cv['basics'];

/** Name, contact and summary. */
export function CvBasicsEditor({ basics, onChange }: { basics: Basics; onChange: (b: Basics) => void }) {
  const set = (patch: Partial<Basics>) => onChange({ ...basics, ...patch });
  const city = basics.location?.city ?? '';
  return (
    <fieldset className="cv-group">
      <legend>About you</legend>
      <div className="field-row">
        <TextField label="Name" value={basics.name} onChange={(name) => set({ name })} testId="cv-name" autoComplete="name" />
        <TextField label="Headline" value={basics.label} onChange={(label) => set({ label })} placeholder="e.g. Data Engineer" />
      </div>
      <div className="field-row">
        <TextField label="Email" type="email" value={basics.email} onChange={(email) => set({ email })} autoComplete="email" />
        <TextField label="Phone" type="tel" value={basics.phone} onChange={(phone) => set({ phone })} autoComplete="tel" />
        <TextField label="Location" value={city} onChange={(c) => set({ location: { ...basics.location, city: c || undefined } })} placeholder="City" />
      </div>
      <TextArea label="Summary" rows={4} value={basics.summary} onChange={(summary) => set({ summary })} />
    </fieldset>
  );
}
