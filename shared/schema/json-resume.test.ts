import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { Cv } from './cv';
import { fromJsonResume, toJsonResume } from './json-resume';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@jsonresume/schema/schema.json');
const officialSchema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const sample = JSON.parse(readFileSync(require.resolve('@jsonresume/schema/sample.resume.json'), 'utf8'));

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(officialSchema);
}

describe('JSON Resume import and export', () => {
  it('imports the official sample with an id on every entry and bullet', () => {
    const cv = fromJsonResume(sample);
    expect(Cv.safeParse(cv).success).toBe(true);
    expect(cv.basics.name).toBe(sample.basics.name);
    expect(cv.work.length).toBe(sample.work.length);
    const ids = [...cv.work.flatMap((w) => [w.id, ...w.highlights.map((h) => h.id)]), ...cv.education.map((e) => e.id), ...cv.skills.map((s) => s.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(cv.work[0]!.highlights[0]!.id).toBe('w1h1');
  });

  it('exports the official sample back equal (ids aside)', () => {
    const back = toJsonResume(fromJsonResume(sample));
    const { $schema: _s, ...rest } = back;
    const { $schema: _t, ...expected } = sample as Record<string, unknown>;
    expect(rest).toEqual(expected);
  });

  it('exports JSON that validates against the official JSON Resume 1.0 schema', () => {
    const validate = validator();
    const ok = validate(toJsonResume(fromJsonResume(sample)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('accepts the older spellings work[].company and education[].gpa', () => {
    const cv = fromJsonResume({
      basics: { name: 'Ana Nuñez' },
      work: [{ company: 'Northwind Logistics', position: 'Planner', startDate: '2019-01', highlights: ['Cut lead times by 12%'] }],
      education: [{ institution: 'University of Leeds', studyType: 'BSc', area: 'Logistics', gpa: '3.8' }],
    });
    expect(cv.work[0]!.name).toBe('Northwind Logistics');
    expect(cv.education[0]!.score).toBe('3.8');
    const out = toJsonResume(cv) as { work: { name: string }[]; education: { score: string }[] };
    expect(out.work[0]!.name).toBe('Northwind Logistics');
    expect(out.education[0]!.score).toBe('3.8');
    expect(validator()(out)).toBe(true);
  });

  it('rejects nothing silently: a non-object is an error', () => {
    expect(() => fromJsonResume('not a resume')).toThrow();
  });
});
