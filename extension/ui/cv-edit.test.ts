import { describe, expect, it } from 'vitest';
import { fromJsonResume } from '../../shared/schema/json-resume';
import { blankBullet, blankRole, cleanForSave, entryNotes, mergeRoles, moveBullet, nextId, openDisagreements, reviewWarnings, splitKeywords, splitRole, takeOfflineReading, usedIds } from './cv-edit';

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

/** Three roles as a misread layout gives them: a promotion read as one role, one role cut in two by a page break. */
const misread = () =>
  fromJsonResume({
    basics: { name: 'Jane Doe' },
    work: [
      { name: 'Acme', position: 'Senior Engineer', location: 'Leeds', startDate: '2021-06', highlights: ['Cut build times', 'Led the migration', 'Mentored four engineers', 'Built the billing API'] },
      { name: 'Globex', position: 'Engineer', startDate: '2017', endDate: '2020-03', highlights: ['Wrote the runbooks'] },
      { name: 'Globex', position: '', startDate: '2018-01', endDate: '2020-05', highlights: ['Moved 14 services'] },
    ],
  });
const bullets = (c: ReturnType<typeof misread>) => c.work.map((r) => `${r.id}:${r.highlights.map((h) => h.id).join(',')}`);

describe('restructuring roles in one action', () => {
  it('moves a bullet to another role, keeping its id', () => {
    const c = moveBullet(misread(), 'w1h4', 'w2');
    expect(bullets(c)).toEqual(['w1:w1h1,w1h2,w1h3', 'w2:w2h1,w1h4', 'w3:w3h1']);
    expect(c.work[1]!.highlights.at(-1)!.text).toBe('Built the billing API');
  });

  it('leaves the CV as it was for a move to the same or an unknown role', () => {
    const c = misread();
    expect(moveBullet(c, 'w1h1', 'w1')).toBe(c);
    expect(moveBullet(c, 'w1h1', 'w9')).toBe(c);
    expect(moveBullet(c, 'nope', 'w2')).toBe(c);
  });

  it('splits a role at a bullet: the rest go to a new role below, same company, title and dates to fill', () => {
    const c = splitRole(misread(), 'w1', 'w1h3');
    expect(bullets(c)).toEqual(['w1:w1h1,w1h2', 'w4:w1h3,w1h4', 'w2:w2h1', 'w3:w3h1']);
    expect(c.work[1]).toMatchObject({ id: 'w4', name: 'Acme', position: '', location: 'Leeds' });
    expect([c.work[1]!.startDate, c.work[1]!.endDate]).toEqual([undefined, undefined]);
    expect(c.work[0]).toMatchObject({ position: 'Senior Engineer', startDate: '2021-06' });
    // the new role's id collides with nothing provenance points at
    expect(new Set(usedIds(c)).size).toBe(usedIds(misread()).size + 1);
  });

  it('does not split at the first bullet (nothing would be left above)', () => {
    const c = misread();
    expect(splitRole(c, 'w1', 'w1h1')).toBe(c);
  });

  it('merges two roles: bullets one after the other, the first role\'s fields, dates spanning both', () => {
    const c = mergeRoles(misread(), 'w2', 'w3');
    expect(bullets(c)).toEqual(['w1:w1h1,w1h2,w1h3,w1h4', 'w2:w2h1,w3h1']);
    expect(c.work[1]).toMatchObject({ id: 'w2', name: 'Globex', position: 'Engineer', startDate: '2017', endDate: '2020-05' });
  });

  it('fills a field the first role lacks from the second, and a current role keeps the merged one current', () => {
    const c = mergeRoles(misread(), 'w3', 'w1');
    expect(c.work.map((r) => r.id)).toEqual(['w2', 'w3']);
    expect(c.work[1]).toMatchObject({ name: 'Globex', position: 'Senior Engineer', startDate: '2018-01', location: 'Leeds' });
    expect(c.work[1]!.endDate).toBeUndefined();
  });

  it('undoes a split by merging the two halves back', () => {
    const split = splitRole(misread(), 'w1', 'w1h3');
    expect(mergeRoles(split, 'w1', 'w4').work).toEqual(misread().work);
  });
});

describe('the offline reading offered beside the model\'s', () => {
  const ds = [
    { path: 'work.0.startDate', entryId: 'w1', field: 'startDate', llm: '2021-06', offline: '2021' },
    { path: 'basics.email', field: 'email', offline: 'jane@example.com' },
    { path: 'work.1.position', entryId: 'w2', field: 'position', llm: 'Engineer' },
    { path: 'work.9.name', entryId: 'w9', field: 'name', llm: 'Gone', offline: 'Gone Ltd' },
  ];

  it('takes the other reading in one step, and the mark goes once the field holds it', () => {
    let c = misread();
    expect(openDisagreements(c, ds).map((d) => d.path)).toEqual(['work.0.startDate', 'basics.email', 'work.1.position']);
    c = takeOfflineReading(c, ds[0]!);
    expect(c.work[0]!.startDate).toBe('2021');
    c = takeOfflineReading(c, ds[1]!);
    expect(c.basics.email).toBe('jane@example.com');
    c = takeOfflineReading(c, ds[2]!);
    expect(c.work[1]!.position).toBe('');
    expect(openDisagreements(c, ds)).toEqual([]);
  });

  it('follows an entry by its id after the roles are restructured', () => {
    const c = splitRole(misread(), 'w1', 'w1h3');
    const taken = takeOfflineReading(c, ds[0]!);
    expect(taken.work.find((r) => r.id === 'w1')!.startDate).toBe('2021');
    expect(taken.work.find((r) => r.id === 'w4')!.startDate).toBeUndefined();
  });
});

describe('roles only one reader found', () => {
  const ds = [
    { path: 'work.2', entryId: 'w3', field: 'entry', llm: 'Globex' },
    { path: 'work', field: 'entry', offline: 'Platform Engineer · Acme (2020-06 – 2021-05)' },
  ];

  it('are noted until the person has dealt with them', () => {
    let c = misread();
    expect(entryNotes(c, ds)).toEqual({ modelOnly: new Set(['w3']), offlineOnly: ['Platform Engineer · Acme (2020-06 – 2021-05)'] });
    c = mergeRoles(c, 'w2', 'w3');
    c = splitRole(c, 'w1', 'w1h3');
    c = { ...c, work: c.work.map((r) => (r.id === 'w4' ? { ...r, position: 'Platform Engineer' } : r)) };
    expect(entryNotes(c, ds)).toEqual({ modelOnly: new Set(), offlineOnly: [] });
  });
});
