import { describe, expect, it } from 'vitest';
import { fromJsonResume } from '../../shared/schema/json-resume';
import { blankBullet, blankRole, cleanForSave, nextId, reviewWarnings, splitKeywords, usedIds } from './cv-edit';

const cv = () =>
  fromJsonResume({
    basics: { name: 'Jane Doe', email: 'jane@example.com' },
    work: [{ name: 'Acme', position: 'Engineer', startDate: '2020-01', highlights: ['Built things', 'Fixed things'] }],
    education: [{ institution: 'Leeds' }],
    skills: [{ name: 'Code', keywords: ['TypeScript'] }],
  });

describe('CV review form helpers', () => {
  it('gives new entries and bullets ids that do not collide with existing ones', () => {
    const c = cv();
    expect(usedIds(c).has('w1h2')).toBe(true);
    expect(blankRole(c).id).toBe('w2');
    expect(blankBullet(c, 'w1').id).toBe('w1h3');
    expect(nextId('x', new Set(['x1', 'x2']))).toBe('x3');
  });

  it('finds nothing to warn about in a complete CV', () => {
    expect(reviewWarnings(cv())).toEqual([]);
  });

  it('warns when no roles were found, or a role lacks dates, a company or bullets', () => {
    const empty = { ...cv(), work: [] };
    expect(reviewWarnings(empty).map((w) => w.path)).toContain('work');
    const c = cv();
    c.work[0] = { ...c.work[0]!, name: '', startDate: undefined, endDate: 'Summer 2022', highlights: [] };
    const msgs = reviewWarnings(c).filter((w) => w.path === 'work.0').map((w) => w.message);
    expect(msgs.some((m) => /company or the job title/.test(m))).toBe(true);
    expect(msgs.some((m) => /no start date/.test(m))).toBe(true);
    expect(msgs.some((m) => /Summer 2022/.test(m))).toBe(true);
    expect(msgs.some((m) => /no bullets/.test(m))).toBe(true);
  });

  it('warns about a role that ends before it starts', () => {
    const c = cv();
    c.work[0] = { ...c.work[0]!, startDate: '2022-01', endDate: '2021-06' };
    expect(reviewWarnings(c).some((w) => /ends before it starts/.test(w.message))).toBe(true);
  });

  it('drops blank bullets, blank roles and blank fields on save', () => {
    const c = cv();
    c.work[0]!.highlights.push({ id: 'w1h3', text: '   ' });
    c.work.push(blankRole(c));
    c.basics.phone = ' ';
    const out = cleanForSave(c);
    expect(out.work).toHaveLength(1);
    expect(out.work[0]!.highlights.map((h) => h.id)).toEqual(['w1h1', 'w1h2']);
    expect(out.basics.phone).toBeUndefined();
  });

  it('splits typed keywords', () => {
    expect(splitKeywords('SQL, Python;  dbt ,\nAirflow,')).toEqual(['SQL', 'Python', 'dbt', 'Airflow']);
  });
});
