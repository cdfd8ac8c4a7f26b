import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPdf } from '../shared/documents/import/pdf';
import { threePageCv } from '../test/fuzz/documents';
import { line, median, pct } from './util';

/** PDF import: a realistic three-page CV (made with pdfkit at start), pdf.js text + layout, after warm-up. */
export async function benchImport(): Promise<boolean> {
  const pdf = await threePageCv();
  let pages = 0;
  for (let i = 0; i < 8; i++) pages = (await importPdf(pdf)).pages;
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await importPdf(pdf);
    times.push(performance.now() - t);
  }
  const m = median(times);
  console.log(`\nPDF import (${pages}-page CV, ${(pdf.length / 1024).toFixed(0)} KB, 30 runs after 8 warm-up)`);
  line('PDF import, median', `${m.toFixed(1)} ms`, '≤ 300 ms', m <= 300);
  line('PDF import, p95', `${pct(times, 95).toFixed(1)} ms`);

  // the same figure on a real three-page CV typeset by LaTeX (embedded Type 1 fonts, ligature glyphs, footers)
  const real = new Uint8Array(readFileSync(join(import.meta.dirname, '../shared/__fixtures__/pdf/latex-nurse-three-page.pdf')));
  for (let i = 0; i < 5; i++) await importPdf(real);
  const realTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await importPdf(real);
    realTimes.push(performance.now() - t);
  }
  const rm = median(realTimes);
  line(`PDF import, LaTeX fixture (3 pages, ${(real.length / 1024).toFixed(0)} KB), median`, `${rm.toFixed(1)} ms`, '≤ 300 ms', rm <= 300);
  return m <= 300 && rm <= 300;
}
