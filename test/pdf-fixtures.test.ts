import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeFonts, nodePdfjs } from '../cli/documents';
import { exportCvPdf } from '../shared/documents/export';
import { importCvDocument } from '../shared/documents/import';
import { parseCvText } from '../shared/engine/cv-text-parser';
import { fold } from '../shared/engine/text';
import type { Cv } from '../shared/schema/cv';
import { ROOT } from './helpers';

/**
 * The team's fixture PDFs (six producers, every layout): field accuracy of import, and the export → import
 * round trip. Figures are printed so a run shows where the parser stands, not only whether it passed.
 */
const DIR = join(ROOT, 'shared/__fixtures__/pdf');
interface Expected {
  producer: string;
  layout: string;
  basics: { name: string; email: string; phone: string };
  work: { company: string; position: string; startDate: string | null; endDate: string | null; bullets: string[] }[];
  education: { institution: string; studyType: string; area: string; endDate: string | null }[];
}
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.pdf')).sort().map((f) => ({
  id: f.replace(/\.pdf$/, ''),
  bytes: new Uint8Array(readFileSync(join(DIR, f))),
  expected: JSON.parse(readFileSync(join(DIR, f.replace(/\.pdf$/, '.expected.json')), 'utf8')) as Expected,
}));

const same = (a: string | null | undefined, b: string | null | undefined) => fold(a ?? '') === fold(b ?? '');
/** The fixtures record degrees without the honours mark ("BA" for "BA (Hons)"). */
const sameDegree = (a: string | null | undefined, b: string | null | undefined) => same((a ?? '').replace(/\s*\(hons\.?\)|\s+hons\.?$/i, ''), b);
const squash = (s: string) => fold(s).replace(/\s+/g, ' ');

async function importCv(bytes: Uint8Array): Promise<Cv> {
  const doc = await importCvDocument(bytes);
  return parseCvText(doc.text ?? '').cv;
}

describe('fixture PDFs: field accuracy', () => {
  const tally = { contact: [0, 0], work: [0, 0], education: [0, 0], bullets: [0, 0] } as Record<string, [number, number]>;
  const misses: string[] = [];

  it('has at least 15 fixtures from at least four producers', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    expect(new Set(fixtures.map((f) => f.expected.producer)).size).toBeGreaterThanOrEqual(4);
  });

  it.each(fixtures.map((f) => [f.id, f] as const))('%s', async (_id, f) => {
    const cv = await importCv(f.bytes);
    const e = f.expected;
    for (const [k, got, want] of [['name', cv.basics.name, e.basics.name], ['email', cv.basics.email, e.basics.email], ['phone', cv.basics.phone, e.basics.phone]] as const) {
      tally.contact![1]++;
      if (same(got, want)) tally.contact![0]++;
      else misses.push(`${f.id} ${k}: "${got}" ≠ "${want}"`);
    }
    const allBullets = new Set(cv.work.flatMap((w) => w.highlights.map((h) => squash(h.text))));
    e.work.forEach((w, i) => {
      tally.work![1]++;
      const g = cv.work.find((x) => same(x.name, w.company) && same(x.position, w.position)) ?? cv.work[i];
      const ok = g && same(g.name, w.company) && same(g.position, w.position) && (g.startDate ?? null) === w.startDate && (g.endDate ?? null) === w.endDate;
      if (ok) tally.work![0]++;
      else misses.push(`${f.id} work[${i}]: ${JSON.stringify(g && [g.name, g.position, g.startDate ?? null, g.endDate ?? null])} ≠ ${JSON.stringify([w.company, w.position, w.startDate, w.endDate])}`);
      for (const b of w.bullets) {
        tally.bullets![1]++;
        if (allBullets.has(squash(b))) tally.bullets![0]++;
        else misses.push(`${f.id} bullet: "${b.slice(0, 60)}…"`);
      }
    });
    e.education.forEach((ed, i) => {
      tally.education![1]++;
      const g = cv.education.find((x) => same(x.institution, ed.institution) && sameDegree(x.studyType, ed.studyType)) ?? cv.education[i];
      if (g && same(g.institution, ed.institution) && sameDegree(g.studyType, ed.studyType) && (g.endDate ?? null) === ed.endDate) tally.education![0]++;
      else misses.push(`${f.id} education[${i}]: ${JSON.stringify(g && [g.institution, g.studyType, g.endDate ?? null])} ≠ ${JSON.stringify([ed.institution, ed.studyType, ed.endDate])}`);
    });
    expect(cv.basics.name.length).toBeGreaterThan(0);
  });

  it('meets the accuracy targets: contact ≥ 98%, roles ≥ 90%, education ≥ 90%, bullets recovered whole ≥ 90%', () => {
    const pct = (k: string) => (100 * tally[k]![0]) / tally[k]![1];
    console.info(`PDF import accuracy over ${fixtures.length} fixtures: name/email/phone ${pct('contact').toFixed(1)}% (${tally.contact!.join('/')}), roles ${pct('work').toFixed(1)}% (${tally.work!.join('/')}), education ${pct('education').toFixed(1)}% (${tally.education!.join('/')}), bullets ${pct('bullets').toFixed(1)}% (${tally.bullets!.join('/')})`);
    if (misses.length) console.info(misses.join('\n'));
    expect(pct('contact')).toBeGreaterThanOrEqual(98);
    expect(pct('work')).toBeGreaterThanOrEqual(90);
    expect(pct('education')).toBeGreaterThanOrEqual(90);
    expect(pct('bullets')).toBeGreaterThanOrEqual(90);
  });
});

describe('fixture PDFs: export then import gives the same CV back', () => {
  let pdfjs: Awaited<ReturnType<typeof nodePdfjs>>;
  beforeAll(async () => {
    pdfjs = await nodePdfjs();
  });

  it.each(fixtures.map((f) => [f.id, f] as const))('%s', async (_id, f) => {
    const first = await importCv(f.bytes);
    const pdf = await exportCvPdf(first, { fonts: nodeFonts(), format: 'a4', engine: 'v1', extract: pdfjs });
    const second = await importCv(pdf);
    const facts = (cv: Cv) => ({
      name: cv.basics.name,
      work: cv.work.map((w) => [w.name, w.position, w.startDate ?? null, w.endDate ?? null, w.highlights.map((h) => squash(h.text))]),
      education: cv.education.map((e) => [e.institution, e.studyType ?? null, e.endDate ?? null]),
    });
    expect(facts(second)).toEqual(facts(first));
  });
});
