/**
 * Download names a recruiter's inbox reads well: `Jane-Doe-CV-Acme-Data-Engineer.pdf`. Only ASCII letters, digits
 * and single hyphens survive, so the name is safe on every file system; accents are folded, not dropped.
 */

/** Letters that carry no combining mark to strip (NFKD leaves them whole): folded by hand. */
const FOLD: Record<string, string> = {
  Ł: 'L', ł: 'l', Ø: 'O', ø: 'o', Đ: 'D', đ: 'd', Ð: 'D', ð: 'd', Þ: 'Th', þ: 'th', ß: 'ss', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', ı: 'i', Ħ: 'H', ħ: 'h',
};

export function slugPart(text: string | undefined): string {
  return (text ?? '')
    .replace(/[ŁłØøĐđÐðÞþßÆæŒœıĦħ]/g, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .filter(Boolean)
    .slice(0, 8)
    .join('-');
}

export function documentFileName(parts: { name?: string; kind: 'CV' | 'Cover-Letter'; company?: string; title?: string }, ext = 'pdf'): string {
  const name = [slugPart(parts.name) || 'My', parts.kind, slugPart(parts.company), slugPart(parts.title)].filter(Boolean).join('-');
  return `${name.slice(0, 120).replace(/-+$/, '')}.${ext}`;
}

export function exportFileName(now: Date): string {
  return `CVPath-data-${now.toISOString().slice(0, 10)}.json`;
}
