/**
 * The fonts every exported document is set in: EB Garamond 12 (SIL OFL 1.1, see fonts/OFL.txt), as TrueType because
 * jsPDF cannot embed the CFF outlines of the OTF files. Isomorphic: the bytes are passed in, never read here —
 * Node reads them from `fonts/`, the extension fetches them from its bundle.
 */

export interface FontSet {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
}

/** The file names under `fonts/`, by role. */
export const FONT_FILES = {
  regular: 'EBGaramond12-Regular.ttf',
  bold: 'EBGaramond12-Bold.ttf',
  italic: 'EBGaramond12-Italic.ttf',
} as const satisfies Record<keyof FontSet, string>;

/** Builds a FontSet with a reader of your choice: `loadFonts((f) => readFileSync(join(FONT_DIR, f)))` in Node. */
export function loadFonts(read: (file: string) => Uint8Array): FontSet {
  return { regular: read(FONT_FILES.regular), bold: read(FONT_FILES.bold), italic: read(FONT_FILES.italic) };
}

/** The same with an asynchronous reader: `loadFontsAsync(async (f) => new Uint8Array(await (await fetch(url(f))).arrayBuffer()))`. */
export async function loadFontsAsync(read: (file: string) => Promise<Uint8Array>): Promise<FontSet> {
  const [regular, bold, italic] = await Promise.all([read(FONT_FILES.regular), read(FONT_FILES.bold), read(FONT_FILES.italic)]);
  return { regular, bold, italic };
}

const binaryCache = new WeakMap<Uint8Array, string>();

/**
 * The font as jsPDF gets it, converted once per font buffer: its `post` table cut to the 32-byte version 3 header
 * (no glyph names), then as a "binary string" (one char per byte), which is what jsPDF's virtual file system takes.
 * jsPDF copies the whole `post` table into every subset it embeds; the glyph names are of no use in a PDF whose
 * text maps to Unicode through a ToUnicode CMap, and leaving them out makes each export faster and smaller.
 */
export function binaryString(bytes: Uint8Array): string {
  let s = binaryCache.get(bytes);
  if (s === undefined) {
    const trimmed = withoutGlyphNames(bytes);
    const parts: string[] = [];
    for (let i = 0; i < trimmed.length; i += 0x8000) parts.push(String.fromCharCode(...trimmed.subarray(i, i + 0x8000)));
    s = parts.join('');
    binaryCache.set(bytes, s);
  }
  return s;
}

/** A copy of a TrueType font with a version 3 `post` table; tables, checksums and checkSumAdjustment rewritten. */
export function withoutGlyphNames(src: Uint8Array): Uint8Array {
  const dv = new DataView(src.buffer, src.byteOffset, src.byteLength);
  if (src.length < 12) return src;
  const numTables = dv.getUint16(4);
  const tables: { tag: string; data: Uint8Array }[] = [];
  for (let i = 0; i < numTables; i++) {
    const e = 12 + i * 16;
    if (e + 16 > src.length) return src;
    const tag = String.fromCharCode(src[e]!, src[e + 1]!, src[e + 2]!, src[e + 3]!);
    const offset = dv.getUint32(e + 8);
    const length = dv.getUint32(e + 12);
    if (offset + length > src.length) return src;
    tables.push({ tag, data: src.subarray(offset, offset + length) });
  }
  const post = tables.find((t) => t.tag === 'post');
  if (!post || post.data.length <= 32 || new DataView(post.data.buffer, post.data.byteOffset).getUint32(0) === 0x00030000) return src;
  const header = new Uint8Array(32); // a copy: the caller's bytes (maybe a Node Buffer view) are never written to
  header.set(post.data.subarray(0, 32));
  new DataView(header.buffer).setUint32(0, 0x00030000);
  post.data = header;

  const pad = (n: number) => (n + 3) & ~3;
  let size = 12 + numTables * 16;
  for (const t of tables) size += pad(t.data.length);
  const out = new Uint8Array(size);
  const ov = new DataView(out.buffer);
  out.set(src.subarray(0, 12));
  let offset = 12 + numTables * 16;
  let headAt = -1;
  tables.forEach((t, i) => {
    out.set(t.data, offset);
    if (t.tag === 'head') {
      headAt = offset;
      ov.setUint32(offset + 8, 0); // checkSumAdjustment is computed with itself as zero
    }
    const e = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[e + k] = t.tag.charCodeAt(k);
    ov.setUint32(e + 4, checksum(out, offset, pad(t.data.length)));
    ov.setUint32(e + 8, offset);
    ov.setUint32(e + 12, t.data.length);
    offset += pad(t.data.length);
  });
  if (headAt >= 0) ov.setUint32(headAt + 8, (0xb1b0afba - checksum(out, 0, out.length)) >>> 0);
  return out;
}

function checksum(bytes: Uint8Array, start: number, length: number): number {
  const dv = new DataView(bytes.buffer, bytes.byteOffset);
  let sum = 0;
  for (let i = start; i < start + length; i += 4) sum = (sum + dv.getUint32(i)) >>> 0;
  return sum;
}

/** Fails early, with a message a person can act on, when what was passed is not a TrueType font. */
export function assertTrueType(bytes: Uint8Array, role: string): void {
  const tag = bytes.length >= 4 ? (bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]! : 0;
  if (tag !== 0x00010000 && tag !== 0x74727565 /* 'true' */) {
    throw new Error(`The ${role} font is not a TrueType (.ttf) file; jsPDF cannot embed OpenType/CFF fonts.`);
  }
}
