import { describe, expect, it } from 'vitest';
import { CV, cvDocx, kitPdf, writeCv } from '../../../test/fuzz/documents';
import { parseCvText } from '../../engine/cv-text-parser';
import { CvPathError } from '../../errors';
import { importCvDocument } from './index';

const enc = (s: string) => new TextEncoder().encode(s);

describe('importCvDocument', () => {
  it('dispatches on the bytes: PDF, Word, text, JSON', async () => {
    const pdf = await importCvDocument(await kitPdf((d) => writeCv(d, CV)));
    expect(pdf).toMatchObject({ kind: 'pdf', pages: 1 });
    expect(parseCvText(pdf.text!).cv.basics.name).toBe('Alex Müller');

    const docx = await importCvDocument(await cvDocx());
    expect(docx.kind).toBe('docx');
    expect(parseCvText(docx.text!).cv.basics.name).toBe('Zofia Łukasiewicz');

    const text = await importCvDocument(enc('Jane Doe\r\njane@example.com\r\n\r\nSkills\r\nSQL, \uFB01nance'));
    expect(text).toEqual({ kind: 'text', text: 'Jane Doe\njane@example.com\n\nSkills\nSQL, finance' });

    // a JSON file named cv.pdf is JSON: names are never trusted
    expect(await importCvDocument(enc('{"basics":{"name":"Jane"}}'))).toEqual({ kind: 'json', json: { basics: { name: 'Jane' } } });
  });

  it('with expect: "pdf", anything else is NOT_A_PDF', async () => {
    const e = await importCvDocument(enc('{"basics":{"name":"Jane"}}'), { expect: 'pdf' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CvPathError);
    expect((e as CvPathError).code).toBe('NOT_A_PDF');
  });
});
