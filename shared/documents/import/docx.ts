import mammoth from 'mammoth';
import { CvPathError } from '../../errors';
import { normalizeText } from '../../engine/text';
import { checkSize } from './sniff';
import { readZipDirectory } from './zip';

/**
 * Word (.docx) → plain text in the conventions the offline CV_PARSER reads, with mammoth: headings alone on their
 * line after a blank line, list items as "• " bullets (nested ones indented), table rows as one line with " | "
 * between cells, and link targets kept next to labels like "LinkedIn". Isomorphic: mammoth reads `buffer` in Node and
 * `arrayBuffer` in the browser build; both are given.
 */

export interface ImportDocxOptions {
  /** Give up after this long (default 5000 ms) with PARSE_TIMEOUT. */
  timeoutMs?: number;
}

export interface DocxImportResult {
  text: string;
}

/** Uncompressed size a CV's Word document can reasonably reach; more is a decompression bomb or not a CV. */
const MAX_UNZIPPED_BYTES = 60 * 1024 * 1024;

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"];

export async function importDocx(bytes: Uint8Array, opts: ImportDocxOptions = {}): Promise<DocxImportResult> {
  checkSize(bytes);
  const dir = readZipDirectory(bytes);
  if (dir) {
    const total = dir.reduce((n, e) => n + e.uncompressedSize, 0);
    if (total > MAX_UNZIPPED_BYTES) {
      throw new CvPathError('INPUT_TOO_LARGE', `This Word document unpacks to ${(total / 1048576).toFixed(0)} MB; the limit is ${MAX_UNZIPPED_BYTES / 1048576} MB.`, {
        hint: 'Remove large images from the document and save it again, or upload it as PDF.',
      });
    }
  }
  const timeoutMs = opts.timeoutMs ?? 5000;
  const copy = new Uint8Array(bytes);
  const input = { buffer: copy, arrayBuffer: copy.buffer } as unknown as Parameters<typeof mammoth.convertToHtml>[0];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CvPathError('PARSE_TIMEOUT', `Reading the Word document took longer than ${Math.round(timeoutMs / 1000)} s, so it was stopped.`, { hint: 'Save it again from Word, or upload it as PDF.' })),
      timeoutMs,
    );
  });
  const work = mammoth.convertToHtml(input, {
    styleMap: STYLE_MAP,
    ignoreEmptyParagraphs: false,
    externalFileAccess: false,
    // images are not read at all
    convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
  });
  work.catch(() => {});
  let html: string;
  try {
    html = (await Promise.race([work, timeout])).value;
  } catch (e) {
    if (e instanceof CvPathError) throw e;
    throw new CvPathError('DOCX_CORRUPT', `The Word document is damaged and cannot be read${e instanceof Error && e.message ? ` (${e.message.slice(0, 120)})` : ''}.`, {
      hint: 'Open it in Word or Google Docs and save it again as .docx, or upload it as PDF.',
      cause: e,
    });
  } finally {
    clearTimeout(timer);
  }
  const text = htmlToCvText(html);
  if (!text.replace(/[^\p{L}\p{N}]/gu, '')) {
    throw new CvPathError('CV_EMPTY', 'The Word document has no text in it (only images or empty pages).', { hint: 'Upload the document your CV was written in, or paste its text.' });
  }
  return { text };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const LEADING_BULLET = /^[\s\u00A0]*[•●◦▪■‣⁃∙\uF0B7\uF0A7\uF076\uF0D8\uF0FC\uF0A8\uF06E\uF0E8]\s*/;

/** mammoth's HTML (a small, well-formed subset) → text lines. Exported for tests. */
export function htmlToCvText(html: string): string {
  const out: string[] = [];
  let line = '';
  const lists: string[] = [];
  let link: { href: string; start: number } | undefined;
  // tables: rows of cells, each cell a list of lines
  const tables: { rows: string[][][]; row?: string[][]; cell?: string[] }[] = [];

  const emit = (l: string) => {
    const table = tables[tables.length - 1];
    if (table?.cell) table.cell.push(l);
    else out.push(l);
  };
  const flush = (prefix = '') => {
    const t = line.replace(/[ \t\u00A0]+/g, ' ').trim();
    line = '';
    if (t) emit(prefix + t);
  };
  const blank = () => {
    const table = tables[tables.length - 1];
    if (table?.cell) return;
    if (out.length && out[out.length - 1] !== '') out.push('');
  };

  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)/g)) {
    if (m[4] !== undefined) {
      line += decodeEntities(m[4]);
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    const attrs = m[3] ?? '';
    switch (tag) {
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
        if (!closing) {
          flush();
          blank();
        } else flush();
        break;
      case 'p':
        if (!closing) flush();
        else if (!line.trim() && !lists.length) {
          blank(); // an empty paragraph: the author's own spacing
        } else if (lists.length) flush(`${'  '.repeat(lists.length - 1)}• `);
        else {
          const bulletTyped = LEADING_BULLET.exec(line);
          if (bulletTyped) line = `• ${line.slice(bulletTyped[0].length)}`;
          flush();
        }
        break;
      case 'br':
        // a line break inside a list item continues the same bullet
        if (lists.length) line += ' ';
        else flush();
        break;
      case 'ul': case 'ol':
        if (!closing) {
          flush(lists.length ? `${'  '.repeat(lists.length - 1)}• ` : '');
          lists.push(tag);
        } else {
          flush(`${'  '.repeat(Math.max(0, lists.length - 1))}• `);
          lists.pop();
          if (!lists.length) blank();
        }
        break;
      case 'li':
        flush(`${'  '.repeat(Math.max(0, lists.length - 1))}• `);
        break;
      case 'a':
        if (!closing) {
          const href = /\bhref\s*=\s*"([^"]*)"/i.exec(attrs)?.[1];
          link = href ? { href: decodeEntities(href), start: line.length } : undefined;
        } else if (link) {
          const label = line.slice(link.start).trim();
          const target = link.href.replace(/^mailto:/i, '');
          // "LinkedIn" linked to the profile: keep the address, which is in the document too
          if (/^(?:https?:|mailto:)/i.test(link.href) && label && !/[.@/]/.test(label) && label.length <= 40 && !line.includes(target)) line += `: ${target}`;
          link = undefined;
        }
        break;
      case 'table':
        if (!closing) {
          flush();
          tables.push({ rows: [] });
        } else {
          const t = tables.pop();
          if (t) {
            blank();
            for (const row of t.rows) {
              const cells = row.map((c) => c.filter(Boolean));
              if (cells.every((c) => c.length <= 1)) {
                const joined = cells.map((c) => c[0] ?? '').filter(Boolean).join(' | ');
                if (joined) emit(joined);
              } else for (const c of cells) for (const l of c) emit(l);
            }
            blank();
          }
        }
        break;
      case 'tr': {
        const t = tables[tables.length - 1];
        if (t && !closing) t.row = [];
        else if (t?.row) {
          t.rows.push(t.row);
          t.row = undefined;
        }
        break;
      }
      case 'td': case 'th': {
        const t = tables[tables.length - 1];
        if (!t) break;
        if (!closing) {
          t.row ??= [];
          t.cell = [];
        } else {
          flush();
          if (t.cell) t.row?.push(t.cell);
          t.cell = undefined;
        }
        break;
      }
      default:
        break; // strong, em, sup, sub, img: text only
    }
  }
  flush();
  return normalizeText(out.join('\n'))
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
