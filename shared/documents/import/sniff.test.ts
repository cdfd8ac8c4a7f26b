import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cvDocx, makePng } from '../../../test/fuzz/documents';
import { CvPathError } from '../../errors';
import { sniffDocument } from './sniff';
import type { SniffOptions } from './sniff';

const enc = (s: string) => new TextEncoder().encode(s);

function refused(bytes: Uint8Array, opts?: SniffOptions): CvPathError {
  try {
    sniffDocument(bytes, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(CvPathError);
    return e as CvPathError;
  }
  throw new Error('expected a refusal');
}

/** A ZIP with the given (name, content) entries, stored deflated, with a central directory. */
function zip(files: [string, string][]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = new Uint8Array(deflateRawSync(enc(content)));
    const n = enc(name);
    const local = new Uint8Array(30 + n.length);
    const dv = new DataView(local.buffer);
    dv.setUint32(0, 0x04034b50, true);
    dv.setUint16(8, 8, true);
    dv.setUint32(18, data.length, true);
    dv.setUint32(22, content.length, true);
    dv.setUint16(26, n.length, true);
    local.set(n, 30);
    const cd = new Uint8Array(46 + n.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, content.length, true);
    cv.setUint16(28, n.length, true);
    cv.setUint32(42, offset, true);
    cd.set(n, 46);
    parts.push(local, data);
    central.push(cd);
    offset += local.length + data.length;
  }
  const cdSize = central.reduce((a, c) => a + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, files.length, true);
  ev.setUint16(10, files.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, eocd];
  const out = new Uint8Array(all.reduce((a, c) => a + c.length, 0));
  let o = 0;
  for (const c of all) out.set(c, (o += c.length) - c.length);
  return out;
}

describe('sniffDocument', () => {
  it('knows a file by its bytes, never its name', async () => {
    expect(sniffDocument(enc('%PDF-1.7\n...')).kind).toBe('pdf');
    expect(sniffDocument(enc('\n\n  %PDF-1.4 after some junk')).kind).toBe('pdf');
    expect(sniffDocument(await cvDocx()).kind).toBe('docx');
    expect(sniffDocument(enc(' {"basics": {"name": "Jane"}} '))).toMatchObject({ kind: 'json', json: { basics: { name: 'Jane' } } });
    expect(sniffDocument(enc('# Jane Doe\n\n## Experience\n- Nurse'))).toMatchObject({ kind: 'text', text: '# Jane Doe\n\n## Experience\n- Nurse' });
    expect(sniffDocument(enc('[Draft] Jane Doe\nNurse'))).toMatchObject({ kind: 'text' });
    // UTF-8 with a byte-order mark, and UTF-16 (Windows Notepad)
    expect(sniffDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Zoë Ł')]))).toMatchObject({ kind: 'text', text: 'Zoë Ł' });
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Zoë Ł'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(sniffDocument(utf16)).toMatchObject({ kind: 'text', text: 'Zoë Ł' });
  });

  it('refuses other files, saying what they are and what to do', () => {
    const cases: [Uint8Array, RegExp][] = [
      [makePng(8, 8), /PNG image/],
      [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), /JPEG image/],
      [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), /older Word \(\.doc\)/],
      [zip([['xl/workbook.xml', '<x/>']]), /Excel spreadsheet/],
      [zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<x/>']]), /OpenDocument/],
      [zip([['notes.txt', 'hello']]), /ZIP archive/],
      [enc('{\\rtf1\\ansi Jane Doe}'), /Rich Text/],
      [enc('<!DOCTYPE html><html><body>Jane</body></html>'), /web page/],
      [enc('{"basics": {"name": "Jane"'), /not valid JSON/],
      [new Uint8Array([0x00, 0x01, 0x02, 0xfe, 0x80, 0x81]), /binary data/],
      [new Uint8Array(0), /empty/],
    ];
    for (const [bytes, what] of cases) {
      const e = refused(bytes);
      expect(e.code).toBe('UNSUPPORTED_FORMAT');
      expect(e.message).toMatch(what);
      expect(e.hint).toBeTruthy();
    }
    expect(refused(enc('  \n\t ')).code).toBe('CV_EMPTY');
  });

  it('is NOT_A_PDF, naming what was found, when a PDF was asked for', async () => {
    const e = refused(await cvDocx(), { expect: 'pdf' });
    expect(e.code).toBe('NOT_A_PDF');
    expect(e.message).toMatch(/Word document/);
    expect(refused(enc('{"basics":{}}'), { expect: 'pdf' }).message).toMatch(/JSON/);
    expect(refused(makePng(4, 4), { expect: 'pdf' }).message).toMatch(/PNG/);
    expect(refused(new Uint8Array(0), { expect: 'pdf' }).code).toBe('NOT_A_PDF');
  });

  it('refuses more than 10 MB with INPUT_TOO_LARGE before looking further', () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41);
    expect(refused(big).code).toBe('INPUT_TOO_LARGE');
    expect(sniffDocument(new Uint8Array(10 * 1024 * 1024).fill(0x41)).kind).toBe('text');
  });

  it('recognises a Word document whose end was cut off (local headers only)', async () => {
    const docx = await cvDocx();
    expect(sniffDocument(docx.subarray(0, Math.floor(docx.length / 2))).kind).toBe('docx');
  });
});
