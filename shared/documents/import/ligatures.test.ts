import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPdf } from './pdf';
import { fontLigatures, pickLigature, restoreLigatures } from './ligatures';

/** A font as pdf.js keeps it: charcodes to Unicode, and advance widths by charcode (thousandths of an em). */
const font = (nul: Record<number, number>, widths: Record<string, number> = { f: 330, i: 280, l: 280 }) => {
  const map: Record<number, string> = { 70: 'f', 73: 'i', 76: 'l', 65: 'a' };
  const w: Record<number, number> = { 70: widths.f!, 73: widths.i!, 76: widths.l!, 65: 500 };
  for (const [code, width] of Object.entries(nul)) {
    map[Number(code)] = '\u0000';
    w[Number(code)] = width;
  }
  return { toUnicode: { _map: map }, widths: w };
};

describe('ligatures a PDF writer mapped to nothing', () => {
  it('are told two letters from three by their advance width, when the font lists the letters\' widths', () => {
    expect(fontLigatures(font({ 127: 610 }, { f: 330, i: 280, l: 280 }))).toEqual(['fi', 'fl', 'ff']);
    expect(fontLigatures(font({ 128: 940 }, { f: 330, i: 280, l: 280 }))).toEqual(['ffi', 'ffl']);
    // widths it does not list leave every reading open: the word decides
    expect(fontLigatures({ toUnicode: { _map: { 127: '\u0000', 70: 'f' } }, widths: { 127: 733, 70: 400 } })?.sort()).toEqual(['ff', 'ffi', 'ffl', 'fi', 'fl']);
  });

  it('choose the letters that make a word of a CV', () => {
    const all = ['ff', 'fi', 'fl', 'ffi', 'ffl'];
    for (const [before, after, want] of [
      ['Pro', 'les', 'fi'], ['Certi', 'cations', 'fi'], ['e', 'ective', 'ff'], ['o', 'ce', 'ffi'], ['e', 'cient', 'ffi'], ['work', 'ow', 'fl'],
      ['sta', '', 'ff'], ['con', 'ict', 'fl'], ['', 'nancial', 'fi'], ['di', 'erent', 'ff'],
    ] as const) {
      expect(pickLigature(all, after, before), before + '_' + after).toBe(want);
    }
  });

  it('leave a font with no NUL glyph alone', () => {
    expect(fontLigatures({ toUnicode: { _map: { 70: 'f' } }, widths: { 70: 330 } })).toBeNull();
    expect(fontLigatures({})).toBeNull();
  });

  it('choose between fi and fl from the letters after them', () => {
    for (const [after, want] of [['les', 'fi'], ['cations', 'fi'], ['ed', 'fi'], ['nancial', 'fi'], ['ow', 'fl'], ['uent', 'fl'], ['ict', 'fl'], ['exible', 'fl'], ['ect', 'fl']] as const) {
      expect(pickLigature(['fi', 'fl'], after), after).toBe(want);
    }
    expect(pickLigature(['ff', 'fi'], '')).toBe('ff'); // "sta" + ff at a word's end
  });

  it('are put back inside an item and across items, never between words', () => {
    const items = [
      { str: 'Pro', font: 'f1' },
      { str: '\u0000', font: 'f1' },
      { str: 'les', font: 'f1' },
      { str: 'AWS Certi\u0000ed, work\u0000ow', font: 'f1' },
      { str: 'a \u0000 b', font: 'f1' },
      { str: 'Pro\u0000le', font: 'f2' },
    ];
    restoreLigatures(items, (f) => (f === 'f1' ? ['fi', 'fl'] : null));
    expect(items.map((i) => i.str)).toEqual(['Pro', 'fi', 'les', 'AWS Certified, workflow', 'a \u0000 b', 'Pro\u0000le']);
    // words no list holds: fi, unless the letters after it read as fl
    const more = [{ str: 'Zi\u0000nder Ra\u0000ow', font: 'f1' }];
    restoreLigatures(more, () => ['fi', 'fl']);
    expect(more[0]!.str).toBe('Zifinder Raflow');
  });

  it('read back in a CV printed by Chrome (Reactive Resume): its headings are words again', async () => {
    const bytes = readFileSync(join(import.meta.dirname, '../../../test/corpus/cvs/reactive-resume/rr-azurill.pdf'));
    const { text } = await importPdf(new Uint8Array(bytes), { timeoutMs: 60_000 });
    expect(text).toMatch(/\bProfiles\b/);
    expect(text).toMatch(/\bCertifications\b/);
    expect(text).toContain('AWS Certified Developer');
    expect(text).not.toMatch(/Certi cat|Pro les/);
    expect(text.includes('\u0000')).toBe(false);
  });
});
