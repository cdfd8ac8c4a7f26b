import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cv, type CvInput, type SectionKey } from '../../schema/cv';
import { parseCvText } from '../../engine/cv-text-parser';
import { buildCvModel, expectedItems, layoutCvPdf, renderCvPdf, SECTION_HEADINGS, TYPE, type CvEngine } from './cv-pdf';
import { loadFonts, type FontSet } from './fonts';
import { PAGES } from './layout';
import { checkPdfRoundTrip, pdfjsPages, type ExtractedPage, type PdfJsLike } from './round-trip';
import { cleanText, formatDate, formatDateRange, tokens } from './text';

// Node-only glue: the fonts from fonts/, pdf.js's legacy build, poppler's pdftotext.
const ROOT = join(import.meta.dirname, '../../..');
const fonts: FontSet = loadFonts((f) => readFileSync(join(ROOT, 'fonts', f)));
let pdfjs: PdfJsLike;
beforeAll(async () => {
  pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
});
const TMP = mkdtempSync(join(tmpdir(), 'cvpath-export-'));
let fileNo = 0;
function pdftotext(pdf: Uint8Array): string[] {
  const file = join(TMP, `f${fileNo++}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
}

const PAGE_NO = /^Page \d+ of \d+$/;
/** The words a reader gets, page numbers left out. */
function wordsOf(pages: string[]): string[] {
  return pages.flatMap((p) => p.split('\n').map((l) => l.trim()).filter((l) => l && !PAGE_NO.test(l)).flatMap((l) => tokens(l)));
}
const pdfjsText = async (pdf: Uint8Array) => (await pdfjsPages(pdfjs, pdf)).map((p) => p.lines.map((l) => l.text).join('\n'));

const exampleCv = () => parseCvText(readFileSync(join(ROOT, 'examples/cv.txt'), 'utf8')).cv;

/** A CV in French, Polish, German and Danish names, with ligatures and a private-use icon pasted in. */
const intlCv = (): Cv => Cv.parse({
  basics: {
    name: 'Zoë Łukasiewicz-Søndergaard',
    label: 'Analyste financière',
    email: 'zoe.lukasiewicz@example.com',
    phone: '+48 12 345 67 89',
    location: { city: 'Kraków', countryCode: 'PL' },
    profiles: [{ network: 'LinkedIn', url: 'linkedin.com/in/zoe-example' }],
    summary: 'Fifteen years in \uFB01nance and e\uFB03cient reporting for Société Générale, Müller & Søn and Łódź City Council.',
  },
  work: [
    {
      id: 'w1', position: 'Analyste financière senior', name: 'Société Générale', location: 'Paris', startDate: '2019-03',
      highlights: [
        { id: 'w1h1', text: 'Rebuilt the \uFB01nance team’s o\uFB04ine reconciliation, closing the books 40% faster.' },
        { id: 'w1h2', text: '\uE001 Led the Łódź and Göteborg rollouts with zero defects in Øresund data.' },
      ],
    },
    {
      id: 'w2', position: 'Ingénieur d’études', name: 'Müller & Søn GmbH', location: 'Zürich', startDate: '2015', endDate: 'Summer 2018',
      highlights: [{ id: 'w2h1', text: 'Designed the e\uFB00ective cash-\uFB02ow model used by 12 subsidiaries.' }],
    },
  ],
  education: [{ id: 'e1', institution: 'Uniwersytet Jagielloński', studyType: 'MSc', area: 'Économie', startDate: '2010', endDate: '2015' }],
  skills: [{ id: 's1', name: 'Outils', keywords: ['Excel', 'Power BI', 'SQL'] }],
  languages: [{ id: 'l1', language: 'Polski', fluency: 'native' }, { id: 'l2', language: 'Français', fluency: 'courant' }],
});

/** Every word the CV holds in a field the layout shows (dates as formatted), independent of the model. */
function cvWords(cv: Cv): Set<string> {
  const skip = new Set(['id', 'meta', 'image', 'network', 'username', 'address', 'postalCode', 'startDate', 'endDate', 'date', 'releaseDate', 'level']);
  const out = new Set<string>();
  const walk = (v: unknown, key: string, parent: string) => {
    if (skip.has(key)) return;
    if (key === 'url' && !['basics', 'projects', 'publications', 'profiles'].includes(parent)) return;
    if (typeof v === 'string') tokens(v).forEach((t) => out.add(t));
    else if (Array.isArray(v)) v.forEach((x) => walk(x, '', key || parent));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k, key || parent);
  };
  walk(cv, '', '');
  for (const w of [...cv.work, ...cv.volunteer, ...cv.education]) tokens(formatDateRange(w.startDate, w.endDate)).forEach((t) => out.add(t));
  return out;
}

function headingsOf(pages: ExtractedPage[]): string[] {
  const names = new Set(Object.values(SECTION_HEADINGS));
  return pages.flatMap((p) => p.lines.filter((l) => names.has(l.text) && Math.abs(l.size - TYPE.heading) < 0.01).map((l) => l.text));
}

describe('dates', () => {
  it('formats ISO partial dates and passes anything else through', () => {
    expect(formatDate('2021-03')).toBe('Mar 2021');
    expect(formatDate('2021-03-14')).toBe('Mar 2021');
    expect(formatDate('2019')).toBe('2019');
    expect(formatDate('Summer 2022')).toBe('Summer 2022');
    expect(formatDateRange('2021-03', undefined)).toBe('Mar 2021 – Present');
    expect(formatDateRange('2018-08', '2021-03')).toBe('Aug 2018 – Mar 2021');
    expect(formatDateRange('2015', 'Summer 2018')).toBe('2015 – Summer 2018');
    expect(formatDateRange(undefined, '2016')).toBe('2016');
  });

  it('cleans ligatures, private-use characters and odd spaces', () => {
    expect(cleanText('\uFB01nance  e\uFB03cient\u00A0o\uFB04ine \uE001x\u200B')).toBe('finance efficient offline x');
  });
});

describe('renderCvPdf', () => {
  it('V1 is byte-identical for the same input, whatever meta.sectionOrder says', () => {
    const cv = exampleCv();
    const a = renderCvPdf(cv, { fonts, format: 'a4', engine: 'v1' });
    const b = renderCvPdf(structuredClone(cv), { fonts, format: 'a4', engine: 'v1' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const reordered = Cv.parse({ ...cv, meta: { sectionOrder: ['skills', 'education', 'work'] } });
    expect(Buffer.from(renderCvPdf(reordered, { fonts, format: 'a4', engine: 'v1' })).equals(Buffer.from(a))).toBe(true);
    const raw = Buffer.from(a).toString('latin1');
    expect(raw).toContain("/CreationDate (D:20000101000000+00'00')");
    expect(raw).toMatch(/\/ID \[ <([0-9A-F]{32})> <\1> \]/);
    expect(raw).toContain('/FlateDecode');
  });

  it('V2 follows meta.sectionOrder, then the standard order; V1 always uses the standard order', async () => {
    const cv = exampleCv();
    expect(cv.meta.sectionOrder).toEqual(['summary', 'work', 'projects', 'volunteer', 'education', 'certificates', 'skills', 'interests', 'languages']);
    const v1 = headingsOf(await pdfjsPages(pdfjs, renderCvPdf(cv, { fonts, format: 'a4', engine: 'v1' })));
    expect(v1).toEqual(['Summary', 'Experience', 'Projects', 'Education', 'Skills', 'Certifications', 'Volunteering', 'Languages', 'Interests']);
    const v2 = headingsOf(await pdfjsPages(pdfjs, renderCvPdf(cv, { fonts, format: 'a4', engine: 'v2' })));
    expect(v2).toEqual(['Summary', 'Experience', 'Projects', 'Volunteering', 'Education', 'Certifications', 'Skills', 'Interests', 'Languages']);
    const partial = Cv.parse({ ...cv, meta: { sectionOrder: ['skills', 'education'] } });
    const v2b = headingsOf(await pdfjsPages(pdfjs, renderCvPdf(partial, { fonts, format: 'a4', engine: 'v2' })));
    expect(v2b).toEqual(['Skills', 'Education', 'Summary', 'Experience', 'Projects', 'Certifications', 'Volunteering', 'Languages', 'Interests']);
  });

  it('sets A4 and US Letter page sizes', async () => {
    const cv = exampleCv();
    for (const format of ['a4', 'letter'] as const) {
      const pages = await pdfjsPages(pdfjs, renderCvPdf(cv, { fonts, format, engine: 'v1' }));
      for (const p of pages) {
        expect(p.width).toBeCloseTo(PAGES[format].width, 0);
        expect(p.height).toBeCloseTo(PAGES[format].height, 0);
      }
    }
    expect(PAGES.a4.width).toBeCloseTo(595.28, 1);
    expect(PAGES.letter.height).toBe(792);
  });

  it('keeps a two-page CV under 150 KB', () => {
    for (const format of ['a4', 'letter'] as const) {
      const { pdf, pages } = layoutCvPdf(exampleCv(), { fonts, format, engine: 'v2' });
      expect(pages).toBe(2);
      expect(pdf.length).toBeLessThanOrEqual(150 * 1024);
    }
  });

  const cases: [string, () => Cv][] = [['the bundled example CV', exampleCv], ['a CV with non-ASCII names and ligatures', intlCv]];
  describe.each(cases)('%s: every word comes back, in order', (_name, make) => {
    const check = (pages: string[], cv: Cv, engine: CvEngine) => {
      const got = wordsOf(pages);
      const want = expectedItems(buildCvModel(cv, engine)).flatMap((i) => tokens(i.text));
      expect(got).toEqual(want);
      const all = new Set(got);
      const lost = [...cvWords(cv)].filter((w) => !all.has(w));
      expect(lost).toEqual([]);
      const text = pages.join('\n');
      expect(text).not.toMatch(/[\uFB00-\uFB06]/);
      expect(text).not.toMatch(/[\uE000-\uF8FF]/);
    };

    for (const engine of ['v1', 'v2'] as const) {
      it(`pdftotext -layout (${engine}, A4 and Letter)`, () => {
        const cv = make();
        for (const format of ['a4', 'letter'] as const) check(pdftotext(renderCvPdf(cv, { fonts, format, engine })), cv, engine);
      });
      it(`pdf.js (${engine}, A4 and Letter)`, async () => {
        const cv = make();
        for (const format of ['a4', 'letter'] as const) check(await pdfjsText(renderCvPdf(cv, { fonts, format, engine })), cv, engine);
      });
    }
  });

  it('spells ligatures out and keeps accented names and bold titles whole', async () => {
    const cv = intlCv();
    const text = (await pdfjsText(renderCvPdf(cv, { fonts, format: 'a4', engine: 'v1' }))).join('\n');
    const layout = pdftotext(renderCvPdf(cv, { fonts, format: 'a4', engine: 'v1' })).join('\n');
    for (const t of [text, layout]) {
      expect(t).toContain('Zoë Łukasiewicz-Søndergaard');
      expect(t).toContain('Fifteen years in finance and efficient reporting');
      expect(t).toContain('offline reconciliation');
      expect(t).toContain('effective cash-flow');
      // The bold face has no "é" or "’": the title is drawn in the regular face, stroked, and stays one run.
      expect(t).toMatch(/Analyste financière senior — Société Générale, Paris\s+Mar 2019 – Present/);
      expect(t).toMatch(/Ingénieur d’études — Müller & Søn GmbH, Zürich\s+2015 – Summer 2018/);
      expect(t).toContain('Led the Łódź and Göteborg rollouts');
    }
  });

  it('puts each role on one line with its dates flush right on the same line', async () => {
    const [page] = await pdfjsPages(pdfjs, renderCvPdf(exampleCv(), { fonts, format: 'a4', engine: 'v1' }));
    const role = page!.lines.find((l) => l.text.startsWith('Backend Engineer'))!;
    expect(role.text).toBe('Backend Engineer — Helix Rail Technologies, London Apr 2021 – Present');
    const bullets = page!.lines.filter((l) => l.text.startsWith('• '));
    expect(bullets.length).toBeGreaterThan(10);
    // Hanging indent: a bullet's continuation lines start where its text starts, right of the bullet.
    const cont = page!.lines.find((l) => l.text === 'monthly users.')!;
    expect(cont.x).toBeGreaterThan(bullets[0]!.x + 5);
  });

  it('never leaves a heading (or a role line) last on a page', async () => {
    const headingNames = new Set(Object.values(SECTION_HEADINGS));
    let pushed = 0;
    for (let k = 0; k < 26; k++) {
      const cv = longCv(k);
      const pages = await pdfjsPages(pdfjs, renderCvPdf(cv, { fonts, format: k % 2 ? 'letter' : 'a4', engine: 'v1' }));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      const roleLines = new Set(cv.work.map((w) => `${w.position}, ${w.name}`));
      pages.forEach((p, i) => {
        const lines = p.lines.filter((l) => !PAGE_NO.test(l.text));
        const last = lines[lines.length - 1]!;
        expect(headingNames.has(last.text) && Math.abs(last.size - TYPE.heading) < 0.01, `variant ${k}, page ${i + 1} ends with heading "${last.text}"`).toBe(false);
        expect([...roleLines].some((r) => last.text.startsWith(r)), `variant ${k}, page ${i + 1} ends with a role line`).toBe(false);
        if (i > 0 && headingNames.has(lines[0]!.text)) pushed++;
      });
    }
    // The sweep really did bring headings to the foot of a page (and they moved over).
    expect(pushed).toBeGreaterThan(0);
  });

  it('wraps a URL longer than a line instead of running off the page', async () => {
    const url = `https://example.com/${'very-long-path-segment/'.repeat(8)}end`;
    const cv = Cv.parse({ basics: { name: 'Sam Lee' }, projects: [{ id: 'p1', name: 'Thing', url, highlights: [{ id: 'p1h1', text: 'Did a thing.' }] }] });
    const [page] = await pdfjsPages(pdfjs, renderCvPdf(cv, { fonts, format: 'a4', engine: 'v1' }));
    const joined = page!.lines.map((l) => l.text).join('');
    expect(joined).toContain(url);
    expect(page!.lines.filter((l) => /segment/.test(l.text)).length, page!.lines.map((l) => l.text).join('\n')).toBeGreaterThan(1);
    expect(page!.lines.every((l) => l.x >= PAGES.a4.left - 0.5)).toBe(true);
    // The gate glues a word broken at a line's end back together: this CV still exports.
    expect(await checkPdfRoundTrip(renderCvPdf(cv, { fonts, format: 'a4', engine: 'v1' }), cv, { engine: 'v1', extract: pdfjs })).toMatchObject({ ok: true });
  });
});

describe('long paragraphs', () => {
  it('break across pages (two lines at least on each side) and still pass the gate', async () => {
    const sentence = 'Led a regional programme that joined planning, delivery and operations under one accountable team.';
    for (const n of [60, 110, 200]) {
      const cv = Cv.parse({ basics: { name: 'Jordan Example', summary: Array.from({ length: n }, (_, i) => `${i + 1}. ${sentence}`).join(' ') }, skills: [{ id: 's1', name: 'Tools', keywords: ['Excel'] }] });
      const pdf = renderCvPdf(cv, { fonts, format: 'a4', engine: 'v1' });
      const pages = await pdfjsPages(pdfjs, pdf);
      expect(pages.length).toBeGreaterThan(1);
      for (const p of pages) {
        const body = p.lines.filter((l) => !PAGE_NO.test(l.text));
        // nothing drawn below the bottom margin or above the top one
        expect(Math.min(...body.map((l) => l.y))).toBeGreaterThanOrEqual(PAGES.a4.bottom - 4);
        expect(Math.max(...body.map((l) => l.y))).toBeLessThanOrEqual(PAGES.a4.height - PAGES.a4.top);
        expect(body.filter((l) => l.size === TYPE.body).length === 0 || body.filter((l) => l.size === TYPE.body).length >= 2).toBe(true);
      }
      expect(await checkPdfRoundTrip(pdf, cv, { engine: 'v1', extract: pdfjs })).toMatchObject({ ok: true, problems: [] });
    }
  });
});

/** A CV that runs to three or four pages; `k` lengthens the summary a line at a time, moving every heading down. */
function longCv(k: number): Cv {
  const sentence = 'Delivered measurable improvements across planning, delivery and operations for regional teams.';
  const work = Array.from({ length: 7 }, (_, i) => ({
    id: `w${i + 1}`, position: `Operations Manager ${i + 1}`, name: `Company Number ${i + 1} Ltd`, location: 'Leeds', startDate: `${2020 - i * 2}-01`, endDate: `${2021 - i * 2}-12`,
    highlights: Array.from({ length: 3 + (i % 3) }, (_, j) => ({ id: `w${i + 1}h${j + 1}`, text: `${j % 2 ? 'Ran' : 'Built'} programme ${j + 1} for unit ${i + 1}: ${sentence.repeat(1 + ((i + j) % 2))}` })),
  }));
  const input: CvInput = {
    basics: { name: 'Jordan Example', email: 'jordan@example.com', summary: Array.from({ length: 1 + k }, () => sentence).join(' ') },
    work,
    projects: [{ id: 'p1', name: 'Warehouse move', highlights: [{ id: 'p1h1', text: sentence }] }],
    education: [{ id: 'e1', institution: 'University of Leeds', studyType: 'BSc', area: 'Management', startDate: '2008', endDate: '2011' }],
    skills: [{ id: 's1', name: 'Tools', keywords: ['Excel', 'SAP', 'Power BI'] }],
    certificates: [{ id: 'c1', name: 'PRINCE2 Practitioner', date: '2016' }],
    languages: [{ id: 'l1', language: 'English', fluency: 'native' }],
    meta: { sectionOrder: ['summary', 'work', 'projects', 'education', 'skills'] satisfies SectionKey[] },
  };
  return Cv.parse(input);
}

describe('a grade is labelled as the CV would', () => {
  it('a grade point average is a GPA, anything else a grade', () => {
    const cv = (score: string) => Cv.parse({ basics: { name: 'Ana Nowak' }, education: [{ id: 'e1', institution: 'University of Leeds', studyType: 'BSc', area: 'Management', score }], meta: {} });
    const label = (score: string) => buildCvModel(cv(score), 'v2').sections.find((s) => s.key === 'education')!.entries[0]!.lines.map((l) => `${l.label}: ${l.text}`);
    expect(label('3.84')).toEqual(['GPA: 3.84']);
    expect(label('3.92 / 4.0')).toEqual(['GPA: 3.92 / 4.0']);
    expect(label('First Class Honours')).toEqual(['Grade: First Class Honours']);
    expect(label('85%')).toEqual(['Grade: 85%']);
  });
});
