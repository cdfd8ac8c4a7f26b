import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { SANS, SANS_BOLD, kitPdf } from '../../../test/fuzz/documents';
import { loadPairs } from '../../../test/helpers';
import { parseCvText } from '../../engine/cv-text-parser';
import { headingSection } from '../../engine/lexicon';
import type { Cv } from '../../schema/cv';
import { importDocx } from './docx';
import { importPdf } from './pdf';

/**
 * Every fixture CV, typeset as a word processor would (bold headings, bullets with a hanging indent, wrapped lines,
 * page breaks), imported from PDF: the parser must read the same CV from the PDF as from the text it was made from.
 */

function typeset(cvText: string): Promise<Uint8Array> {
  return kitPdf((d) => {
    cvText.split('\n').forEach((raw, i) => {
      const l = raw.replace(/^#{1,6}\s*/, '').replace(/\*\*/g, '');
      if (!l.trim()) {
        d.moveDown(0.6);
      } else if (i === 0) {
        d.font(SANS_BOLD).fontSize(18).text(l, 50, d.y);
      } else if (headingSection(l)) {
        d.moveDown(0.3);
        d.font(SANS_BOLD).fontSize(12).text(l, 50, d.y);
      } else {
        const bullet = /^\s*[•*-]\s+(.*)$/.exec(l);
        d.font(SANS).fontSize(10);
        if (bullet) {
          const y = d.y;
          d.text('•', 54, y, { lineBreak: false });
          d.text(bullet[1]!, 66, y, { width: 479 });
        } else d.text(l, 50, d.y, { width: 495 });
      }
    });
  });
}

/** The same CV as a Word document: Heading 1 headings, real list bullets, one paragraph per line. */
async function wordDocument(cvText: string): Promise<Uint8Array> {
  const children = cvText.split('\n').map((raw, i) => {
    const l = raw.replace(/^#{1,6}\s*/, '').replace(/\*\*/g, '');
    const bullet = /^\s*[•*-]\s+(.*)$/.exec(l);
    if (bullet) return new Paragraph({ text: bullet[1]!, bullet: { level: 0 } });
    if (i > 0 && headingSection(l)) return new Paragraph({ text: l, heading: HeadingLevel.HEADING_1 });
    return new Paragraph({ text: l });
  });
  return new Uint8Array(await Packer.toArrayBuffer(new Document({ sections: [{ children }] })));
}

function summary(cv: Cv): string {
  return JSON.stringify({
    name: cv.basics.name,
    email: cv.basics.email,
    phone: cv.basics.phone,
    work: cv.work.map((w) => [w.name, w.position, w.startDate, w.endDate, w.highlights.map((h) => h.text)]),
    education: cv.education.map((e) => [e.institution, e.studyType, e.area, e.endDate]),
    skills: cv.skills.map((s) => s.name),
  });
}

describe('PDF import of the fixture CVs', () => {
  it('reads the same CV from the PDF as from the text, for every fixture', async () => {
    const pairs = loadPairs();
    const misses: string[] = [];
    for (const p of pairs) {
      const { text, pages } = await importPdf(await typeset(p.cvText));
      expect(pages).toBeGreaterThanOrEqual(1);
      const want = summary(parseCvText(p.cvText).cv);
      const got = summary(parseCvText(text).cv);
      if (got !== want) misses.push(`${p.name}\n  text: ${want}\n  pdf:  ${got}`);
    }
    console.info(`PDF import fidelity: ${pairs.length - misses.length}/${pairs.length} fixture CVs read identically from PDF and text`);
    if (misses.length) console.info(misses.join('\n'));
    expect(misses.length).toBeLessThanOrEqual(Math.floor(pairs.length * 0.1));
  });

  it('reads the same CV from a Word document as from the text, for every fixture', async () => {
    const pairs = loadPairs();
    const misses: string[] = [];
    for (const p of pairs) {
      const { text } = await importDocx(await wordDocument(p.cvText));
      const want = summary(parseCvText(p.cvText).cv);
      const got = summary(parseCvText(text).cv);
      if (got !== want) misses.push(`${p.name}\n  text: ${want}\n  docx: ${got}`);
    }
    console.info(`Word import fidelity: ${pairs.length - misses.length}/${pairs.length} fixture CVs read identically from .docx and text`);
    if (misses.length) console.info(misses.join('\n'));
    expect(misses.length).toBeLessThanOrEqual(Math.floor(pairs.length * 0.1));
  });
});
