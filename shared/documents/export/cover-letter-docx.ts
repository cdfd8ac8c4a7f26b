import { AlignmentType, BorderStyle, Document, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import type { CoverLetter } from './cover-letter';
import { BULLET, TYPE } from './cv-pdf';
import { PAGES, type PaperFormat } from './layout';

/*
 * The DOCX rendering lives apart from the letter and its PDF so that a bundle which only needs the PDF (the extension)
 * does not carry the docx library.
 */

const TWIPS = 20; // per point

/** The same letter as a Word document (EB Garamond where installed, Garamond otherwise). */
export async function renderCoverLetterDocx(letter: CoverLetter, opts: { format?: PaperFormat } = {}): Promise<Uint8Array> {
  const page = PAGES[opts.format ?? 'a4'];
  const font = 'EB Garamond';
  const half = (pt: number) => Math.round(pt * 2);
  const p = (text: string, o: { bold?: boolean; spaceBefore?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number } = {}) =>
    new Paragraph({
      alignment: o.align,
      spacing: { before: Math.round((o.spaceBefore ?? 0) * TWIPS), after: 0 },
      children: [new TextRun({ text, bold: o.bold, size: o.size ? half(o.size) : undefined })],
    });
  const children: Paragraph[] = [
    p(letter.sender.name, { align: AlignmentType.CENTER, size: TYPE.name }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C', space: 9 } },
      children: [new TextRun({ text: letter.sender.contact.join(' · '), size: half(TYPE.contact), color: '262626' })],
    }),
    p(letter.date, { align: AlignmentType.RIGHT, spaceBefore: 22 }),
    ...letter.recipient.map((r, i) => p(r, { spaceBefore: i === 0 ? 4 : 0 })),
    p(letter.subject, { bold: true, spaceBefore: 20 }),
    p(letter.salutation, { spaceBefore: 14 }),
    ...letter.body.map((b, i) =>
      b.kind === 'bullet'
        ? new Paragraph({ numbering: { reference: 'evidence', level: 0 }, spacing: { before: 4 * TWIPS }, children: [new TextRun(b.text)] })
        : p(b.text, { spaceBefore: i === 0 ? 10 : 9 }),
    ),
    p(letter.closing, { spaceBefore: 14 }),
    p(letter.signature, { spaceBefore: 22 }),
  ];
  const doc = new Document({
    creator: 'CVPath',
    title: letter.subject,
    description: `Cover letter from ${letter.sender.name}`,
    styles: { default: { document: { run: { font, size: half(TYPE.body + 0.5) } } } },
    numbering: {
      config: [{
        reference: 'evidence',
        levels: [{ level: 0, format: LevelFormat.BULLET, text: BULLET, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: TYPE.bulletIndent * TWIPS, hanging: (TYPE.bulletIndent - TYPE.markerIndent) * TWIPS } } } }],
      }],
    },
    sections: [{
      properties: {
        page: {
          size: { width: Math.round(page.width * TWIPS), height: Math.round(page.height * TWIPS) },
          margin: { top: Math.round(page.top * TWIPS), right: Math.round(page.right * TWIPS), bottom: Math.round(page.bottom * TWIPS), left: Math.round(page.left * TWIPS) },
        },
      },
      children,
    }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
