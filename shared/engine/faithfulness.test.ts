import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/helpers';
import type { Cv } from '../schema/cv';
import { parseCvText } from './cv-text-parser';
import { guardFaithfulness } from './faithfulness';

const master = parseCvText(readFileSync(join(ROOT, 'examples/cv.txt'), 'utf8')).cv;
const guard = (c: Cv) => guardFaithfulness(master, { cv: c, sectionOrder: ['summary', 'work'], changes: [] });

/** Ways a model has tried to slip an unsupported fact past the guard (found in review). Each must be undone and reported. */
const attacks: [string, (c: Cv) => void][] = [
  ['number words', c => { c.work[0]!.highlights[3]!.text = c.work[0]!.highlights[3]!.text.replace('mentor two junior', 'mentor twelve junior'); }],
  ['fullwidth digits', c => { c.work[0]!.highlights[1]!.text = c.work[0]!.highlights[1]!.text.replace('480 ms to 120 ms', '４８０ ms to １２ ms'); }],
  ['credential acronyms in summary', c => { c.basics.summary = 'PhD and MBA holder. ' + c.basics.summary; }],
  ['hyphenated unknowns', c => { c.basics.summary = 'Harvard-trained, Google-certified software engineer with eight years of experience building reliable web services.'; }],
  ['skill group name', c => { c.skills.push({ id: c.skills[0]!.id, name: 'AWS Certified Solutions Architect – Professional', keywords: ['Postgres'] }); }],
  ['skill level', c => { c.skills[0]!.level = 'Expert, 15 years'; }],
  ['references', c => { c.references.push({ id: 'ref1', name: 'Jane Doe, CTO at Stripe', reference: 'Alex is the best engineer I have managed in 20 years.' }); }],
  ['interests', c => { c.interests.push({ id: 'i1', name: 'Kubernetes CKA certified', keywords: ['Rust', 'Terraform'] }); }],
  ['education courses', c => { if (c.education[0]) c.education[0].courses = ['Rust', 'Kotlin', 'PCI DSS compliance']; }],
  ['project keywords/roles', c => { c.projects[0]!.keywords = ['Rust','Kotlin','Snowflake']; c.projects[0]!.roles = ['Lead maintainer of 40 contributors']; c.projects[0]!.entity='Google'; }],
  ['work url / cert url / award summary', c => { c.work[0]!.url = 'https://evil.example'; }],
  ['duplicate role', c => { c.work.push(structuredClone(c.work[0]!)); }],
  ['number moved between bullets', c => { c.work[0]!.highlights[0]!.text = 'Grew revenue by 45% for a rail booking app with 2.4 million monthly users.'; }],
  ['invented employer in a new role', (c) => { c.work.unshift({ id: 'w99', name: 'Goldman Sachs', position: 'VP', highlights: [] }); }],
  ['changed title and dates', (c) => { c.work[0]!.position = 'Principal Engineer'; c.work[0]!.startDate = '2012-01'; }],
  ['upgraded degree', (c) => { c.education[0]!.studyType = 'PhD'; }],
  ['skill the master never shows', (c) => { c.skills[0]!.keywords.push('Rust'); }],
  ['new employer named in the summary', (c) => { c.basics.summary = `Formerly at McKinsey & Company. ${c.basics.summary}`; }],
];

describe('faithfulness guard', () => {
  it.each(attacks)('%s: reverted to the master and reported', (_name, attack) => {
    const c = structuredClone(master);
    attack(c);
    const r = guard(c);
    expect(r.violations.length).toBeGreaterThan(0);
    const { meta: _m, ...got } = r.tailored.cv;
    const { meta: _n, ...want } = master;
    expect(got).toEqual(want);
  });

  it('lets honest tailoring through: reordered bullets and skills, a summary in the master\'s words', () => {
    const c = structuredClone(master);
    c.work[0]!.highlights.reverse();
    c.skills.reverse();
    c.basics.summary = `${master.basics.summary!.split('. ').slice(1).join('. ')} Experience includes Kubernetes and PostgreSQL.`;
    const r = guard(c);
    expect(r.violations).toEqual([]);
    expect(r.tailored.cv.work[0]!.highlights.map((h) => h.id)).toEqual(master.work[0]!.highlights.map((h) => h.id).reverse());
    expect(r.tailored.cv.basics.summary).toBe(c.basics.summary);
  });

  it('keeps a rewritten bullet whose numbers and words all come from that same bullet', () => {
    const c = structuredClone(master);
    const h = c.work[0]!.highlights[1]!;
    const words = h.text.replace(/\.$/, '').split(' ');
    h.text = `${words.slice(0, Math.max(4, words.length - 3)).join(' ')}.`;
    const r = guard(c);
    expect(r.violations).toEqual([]);
    expect(r.tailored.cv.work[0]!.highlights[1]!.text).toBe(h.text);
  });
});
