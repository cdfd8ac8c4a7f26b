import Ajv from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { fromJsonResume } from './json-resume';
import { ENTITIES, jsonSchemaOf, type EntityName } from './json-schema';

describe('JSON Schemas derived from the zod schemas', () => {
  it.each(Object.keys(ENTITIES) as EntityName[])('%s has a JSON Schema that compiles', (name) => {
    const schema = jsonSchemaOf(name);
    expect(schema.type).toBe('object');
    const ajv = new Ajv({ strict: false });
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('a Cv validates against its JSON Schema, and a broken one does not', () => {
    const validate = new Ajv({ strict: false }).compile(jsonSchemaOf('Cv'));
    const cv = fromJsonResume({ basics: { name: 'Ana' }, work: [{ name: 'Acme', position: 'Planner', highlights: ['Cut costs 5%'] }] });
    expect(validate(cv)).toBe(true);
    expect(validate({ ...cv, work: [{ name: 'Acme' }] })).toBe(false);
  });
});
