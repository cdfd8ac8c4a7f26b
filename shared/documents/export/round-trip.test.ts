import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cv } from '../../schema/cv';
import { CvPathError } from '../../errors';
import { parseCvText } from '../../engine/cv-text-parser';
import { buildCvModel, expectedItems, renderCvPdf } from './cv-pdf';
import { loadFonts, type FontSet } from './fonts';
import { checkExtractedText, checkPdfRoundTrip, exportCvPdf, pdfjsTextExtractor, type PdfJsLike, type TextExtractor } from './round-trip';

// Node-only glue: fonts from fonts/, pdf.js's legacy build.
const ROOT = join(import.meta.dirname, '../../..');
const fonts: FontSet = loadFonts((f) => readFileSync(join(ROOT, 'fonts', f)));
let pdfjs: PdfJsLike;
let extract: TextExtractor;
beforeAll(async () => {
  pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  extract = pdfjsTextExtractor(pdfjs);
});
const exampleCv = () => parseCvText(readFileSync(join(ROOT, 'examples/cv.txt'), 'utf8')).cv;
/** A real extraction, then a change to its text: how a broken PDF would read. */
const tampered = (edit: (page: string) => string): TextExtractor => async (pdf) => (await extract(pdf)).map(edit);

async function rejection(p: Promise<unknown>): Promise<CvPathError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CvPathError);
    return e as CvPathError;
  }
  throw new Error('expected a rejection');
}

describe('checkPdfRoundTrip', () => {
  it('passes the example CV, V1 and V2, A4 and Letter, with an extractor or the pdf.js module itself', async () => {
    const cv = exampleCv();
    for (const engine of ['v1', 'v2'] as const) {
      for (const format of ['a4', 'letter'] as const) {
        const pdf = renderCvPdf(cv, { fonts, format, engine });
        expect(await checkPdfRoundTrip(pdf, cv, { engine, extract })).toEqual({ ok: true, problems: [], pages: 2 });
        expect((await checkPdfRoundTrip(pdf, cv, { engine, extract: pdfjs })).ok).toBe(true);
      }
    }
  });

  it('fails a PDF rendered with a bullet removed, naming the bullet', async () => {
    const cv = exampleCv();
    const broken = structuredClone(cv);
    const [removed] = broken.work[1]!.highlights.splice(2, 1);
    const r = await checkPdfRoundTrip(renderCvPdf(broken, { fonts, format: 'a4', engine: 'v1' }), cv, { engine: 'v1', extract });
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^bullet missing or altered: "Cut monthly cloud spend/);
    expect(removed!.text).toMatch(/^Cut monthly cloud spend/);
  });

  it('fails bullets and roles in the wrong order, and a missing heading, title or employer', async () => {
    const cv = exampleCv();
    const swapped = structuredClone(cv);
    swapped.work[0]!.highlights.reverse();
    const r = await checkPdfRoundTrip(renderCvPdf(swapped, { fonts, format: 'a4', engine: 'v1' }), cv, { engine: 'v1', extract });
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.startsWith('bullet out of order'))).toBe(true);

    const pdf = renderCvPdf(cv, { fonts, format: 'a4', engine: 'v1' });
    const noHeading = await checkPdfRoundTrip(pdf, cv, { engine: 'v1', extract: tampered((p) => p.replace(/^Certifications$/m, '')) });
    expect(noHeading.problems).toEqual(['heading missing or altered: "Certifications" (no "Certifications" in the extracted text)']);
    const noEmployer = await checkPdfRoundTrip(pdf, cv, { engine: 'v1', extract: tampered((p) => p.replace('Kranich Mobility GmbH', 'Kranich GmbH')) });
    expect(noEmployer.problems).toEqual(['employer missing or altered: "Kranich Mobility GmbH" (no "Mobility" in the extracted text)']);
    const noTitle = await checkPdfRoundTrip(pdf, cv, { engine: 'v1', extract: tampered((p) => p.replace('Junior Software Developer', 'Developer')) });
    expect(noTitle.problems[0]).toMatch(/^title missing or altered: "Junior Software Developer"/);
  });

  it('fails words split by a space, ligatures and private-use characters', async () => {
    const cv = exampleCv();
    const pdf = renderCvPdf(cv, { fonts, format: 'a4', engine: 'v1' });
    const split = await checkPdfRoundTrip(pdf, cv, { engine: 'v1', extract: tampered((p) => p.replace('caching layer', 'cach ing layer')) });
    expect(split.ok).toBe(false);
    expect(split.problems).toContain('word split by a space: "cach ing" (should be "caching")');
    const lig = await checkPdfRoundTrip(pdf, cv, { engine: 'v1', extract: tampered((p) => p.replace('the first sketch', 'the \uFB01rst sketch')) });
    expect(lig.problems.some((p) => p.startsWith('page 1: ligature U+FB01'))).toBe(true);
    const pua = await checkPdfRoundTrip(pdf, cv, { engine: 'v1', extract: tampered((p) => p.replace('Summary', '\uF0E0 Summary')) });
    expect(pua.problems.some((p) => p.startsWith('page 1: private-use character U+F0E0'))).toBe(true);
  });

  it('ignores the page numbers it adds, and reports an unreadable file', async () => {
    const cv = exampleCv();
    const items = expectedItems(buildCvModel(cv, 'v1'));
    const text = items.map((i) => i.text).join('\n');
    expect(checkExtractedText([`${text}\nPage 1 of 1`], items).ok).toBe(true);
    const r = await checkPdfRoundTrip(new Uint8Array([1, 2, 3]), cv, { engine: 'v1', extract });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/^the PDF could not be read back/);
  });
});

describe('exportCvPdf', () => {
  it('hands out the rendered PDF when it reads back cleanly', async () => {
    const cv = exampleCv();
    const pdf = await exportCvPdf(cv, { fonts, format: 'letter', engine: 'v2', extract });
    expect(Buffer.from(pdf).equals(Buffer.from(renderCvPdf(cv, { fonts, format: 'letter', engine: 'v2' })))).toBe(true);
  });

  it('throws ROUND_TRIP_FAILED instead of handing out a PDF that does not read back', async () => {
    const cv = exampleCv();
    const e = await rejection(exportCvPdf(cv, { fonts, format: 'a4', engine: 'v1', extract: tampered((p) => p.replace('Redesigned', 'Rede signed')) }));
    expect(e.code).toBe('ROUND_TRIP_FAILED');
    expect(e.message).toContain('bullet missing or altered: "Redesigned the fare-calculation');
    expect(e.message).toContain('word split by a space: "Rede signed"');
    expect(e.hint).toBeTruthy();
  });

  it('throws ROUND_TRIP_FAILED for text the font cannot draw, rather than dropping it silently', async () => {
    const cv = Cv.parse({
      basics: { name: 'Kenji Sato' },
      work: [{ id: 'w1', name: 'Acme KK', position: 'Engineer', startDate: '2020', highlights: [{ id: 'w1h1', text: 'Opened the 東京 office with four engineers.' }] }],
    });
    const e = await rejection(exportCvPdf(cv, { fonts, format: 'a4', engine: 'v1', extract }));
    expect(e.code).toBe('ROUND_TRIP_FAILED');
    expect(e.message).toContain('bullet missing or altered: "Opened the 東京 office');
  });

  it('throws EXPORT_FAILED when the fonts are not TrueType', async () => {
    const notAFont = new TextEncoder().encode('OTTO this is not a TrueType font');
    const e = await rejection(exportCvPdf(exampleCv(), { fonts: { ...fonts, regular: notAFont }, format: 'a4', engine: 'v1', extract }));
    expect(e.code).toBe('EXPORT_FAILED');
    expect(e.message).toContain('TrueType');
  });
});
