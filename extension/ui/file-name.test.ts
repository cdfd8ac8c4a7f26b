import { describe, expect, it } from 'vitest';
import { documentFileName, exportFileName, slugPart } from './file-name';

describe('download file names', () => {
  it('names a CV after the person, the company and the role', () => {
    expect(documentFileName({ name: 'Jane Doe', kind: 'CV', company: 'Acme', title: 'Data Engineer' })).toBe('Jane-Doe-CV-Acme-Data-Engineer.pdf');
    expect(documentFileName({ name: 'Jane Doe', kind: 'Cover-Letter', company: 'Acme', title: 'Data Engineer' })).toBe('Jane-Doe-Cover-Letter-Acme-Data-Engineer.pdf');
  });

  it('folds accents and drops what file systems dislike', () => {
    expect(slugPart('José Nuñez-García')).toBe('Jose-Nunez-Garcia');
    expect(documentFileName({ name: 'Zoë', kind: 'CV', company: 'AT&T / Labs', title: 'Sr. Engineer (m/w/d)' })).toBe('Zoe-CV-AT-T-Labs-Sr-Engineer-m-w-d.pdf');
  });

  it('folds letters that have no accent to strip (Ł, ø, ß), instead of dropping them', () => {
    expect(documentFileName({ name: 'Łucja Wróblewska', kind: 'CV', company: 'Søndergaard Straße', title: 'Ærø Lead' })).toBe('Lucja-Wroblewska-CV-Sondergaard-Strasse-AEro-Lead.pdf');
  });

  it('still gives a name when parts are missing or unusable', () => {
    expect(documentFileName({ name: '', kind: 'CV' })).toBe('My-CV.pdf');
    expect(documentFileName({ name: '李雷', kind: 'CV', company: 'Acme' })).toBe('My-CV-Acme.pdf');
  });

  it('keeps long titles to a sane length', () => {
    const name = documentFileName({ name: 'Jane Doe', kind: 'CV', company: 'A'.repeat(200), title: 'B'.repeat(200) });
    expect(name.length).toBeLessThanOrEqual(124);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('dates the data export', () => {
    expect(exportFileName(new Date('2026-03-04T10:00:00Z'))).toBe('CVPath-data-2026-03-04.json');
  });
});
