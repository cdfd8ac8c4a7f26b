import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCvText } from '../shared/engine/cv-text-parser';
import { layoutCvPdf, renderCvPdf } from '../shared/documents/export/cv-pdf';
import { loadFonts } from '../shared/documents/export/fonts';
import { exportCvPdf, pdfjsTextExtractor, type PdfJsLike } from '../shared/documents/export/round-trip';
import { line, median, pct } from './util';

/**
 * CV export on the reference CV (examples/cv.txt, two pages): render alone, and render + round-trip gate (pdf.js
 * reads the file back and every line is checked) — what a user waits for when they click "Download PDF".
 */
export async function benchExport(): Promise<boolean> {
  const root = join(import.meta.dirname, '..');
  const fonts = loadFonts((f) => readFileSync(join(root, 'fonts', f)));
  const { cv } = parseCvText(readFileSync(join(root, 'examples/cv.txt'), 'utf8'));
  const pdfjs: PdfJsLike = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const extract = pdfjsTextExtractor(pdfjs);
  const opts = { fonts, format: 'a4', engine: 'v2', extract } as const;

  for (let i = 0; i < 10; i++) await exportCvPdf(cv, opts); // warm-up: JIT, pdf.js's worker
  const render: number[] = [];
  const exported: number[] = [];
  for (let i = 0; i < 30; i++) {
    let t = performance.now();
    renderCvPdf(cv, opts);
    render.push(performance.now() - t);
    t = performance.now();
    await exportCvPdf(cv, opts);
    exported.push(performance.now() - t);
  }
  const { pdf, pages } = layoutCvPdf(cv, opts);
  const letter = layoutCvPdf(cv, { ...opts, format: 'letter' });

  console.log(`\nCV export (examples/cv.txt, ${pages} pages A4, EB Garamond subset, 30 runs after 10 warm-up)`);
  const m = median(exported);
  const kb = pdf.length / 1024;
  line('export: render + round-trip gate, median', `${m.toFixed(1)} ms`, '≤ 150 ms', m <= 150);
  line('export: render + round-trip gate, p95', `${pct(exported, 95).toFixed(1)} ms`);
  line('render alone, median', `${median(render).toFixed(1)} ms`);
  line(`file size, A4 (${pages} pages)`, `${kb.toFixed(1)} KB`, '≤ 150 KB', kb <= 150);
  line(`file size, US Letter (${letter.pages} pages)`, `${(letter.pdf.length / 1024).toFixed(1)} KB`);
  return m <= 150 && kb <= 150;
}
