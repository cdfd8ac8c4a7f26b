import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCvText } from '../../engine/cv-text-parser';
import { renderCvPdf } from './cv-pdf';
import { FONT_FILES, loadFonts } from './fonts';
import { ROOT, runInWebContext } from '../../../test/helpers';

/**
 * The export runs in the extension too: bundle it for the browser (jsPDF's browser build, docx's browser build) and
 * run it in a V8 context with web-platform globals only. The browser build must give the very bytes Node gives.
 */


describe('document export is isomorphic', () => {
  it('renders the CV, the cover letter PDF and DOCX with web globals only, byte-identical to Node', async () => {
    const entry = `
      import { renderCvPdf, loadFonts, buildCoverLetter, renderCoverLetterPdf } from './shared/documents/export';
      import { renderCoverLetterDocx } from './shared/documents/export/cover-letter-docx';
      import { parseCvText } from './shared/engine/cv-text-parser';
      import { jobFromText } from './shared/engine/job-text-parser';
      globalThis.__run = async (files, cvText, jobText) => {
        const fonts = loadFonts((f) => files[f]);
        const cv = parseCvText(cvText).cv;
        const pdf = renderCvPdf(cv, { fonts, format: 'a4', engine: 'v1' });
        const letter = buildCoverLetter({ cv, job: jobFromText(jobText), date: new Date('2026-11-01T00:00:00Z') });
        return { pdf, letterPdf: renderCoverLetterPdf(letter, { fonts, format: 'letter' }), docx: await renderCoverLetterDocx(letter) };
      };`;
    const ctx = await runInWebContext(entry);

    const files: Record<string, Uint8Array> = {};
    for (const f of Object.values(FONT_FILES)) files[f] = new Uint8Array(readFileSync(join(ROOT, 'fonts', f)));
    const cvText = readFileSync(join(ROOT, 'examples/cv.txt'), 'utf8');
    const run = (ctx as unknown as { __run: (f: typeof files, a: string, b: string) => Promise<{ pdf: Uint8Array; letterPdf: Uint8Array; docx: Uint8Array }> }).__run;
    const r = await run(files, cvText, readFileSync(join(ROOT, 'examples/job.txt'), 'utf8'));
    const nodePdf = renderCvPdf(parseCvText(cvText).cv, { fonts: loadFonts((f) => files[f]!), format: 'a4', engine: 'v1' });
    expect(Buffer.from(r.pdf).equals(Buffer.from(nodePdf))).toBe(true);
    expect(Buffer.from(r.letterPdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(r.docx[0]).toBe(0x50);
  });
});
