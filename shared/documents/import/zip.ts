/**
 * A minimal, read-only look at a ZIP archive's central directory: entry names and declared sizes. Used to tell a
 * Word document from any other ZIP (XLSX, ODT, a plain archive) and to refuse decompression bombs before mammoth
 * inflates anything. Never throws: a damaged directory gives `undefined`. Pure and isomorphic.
 */

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readU32(bytes, 0) === LOCAL_SIG;
}

/** Entries listed in the central directory, or undefined when it cannot be found or read. */
export function readZipDirectory(bytes: Uint8Array, maxEntries = 5000): ZipEntryInfo[] | undefined {
  const eocd = findEocd(bytes);
  if (eocd < 0) return undefined;
  const count = readU16(bytes, eocd + 10);
  const size = readU32(bytes, eocd + 12);
  let p = readU32(bytes, eocd + 16);
  if (p + size > bytes.length || count > maxEntries) return undefined;
  const out: ZipEntryInfo[] = [];
  const latin1 = new TextDecoder('latin1');
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || readU32(bytes, p) !== CDH_SIG) return undefined;
    const compressedSize = readU32(bytes, p + 20);
    const uncompressedSize = readU32(bytes, p + 24);
    const nameLen = readU16(bytes, p + 28);
    const extraLen = readU16(bytes, p + 30);
    const commentLen = readU16(bytes, p + 32);
    if (p + 46 + nameLen > bytes.length) return undefined;
    const name = latin1.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    out.push({ name, compressedSize, uncompressedSize });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Names found in local file headers, scanning from the start: works on archives whose end was cut off. */
export function scanLocalNames(bytes: Uint8Array, max = 200): string[] {
  const names: string[] = [];
  const latin1 = new TextDecoder('latin1');
  let p = 0;
  while (p + 30 <= bytes.length && names.length < max) {
    if (readU32(bytes, p) !== LOCAL_SIG) break;
    const flags = readU16(bytes, p + 6);
    const compressedSize = readU32(bytes, p + 18);
    const nameLen = readU16(bytes, p + 26);
    const extraLen = readU16(bytes, p + 28);
    if (p + 30 + nameLen > bytes.length) break;
    names.push(latin1.decode(bytes.subarray(p + 30, p + 30 + nameLen)));
    // with a data descriptor (flag bit 3) the size is not known here: stop rather than guess
    if (flags & 0x08) break;
    p += 30 + nameLen + extraLen + compressedSize;
  }
  return names;
}

function findEocd(bytes: Uint8Array): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && readU32(bytes, i) === EOCD_SIG) return i;
  }
  return -1;
}

function readU16(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}

function readU32(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0;
}
