import { useState } from 'react';
import type { SkillEntry } from '../../shared/schema/cv';
import { splitKeywords } from './cv-edit';
import { TextField } from './text-field';

/** One skill group: a name and its keywords, typed comma-separated. */
export function CvSkillEditor({ skill, onChange, onRemove }: { skill: SkillEntry; onChange: (s: SkillEntry) => void; onRemove: () => void }) {
  // the raw text is kept while typing so a trailing comma is not eaten
  const [keywords, setKeywords] = useState(skill.keywords.join(', '));
  return (
    <div className="row skill-row">
      <div className="skill-name">
        <TextField label="Skill or group" value={skill.name} onChange={(name) => onChange({ ...skill, name })} />
      </div>
      <div className="grow">
        <TextField
          label="Keywords (comma-separated, optional)"
          value={keywords}
          onChange={(v) => {
            setKeywords(v);
            onChange({ ...skill, keywords: splitKeywords(v) });
          }}
        />
      </div>
      <button type="button" className="btn btn-sm btn-danger" style={{ alignSelf: 'flex-end' }} onClick={onRemove} aria-label={`Remove ${skill.name || 'skill group'}`}>
        ✕
      </button>
    </div>
  );
}
