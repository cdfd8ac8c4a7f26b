import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { PDFDocument as LibDocument, StandardFonts } from 'pdf-lib';
import PDFKit from 'pdfkit';

/**
 * Test documents made at test time (nothing binary is checked in): CV PDFs in the layouts the importer must read,
 * scans, encrypted and many-page PDFs, and Word documents. Node only: used by tests and the benchmark.
 */

const ROOT = join(import.meta.dirname, '../..');
/** Liberation Sans ships with pdfjs-dist: a TrueType font with ł, ligatures and the rest of Latin Extended. */
export const SANS = join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
export const SANS_BOLD = join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Bold.ttf');

export type Kit = PDFKit.PDFDocument;

export function kitPdf(draw: (doc: Kit) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFKit({ size: 'A4', margin: 50, info: { CreationDate: new Date('2026-01-01T00:00:00Z') }, ...options });
    const chunks: Uint8Array[] = [];
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('end', () => resolve(concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

export function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// CV content and a writer that lays it out the way word processors do

export interface Entry {
  header: string[];
  bullets: string[];
}

export interface Section {
  heading: string;
  entries?: Entry[];
  lines?: string[];
}

export interface CvSpec {
  name: string;
  contact: string[];
  sections: Section[];
}

export const CV: CvSpec = {
  name: 'Alex Müller',
  contact: ['London, United Kingdom', 'alex.mueller@example.com · +44 20 7946 0718', 'github.com/alexmueller-example'],
  sections: [
    { heading: 'Summary', lines: ['Backend engineer with eight years of experience building reliable, well-tested web services for mobility, travel and banking products, who enjoys clear interfaces and thoughtful code review.'] },
    {
      heading: 'Experience',
      entries: [
        {
          header: ['Backend Engineer — Helix Rail Technologies, London | Apr 2021 – Present'],
          bullets: [
            'Build and maintain the journey-planning and ticketing APIs behind a rail booking app with 2.4 million monthly users.',
            'Redesigned the fare-calculation caching layer, reducing p95 latency at peak from 480 ms to 120 ms.',
            'Mentor two junior engineers through weekly pairing sessions.',
          ],
        },
        {
          header: ['Software Engineer — Kranich Mobility GmbH, Berlin | Aug 2018 – Mar 2021'],
          bullets: [
            'Developed features for a car-sharing platform operating 3,000 vehicles across five German cities, working closely with the operations and data teams on pricing.',
            'Cut monthly cloud spend by €11,000 by right-sizing instances and adding autoscaling.',
          ],
        },
      ],
    },
    {
      heading: 'Education',
      entries: [{ header: ['MSc Computer Science — Hanseatic Technical University, Hamburg | 2014 – 2016'], bullets: [] }],
    },
    { heading: 'Skills', lines: ['Go, Python, Java, PostgreSQL, Kafka, Kubernetes, Terraform'] },
  ],
};

export interface WriteOptions {
  x?: number;
  width?: number;
  font?: string;
  bold?: string;
  size?: number;
  headingCase?: 'upper' | 'as-is';
  /** Put the name and contact lines at the top. */
  header?: boolean;
  /** Points between entries. */
  entryGap?: number;
}

/** Writes a CV in one column: bold headings, entry headers, bullets with a hanging indent (as Word does). */
export function writeCv(doc: Kit, cv: CvSpec, o: WriteOptions = {}): void {
  const x = o.x ?? 50;
  const width = o.width ?? 495;
  const font = o.font ?? 'Helvetica';
  const bold = o.bold ?? 'Helvetica-Bold';
  const size = o.size ?? 10;
  if (o.header !== false) {
    doc.font(bold).fontSize(20).text(cv.name, x, doc.y, { width });
    doc.font(font).fontSize(size);
    for (const c of cv.contact) doc.text(c, x, doc.y, { width });
  }
  for (const s of cv.sections) writeSection(doc, s, { ...o, x, width, font, bold, size });
}

export function writeSection(doc: Kit, s: Section, o: WriteOptions = {}): void {
  const x = o.x ?? 50;
  const width = o.width ?? 495;
  const font = o.font ?? 'Helvetica';
  const bold = o.bold ?? 'Helvetica-Bold';
  const size = o.size ?? 10;
  doc.moveDown(0.8);
  doc.font(bold).fontSize(size + 2).text(o.headingCase === 'upper' ? s.heading.toUpperCase() : s.heading, x, doc.y, { width });
  doc.moveDown(0.3);
  doc.font(font).fontSize(size);
  for (const l of s.lines ?? []) doc.text(l, x, doc.y, { width });
  for (const e of s.entries ?? []) {
    for (const h of e.header) doc.font(bold).text(h, x, doc.y, { width });
    doc.font(font);
    for (const b of e.bullets) writeBullet(doc, b, x, width);
    doc.moveDown((o.entryGap ?? 6) / size);
  }
}

export function writeBullet(doc: Kit, text: string, x: number, width: number, glyph = '•'): void {
  const y = doc.y;
  doc.text(glyph, x + 4, y, { lineBreak: false });
  doc.text(text, x + 16, y, { width: width - 16 });
}

/** A footer (or header) drawn on every page, outside the margins. */
export function onEveryPage(doc: Kit, draw: (doc: Kit, page: number, pages: number) => void): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    draw(doc, i + 1, range.count);
    doc.page.margins.bottom = bottom;
  }
}

/** Roles after the first two in `threePageCv`. */
export const THREE_PAGE_EXTRA_ROLES = 15;

/** A realistic CV of three pages, with a running footer and page numbers (for the benchmark and the fuzzer). */
export function threePageCv(compress = true): Promise<Uint8Array> {
  return kitPdf(
    (doc) => {
      writeCv(doc, CV, { headingCase: 'upper' });
      const more: Entry[] = [];
      for (let i = 0; i < THREE_PAGE_EXTRA_ROLES; i++) {
        more.push({
          header: [`Senior Consultant — Example Partners ${i + 1} Ltd, Manchester | Jan ${1990 + i} – Dec ${1990 + i}`],
          bullets: [
            'Led the delivery of a customer-facing reporting platform used by 40 regional teams, coordinating product, design and engineering across three time zones.',
            'Introduced automated testing and continuous deployment, cutting the release cycle from monthly to weekly.',
            'Negotiated supplier contracts worth £2.1m a year and reported monthly to the finance committee.',
            'Coached six analysts, two of whom were promoted to team leads within eighteen months.',
          ],
        });
      }
      writeSection(doc, { heading: 'Employment History', entries: more }, { headingCase: 'upper' });
      onEveryPage(doc, (d, p, n) => {
        d.font('Helvetica').fontSize(8).text('Alex Müller — Curriculum Vitae', 50, 800, { lineBreak: false });
        d.text(`Page ${p} of ${n}`, 480, 800, { lineBreak: false });
      });
    },
    { bufferPages: true, compress },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// scans, encryption, many pages

/** A PNG of noisy grey "text lines" (no text layer), encoded by hand. */
export function makePng(width: number, height: number, seed = 1): Uint8Array {
  const rnd = prng(seed);
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    const inkRow = y % 14 < 8;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = inkRow && rnd() < 0.4 ? 40 : 245;
  }
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return concat([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', new Uint8Array(deflateSync(raw))), chunk('IEND', new Uint8Array(0))]);
}

function crc32(b: Uint8Array): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A "scanned" CV: every page one image, no text at all. */
export async function scannedPdf(pages = 1, seed = 1, size = 300): Promise<Uint8Array> {
  const doc = await LibDocument.create();
  for (let i = 0; i < pages; i++) {
    const png = await doc.embedPng(makePng(size, Math.round(size * 1.41), seed + i));
    const page = doc.addPage([595, 842]);
    page.drawImage(png, { x: 20, y: 20, width: 555, height: 800 });
  }
  return doc.save({ useObjectStreams: false });
}

export async function manyPagesPdf(pages: number, text = true): Promise<Uint8Array> {
  const doc = await LibDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595, 842]);
    if (text) page.drawText(`Page ${i + 1}: Jane Doe, senior engineer, portfolio of projects`, { x: 50, y: 780, size: 11, font });
  }
  return doc.save();
}

/**
 * A PDF with a Standard security handler that needs a user password (the /U entry matches no empty password),
 * written by hand so the test needs no qpdf. Revision 2 (RC4 40-bit) or 3 (RC4 128-bit) or 4 (AES-128).
 */
export function encryptedPdf(revision: 2 | 3 | 4 = 3, seed = 7): Uint8Array {
  const rnd = prng(seed);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 256).toString(16).padStart(2, '0')).join('');
  const encrypt =
    revision === 4
      ? `<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O <${hex(32)}> /U <${hex(32)}> /P -1028 >>`
      : `<< /Filter /Standard /V ${revision === 2 ? 1 : 2} /R ${revision} /Length ${revision === 2 ? 40 : 128} /O <${hex(32)}> /U <${hex(32)}> /P -1028 >>`;
  const content = 'BT /F1 12 Tf 72 720 Td (Secret CV of Jane Doe) Tj ET';
  return buildPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      encrypt,
    ],
    `/Encrypt 6 0 R /ID [<${hex(16)}> <${hex(16)}>]`,
  );
}

/** A classic PDF from object bodies (numbered from 1; object 1 is the catalog), with a correct xref table. */
export function buildPdf(objects: string[], trailerExtra = ''): Uint8Array {
  let body = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(body, (c) => c.charCodeAt(0) & 0xff);
}

/** A one-page PDF whose content stream is given (font /F1 = Helvetica, WinAnsi, with optional /Differences). */
export function rawTextPdf(content: string, differences = ''): Uint8Array {
  const enc = differences ? `/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [${differences}] >>` : '/Encoding /WinAnsiEncoding';
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica ${enc} >>`,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold ${enc} >>`,
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Word

export async function cvDocx(): Promise<Uint8Array> {
  const bullet = (text: string, level = 0) => new Paragraph({ text, bullet: { level } });
  const doc = new Document({
    creator: 'test',
    sections: [
      {
        children: [
          new Paragraph({ text: 'Zofia Łukasiewicz', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'Kraków, Poland · zofia.lukasiewicz@example.com · +48 600 100 200' }),
          new Paragraph({ text: 'Summary', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'Registered nurse with eleven years on surgical and intensive care wards.' }),
          new Paragraph({ text: 'Experience', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun({ text: 'Ward Sister — University Hospital Kraków | Mar 2019 – Present', bold: true })] }),
          bullet('Lead a team of 24 nurses on a 30-bed surgical ward.'),
          bullet('Introduced a falls-prevention bundle that cut inpatient falls by 35% in a year.'),
          bullet('Audit medication rounds weekly', 1),
          new Paragraph({ text: '' }),
          new Paragraph({ children: [new TextRun({ text: 'Staff Nurse — St. Luke’s Hospital, Leeds | Sep 2013 – Feb 2019', bold: true })] }),
          bullet('Cared for up to eight post-operative patients per shift on a 28-bed ward.'),
          new Paragraph({ text: 'Education', heading: HeadingLevel.HEADING_1 }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('BSc Nursing — Jagiellonian University, Kraków')] }),
                  new TableCell({ children: [new Paragraph({ text: '2009 – 2013', alignment: AlignmentType.RIGHT })] }),
                ],
              }),
            ],
          }),
          new Paragraph({ text: 'Skills', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'Wound care, IV therapy, Triage, Patient education' }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

// ---------------------------------------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so every fuzzed input is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
