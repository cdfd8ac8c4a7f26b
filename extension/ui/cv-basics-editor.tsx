import type { Cv } from '../../shared/schema/cv';
import { noMarks, type MarkFor } from './cv-reading-mark';
import { TextArea, TextField } from './text-field';

type Basics = Cv['basics'];

/** Name, contact and summary. */
export function CvBasicsEditor({ basics, onChange, markFor = noMarks }: { basics: Basics; onChange: (b: Basics) => void; markFor?: MarkFor }) {
  const mark = (field: string) => markFor(undefined, field);
  const set = (patch: Partial<Basics>) => onChange({ ...basics, ...patch });
  const city = basics.location?.city ?? '';
  return (
    <fieldset className="cv-group">
      <legend>About you</legend>
      <div className="field-row">
        <TextField label="Name" value={basics.name} onChange={(name) => set({ name })} testId="cv-name" autoComplete="name" note={mark('name')} />
        <TextField label="Headline" value={basics.label} onChange={(label) => set({ label })} placeholder="e.g. Data Engineer" note={mark('label')} />
      </div>
      <div className="field-row">
        <TextField label="Email" type="email" value={basics.email} onChange={(email) => set({ email })} autoComplete="email" note={mark('email')} />
        <TextField label="Phone" type="tel" value={basics.phone} onChange={(phone) => set({ phone })} autoComplete="tel" note={mark('phone')} />
        <TextField label="Location" value={city} onChange={(c) => set({ location: { ...basics.location, city: c || undefined } })} placeholder="City" />
      </div>
      <TextArea label="Summary" rows={4} value={basics.summary} onChange={(summary) => set({ summary })} />
    </fieldset>
  );
}
