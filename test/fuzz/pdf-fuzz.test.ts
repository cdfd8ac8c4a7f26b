import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importCvDocument, importDocx, importPdf } from '../../shared/documents/import';
import { normalizeText } from '../../shared/engine/text';
import { CvPathError } from '../../shared/errors';
import type { ErrorCode } from '../../shared/errors';
import {
  CV, buildPdf, concat, cvDocx, encryptedPdf, kitPdf, makePng, manyPagesPdf, prng, rawTextPdf, scannedPdf, threePageCv, writeCv, writeSection,
} from './documents';

/**
 * Malformed and hostile inputs, generated deterministically (seeded) at test time: every one must end within the
 * time limit with a CvPathError carrying a document error code, or (when pdf.js still reads a mutated file) with text
 * that was really in it: every letter and digit out must be in what pdf.js (or mammoth) reads from those bytes.
 * Never a crash, a hang, or an invented CV.
 */

const DOCUMENT_CODES = new Set<ErrorCode>([
  'NOT_A_PDF', 'UNSUPPORTED_FORMAT', 'PDF_NO_TEXT', 'PDF_ENCRYPTED', 'PDF_CORRUPT', 'PDF_TRUNCATED', 'PDF_TOO_MANY_PAGES',
  'DOCX_CORRUPT', 'PARSE_TIMEOUT', 'INPUT_TOO_LARGE', 'CV_EMPTY',
]);
const LIMIT_MS = 5000;
/** Timers can fire a little late while pdf.js holds the thread. */
const SLACK_MS = 750;

type Via = 'document' | 'pdf' | 'docx';
interface Case {
  name: string;
  bytes: Uint8Array;
  via?: Via;
  /** What it must come to, when that is known in advance. */
  expect?: ErrorCode | 'OK' | (ErrorCode | 'OK')[];
  /** A shorter time limit than the default 5 s. */
  timeoutMs?: number;
}

const tally = new Map<string, number>();
let total = 0;
let slowest = { name: '', ms: 0 };
const enc = (s: string) => new TextEncoder().encode(s);
const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

function letters(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of normalizeText(s).replace(/[^\p{L}\p{N}]/gu, '')) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

function within(out: string, source: string): string | undefined {
  const have = letters(source);
  for (const [c, n] of letters(out)) if (n > (have.get(c) ?? 0)) return `"${c}" ×${n} (source has ${have.get(c) ?? 0})`;
  return undefined;
}

/** What pdf.js itself reads from the bytes: the only text an import may return. */
async function pdfjsText(bytes: Uint8Array): Promise<string> {
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  try {
    const doc = await task.promise;
    const parts: string[] = [];
    for (let i = 1; i <= Math.min(doc.numPages, 10); i++) {
      try {
        const tc = await (await doc.getPage(i)).getTextContent();
        for (const it of tc.items) if ('str' in it) parts.push(it.str);
      } catch {
        /* an unreadable page adds nothing */
      }
    }
    return parts.join(' ');
  } finally {
    await task.destroy().catch(() => {});
  }
}

async function docxSource(bytes: Uint8Array): Promise<string> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return value.replace(/<a [^>]*href="([^"]*)"[^>]*>/g, ' $1 ').replace(/<[^>]+>/g, ' ').replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));
}

async function run(c: Case): Promise<void> {
  const t = performance.now();
  let outcome: string;
  let text: string | undefined;
  let kind: string | undefined;
  const guard = new Promise<'HANG'>((resolve) => setTimeout(() => resolve('HANG'), LIMIT_MS + 5000).unref());
  try {
    const work =
      c.via === 'pdf'
        ? importPdf(c.bytes, { timeoutMs: c.timeoutMs }).then((r) => ({ kind: 'pdf', text: r.text }))
        : c.via === 'docx'
          ? importDocx(c.bytes, { timeoutMs: c.timeoutMs }).then((r) => ({ kind: 'docx', text: r.text }))
          : importCvDocument(c.bytes, { timeoutMs: c.timeoutMs });
    const r = await Promise.race([work, guard]);
    if (r === 'HANG') outcome = 'HANG';
    else {
      outcome = 'OK';
      text = r.text;
      kind = r.kind;
    }
  } catch (e) {
    if (!(e instanceof CvPathError)) throw new Error(`${c.name}: crashed with ${String(e)}`);
    outcome = e.code;
    expect(DOCUMENT_CODES.has(e.code), `${c.name}: code ${e.code}`).toBe(true);
    expect(e.message.length, `${c.name}: message`).toBeGreaterThan(10);
  }
  const ms = performance.now() - t;
  if (ms > slowest.ms) slowest = { name: c.name, ms };
  tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
  total++;
  if (process.env.FUZZ_VERBOSE) console.log(`${c.name.padEnd(50)} ${outcome.padEnd(20)} ${ms.toFixed(0).padStart(5)} ms ${text ? JSON.stringify(text.slice(0, 50)) : ''}`);
  expect(outcome, `${c.name}: hung`).not.toBe('HANG');
  expect(ms, `${c.name}: took ${ms.toFixed(0)} ms`).toBeLessThan((c.timeoutMs ?? LIMIT_MS) + SLACK_MS);
  if (c.expect) expect([c.expect].flat(), `${c.name}: got ${outcome}`).toContain(outcome);
  if (outcome === 'OK' && text !== undefined) {
    const source = kind === 'pdf' ? await pdfjsText(c.bytes) : kind === 'docx' ? await docxSource(c.bytes) : latin1(c.bytes) + new TextDecoder().decode(c.bytes);
    const extra = within(text, source);
    expect(extra, `${c.name}: text not in the source: ${extra}`).toBeUndefined();
  }
}

// ---------------------------------------------------------------------------------------------------------------

const rnd = prng(20260101);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T,>(xs: T[]): T => xs[int(xs.length)]!;
const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));

const KEYWORDS = ['obj', 'endobj', 'stream', 'endstream', 'xref', 'trailer', 'startxref', '/Length', '/Root', '/Kids', '/Count', '/Pages', '/Contents', '/Font', '/Filter', 'BT', 'ET', 'Tj', 'TJ', '/Type'];

function mutate(base: Uint8Array): { bytes: Uint8Array; how: string } {
  const b = base.slice();
  const at = int(b.length);
  switch (int(7)) {
    case 0: {
      const n = 1 + int(8);
      for (let i = 0; i < n; i++) {
        const j = int(b.length);
        b[j] = (b[j] ?? 0) ^ (1 << int(8));
      }
      return { bytes: b, how: `flip${n}` };
    }
    case 1: {
      const n = 1 + int(64);
      b.set(randomBytes(Math.min(n, b.length - at)), at);
      return { bytes: b, how: `overwrite${n}@${at}` };
    }
    case 2: {
      const n = 1 + int(512);
      return { bytes: concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + n))]), how: `delete${n}@${at}` };
    }
    case 3: {
      const n = 1 + int(512);
      return { bytes: concat([b.subarray(0, at), b.subarray(at, at + n), b.subarray(at)]), how: `dup${n}@${at}` };
    }
    case 4: {
      const n = 1 + int(256);
      return { bytes: concat([b.subarray(0, at), randomBytes(n), b.subarray(at)]), how: `insert${n}@${at}` };
    }
    case 5: {
      // damage a keyword the parser relies on
      const text = latin1(b);
      const k = pick(KEYWORDS);
      const hits: number[] = [];
      for (let i = text.indexOf(k); i >= 0 && hits.length < 200; i = text.indexOf(k, i + 1)) hits.push(i);
      if (!hits.length) return { bytes: b, how: 'noop' };
      const i = pick(hits);
      const repl = enc(pick([...KEYWORDS, 'xx', '', '99999999', '-1', '(', '<<', '>>', '[']));
      return { bytes: concat([b.subarray(0, i), repl, b.subarray(i + k.length)]), how: `kw:${k}@${i}` };
    }
    default: {
      // numbers: offsets, lengths, object numbers
      const text = latin1(b);
      const nums = [...text.slice(0, 200_000).matchAll(/\d{2,10}/g)].map((m) => m.index);
      if (!nums.length) return { bytes: b, how: 'noop' };
      const i = pick(nums);
      const repl = enc(pick(['0', '1', '99999999999', '-5', '2147483648', String(int(100000))]));
      return { bytes: concat([b.subarray(0, i), repl, b.subarray(i + (/^\d+/.exec(text.slice(i))?.[0].length ?? 0))]), how: `num@${i}` };
    }
  }
}

function structural(): Case[] {
  const page = (extra = '', contents = '4 0 R') => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${contents} /Resources << /Font << /F1 5 0 R >> >> ${extra} >>`;
  const font = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  const stream = (s: string, dict = '') => `<< /Length ${s.length} ${dict} >>\nstream\n${s}\nendstream`;
  const text = 'BT /F1 12 Tf 72 720 Td (Jane Doe, registered nurse, jane@example.com) Tj ET';
  const cat = '<< /Type /Catalog /Pages 2 0 R >>';
  const cases: [string, string[], ErrorCode | 'OK' | ErrorCode[] | undefined][] = [
    ['kids-cycle', [cat, '<< /Type /Pages /Kids [2 0 R] /Count 1 >>', page(), stream(text), font], undefined],
    ['count-huge', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>', page(), stream(text), font], undefined],
    ['kids-missing', [cat, '<< /Type /Pages /Kids [9 0 R 10 0 R] /Count 2 >>', page(), stream(text), font], undefined],
    ['no-contents', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page('', 'null'), stream(text), font], 'PDF_NO_TEXT'],
    ['contents-self', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page('', '3 0 R'), stream(text), font], undefined],
    ['deep-arrays', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(), stream(`${'['.repeat(20000)}${']'.repeat(20000)} ${text}`), font], undefined],
    ['deep-dicts', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(`/X ${'<< /A '.repeat(3000)}1${' >>'.repeat(3000)}`), stream(text), font], undefined],
    ['length-huge', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(), `<< /Length 999999999 >>\nstream\n${text}\nendstream`, font], undefined],
    ['flate-garbage', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(), stream('x\u009c\u00ff\u00fe garbage not zlib', '/Filter /FlateDecode'), font], undefined],
    ['nonsense-ops', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(), stream(Array.from({ length: 5000 }, (_, i) => `${i} ${i} q Q cm Tz Td BT ET Tj`).join('\n')), font], undefined],
    ['zero-scale-text', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(), stream('BT /F1 0 Tf 0 Tz 72 720 Td (Invisible zero-size text here) Tj ET'), font], undefined],
    ['huge-coordinates', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(), stream('BT /F1 12 Tf 99999999999 -99999999999 Td (Far away text on the page) Tj ET 1 0 0 1 0 0 cm BT /F1 12 Tf 72 720 Td (Jane Doe nurse) Tj ET'), font], undefined],
    ['root-missing', ['<< /Type /Catalog >>', '<< /Type /Pages /Kids [] /Count 0 >>'], undefined],
    ['pages-empty', [cat, '<< /Type /Pages /Kids [] /Count 0 >>'], undefined],
    ['font-missing', [cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page().replace('/F1 5 0 R', ''), stream(text), 'null'], undefined],
  ];
  const out: Case[] = cases.map(([name, objs, exp]) => ({ name: `structural:${name}`, bytes: buildPdf(objs), expect: exp }));
  // an xref table that points at the wrong offsets, and one missing altogether
  const good = buildPdf([cat, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(), stream(text), font]);
  out.push({ name: 'structural:xref-shifted', bytes: concat([enc('%PDF-1.4\n% padding padding padding\n'), good.subarray(9)]) });
  out.push({ name: 'structural:no-xref', bytes: enc(latin1(good).replace(/xref[\s\S]*$/, '%%EOF\n')) });
  out.push({ name: 'structural:two-eofs', bytes: concat([good, enc('garbage after the end\n%%EOF\n')]) });
  return out;
}

describe('PDF and document import fuzzing', () => {
  let bases: { name: string; bytes: Uint8Array }[] = [];
  let docx: Uint8Array;

  beforeAll(async () => {
    // pdf-lib and docx stamp documents with the time: freeze the clock so that every input is the same on every run
    // (the importer's deadlines use performance.now(), which is not faked)
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    bases = [
      { name: 'kit-1col', bytes: await kitPdf((d) => writeCv(d, CV)) },
      {
        name: 'kit-2col-raw',
        bytes: await kitPdf(
          (d) => {
            writeCv(d, { ...CV, sections: [] });
            const top = d.y + 10;
            writeSection(d, CV.sections[1]!, { x: 50, width: 235 });
            d.y = top;
            writeSection(d, CV.sections[2]!, { x: 310, width: 235 });
            writeSection(d, CV.sections[3]!, { x: 310, width: 235 });
          },
          { compress: false },
        ),
      },
      { name: 'kit-3page-raw', bytes: await threePageCv(false) },
      { name: 'pdflib-objstreams', bytes: await manyPagesPdf(2) },
      { name: 'handmade', bytes: rawTextPdf('BT /F1 18 Tf 50 780 Td (Anna Kowalska) Tj ET\nBT /F1 10 Tf 50 760 Td (anna@example.com) Tj ET\nBT /F2 12 Tf 50 730 Td (Experience) Tj ET\nBT /F1 10 Tf 50 712 Td (Planner, Baltic Freight Ltd | 2020 - 2024) Tj ET\nBT /F1 10 Tf 50 698 Td (\\225 Cut delivery times by 18%.) Tj ET') },
    ];
    docx = await cvDocx();
  });

  afterAll(() => {
    vi.useRealTimers();
    const rows = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k.padEnd(20)} ${v}`);
    console.log(`\nfuzzed inputs: ${total}\n${rows.join('\n')}\nslowest: ${slowest.name} ${slowest.ms.toFixed(0)} ms`);
  });

  it('the unmutated bases import cleanly', async () => {
    for (const b of bases) await run({ name: `base:${b.name}`, bytes: b.bytes, expect: 'OK' });
    await run({ name: 'base:docx', bytes: docx, expect: 'OK' });
  });

  it('mutated bytes of valid PDFs', async () => {
    for (let k = 0; k < 160; k++) {
      const base = bases[k % bases.length]!;
      const { bytes, how } = mutate(base.bytes);
      await run({ name: `mutate:${base.name}:${how}`, bytes, via: k % 4 === 0 ? 'pdf' : 'document' });
    }
  });

  it('truncations at many offsets', async () => {
    for (const base of bases) {
      const n = base.bytes.length;
      const offsets = new Set([0, 5, 8, 16, 64, 200, n - 1, n - 6, n - 20, n - 64, n - 200]);
      for (let i = 1; i <= 6; i++) offsets.add(Math.floor((n * i) / 7));
      for (const off of [...offsets].filter((o) => o >= 0 && o < n).slice(0, 15)) {
        // cut before the "%PDF-" header ends: not a PDF at all
        await run({ name: `truncate:${base.name}@${off}`, bytes: base.bytes.subarray(0, off), via: off % 2 ? 'pdf' : 'document' });
      }
    }
  });

  it('scans, encrypted, huge, many pages', async () => {
    for (let i = 0; i < 8; i++) await run({ name: `scan:${i}`, bytes: await scannedPdf(1 + (i % 3), i + 1, i === 7 ? 40 : 200), expect: 'PDF_NO_TEXT' });
    await run({ name: 'scan:blank-pages', bytes: await manyPagesPdf(3, false), expect: 'PDF_NO_TEXT' });
    for (let i = 0; i < 9; i++) await run({ name: `encrypted:r${[2, 3, 4][i % 3]}:${i}`, bytes: encryptedPdf(([2, 3, 4] as const)[i % 3], i + 1), expect: 'PDF_ENCRYPTED' });
    for (let i = 0; i < 6; i++) await run({ name: `encrypted:mutated:${i}`, bytes: mutate(encryptedPdf(3, 100 + i)).bytes });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(enc('%PDF-1.7\n'));
    await run({ name: 'huge:pdf', bytes: big, expect: 'INPUT_TOO_LARGE' });
    await run({ name: 'huge:pdf-direct', bytes: big, via: 'pdf', expect: 'INPUT_TOO_LARGE' });
    await run({ name: 'huge:text', bytes: new Uint8Array(11 * 1024 * 1024).fill(0x61), expect: 'INPUT_TOO_LARGE' });
    const bigZip = new Uint8Array(10 * 1024 * 1024 + 100);
    bigZip.set(docx);
    await run({ name: 'huge:docx', bytes: bigZip, expect: 'INPUT_TOO_LARGE' });
    for (const n of [11, 12, 25, 80, 300]) await run({ name: `pages:${n}`, bytes: await manyPagesPdf(n), expect: 'PDF_TOO_MANY_PAGES' });
    await run({ name: 'pages:10', bytes: await manyPagesPdf(10), expect: 'OK' });
  });

  it('wrong types', async () => {
    const json = enc(JSON.stringify({ basics: { name: 'Jane Doe', email: 'jane@example.com' }, work: [] }));
    const cases: Case[] = [
      { name: 'png', bytes: makePng(32, 32), expect: 'UNSUPPORTED_FORMAT' },
      { name: 'png-as-pdf', bytes: makePng(32, 32), via: 'pdf', expect: 'NOT_A_PDF' },
      { name: 'jpeg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(500)]), expect: 'UNSUPPORTED_FORMAT' },
      { name: 'gif', bytes: enc('GIF89a\u0001\u0000'), expect: 'UNSUPPORTED_FORMAT' },
      { name: 'ole-doc', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...randomBytes(600)]), expect: 'UNSUPPORTED_FORMAT' },
      { name: 'zip', bytes: concat([new Uint8Array([0x50, 0x4b, 3, 4]), randomBytes(300)]), expect: 'UNSUPPORTED_FORMAT' },
      { name: 'zip-empty-archive', bytes: new Uint8Array([0x50, 0x4b, 5, 6, ...new Array<number>(18).fill(0)]), expect: ['UNSUPPORTED_FORMAT', 'CV_EMPTY'] },
      { name: 'empty', bytes: new Uint8Array(0), expect: 'UNSUPPORTED_FORMAT' },
      { name: 'empty-as-pdf', bytes: new Uint8Array(0), via: 'pdf', expect: 'NOT_A_PDF' },
      { name: 'whitespace', bytes: enc(' \n\n\t '), expect: 'CV_EMPTY' },
      { name: 'json-named-pdf', bytes: json, expect: 'OK' },
      { name: 'json-named-pdf-as-pdf', bytes: json, via: 'pdf', expect: 'NOT_A_PDF' },
      { name: 'json-broken', bytes: json.subarray(0, 30), expect: 'UNSUPPORTED_FORMAT' },
      { name: 'html', bytes: enc('<!doctype html><html><body><h1>Jane</h1></body></html>'), expect: 'UNSUPPORTED_FORMAT' },
      { name: 'rtf', bytes: enc('{\\rtf1\\ansi\\deff0 Jane Doe}'), expect: 'UNSUPPORTED_FORMAT' },
      { name: 'text-as-pdf', bytes: enc('Jane Doe\nNurse'), via: 'pdf', expect: 'NOT_A_PDF' },
      { name: 'text-as-docx', bytes: enc('Jane Doe\nNurse'), via: 'docx', expect: 'DOCX_CORRUPT' },
      { name: 'pdf-as-docx', bytes: bases[0]!.bytes, via: 'docx', expect: 'DOCX_CORRUPT' },
      { name: 'utf16', bytes: new Uint8Array([0xff, 0xfe, ...[...'Jane Doe'].flatMap((c) => [c.charCodeAt(0), 0])]), expect: 'OK' },
      { name: 'pdf-header-only', bytes: enc('%PDF-'), expect: 'PDF_TRUNCATED' },
      { name: 'pdf-header-garbage', bytes: concat([enc('%PDF-1.7\n'), randomBytes(4000), enc('\n%%EOF\n')]), expect: 'PDF_CORRUPT' },
      { name: 'pdf-postscript', bytes: enc('%!PS-Adobe-3.0\n%%EOF'), expect: 'UNSUPPORTED_FORMAT' },
    ];
    for (let i = 0; i < 20; i++) cases.push({ name: `random:${i}`, bytes: randomBytes(1 + int(i < 10 ? 64 : 5000)) });
    for (const c of cases) await run({ ...c, name: `type:${c.name}` });
  });

  it('Word document mutations', async () => {
    for (let k = 0; k < 35; k++) {
      const { bytes, how } = mutate(docx);
      await run({ name: `docx:mutate:${how}`, bytes, via: k % 3 === 0 ? 'docx' : 'document' });
    }
    const n = docx.length;
    for (let i = 1; i <= 15; i++) {
      const off = Math.floor((n * i) / 16);
      await run({ name: `docx:truncate@${off}`, bytes: docx.subarray(0, off), via: i % 2 ? 'docx' : 'document' });
    }
  });

  it('structurally hostile PDFs', async () => {
    for (const c of structural()) await run(c);
  });

  it('slow inputs stop at the time limit', async () => {
    // 30,000 separately placed words on one page: seconds of pdf.js work, stopped at a short limit
    const ops = Array.from({ length: 30_000 }, (_, i) => `BT /F1 9 Tf ${50 + (i % 40) * 12} ${800 - (i % 60) * 12} Td (w${i}) Tj ET`).join('\n');
    const slow = buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>', `<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']);
    for (const timeoutMs of [30, 100, 250]) await run({ name: `slow:words@${timeoutMs}ms`, bytes: slow, via: 'pdf', timeoutMs, expect: 'PARSE_TIMEOUT' });
    const three = await threePageCv();
    for (const timeoutMs of [1, 5, 20]) await run({ name: `slow:3-page@${timeoutMs}ms`, bytes: three, timeoutMs, expect: ['PARSE_TIMEOUT', 'OK'] });
  });

  it('ran at least 300 inputs', () => {
    expect(total).toBeGreaterThanOrEqual(300);
  });
});
