import { describe, expect, it } from 'vitest';
import { parseCvText } from '../../engine/cv-text-parser';
import { layoutPages } from './layout';
import type { LayoutItem, LayoutPage } from './layout';

/** Synthetic pdf.js-like items: 0.5 em per character, so widths and gaps are easy to reason about. */
function item(str: string, x: number, y: number, o: { size?: number; bold?: boolean; font?: string; w?: number } = {}): LayoutItem {
  const size = o.size ?? 10;
  return { str, x, y, w: o.w ?? str.length * size * 0.5, size, font: o.font ?? (o.bold ? 'F2' : 'F1'), bold: o.bold ?? false };
}

function page(items: LayoutItem[], rotated?: string[]): LayoutPage {
  return { width: 595, height: 842, items, rotated };
}

/** Lines of text at 12 pt pitch from y, left edge x. */
function lines(texts: string[], x: number, y: number, o: { size?: number; bold?: boolean } = {}): LayoutItem[] {
  return texts.map((t, i) => item(t, x, y + i * 12, o));
}

describe('layoutPages', () => {
  it('joins glyph-level items into words and puts spaces only at word gaps', () => {
    // "Jane Doe" drawn glyph by glyph (gaps of 0.02 em), a word gap of 0.3 em
    const glyphs: LayoutItem[] = [];
    let x = 50;
    for (const ch of 'Jane') {
      glyphs.push(item(ch, x, 60, { w: 5 }));
      x += 5.2;
    }
    x += 3;
    for (const ch of 'Doe') {
      glyphs.push(item(ch, x, 60, { w: 5 }));
      x += 5.2;
    }
    const { text } = layoutPages([page(glyphs)]);
    expect(text).toBe('Jane Doe');
  });

  it('normalises every ligature, odd spaces and Word’s private-use bullets', () => {
    const { text } = layoutPages([
      page([
        item('Skills', 50, 60, { bold: true, size: 12 }),
        item('\uF0B7', 54, 80),
        item('E\uFB00ective sta\uFB03ng, \uFB04uent o\uFB05, \uFB01nance\u00A0and\u202Fwork\uFB02ows', 66, 80),
        item('\u25AA Data\u2011driven planning', 54, 92),
      ]),
    ]);
    expect(text).toBe('Skills\n• Effective staffing, ffluent ost, finance and workflows\n• Data-driven planning');
  });

  it('re-joins a word broken by a soft hyphen at a line end', () => {
    const { text } = layoutPages([
      page([
        item('•', 54, 100),
        item('Improved the onboarding of new cus\u00AD', 66, 100, { w: 300 }),
        item('tomers across all regions.', 66, 112),
      ]),
    ]);
    expect(text).toBe('• Improved the onboarding of new customers across all regions.');
  });

  it('keeps compound hyphens at line ends unless the producer hyphenates (TeX)', () => {
    const items = [item('•', 54, 100), item('Led the work on our right-', 66, 100, { w: 300 }), item('sizing programme.', 66, 112)];
    expect(layoutPages([page(items)]).text).toBe('• Led the work on our right-sizing programme.');
    expect(layoutPages([page(items)], { hyphenates: true }).text).toBe('• Led the work on our rightsizing programme.');
  });

  it('reads letter-spaced headings, drops doubled “fake bold” text and lone page numbers', () => {
    const { text, hints } = layoutPages([
      page([
        item('Jane Doe', 50, 60, { size: 18, bold: true }),
        item('Jane Doe', 50.4, 60, { size: 18, bold: true }),
        item('E X P E R I E N C E', 50, 100, { bold: true }),
        item('Nurse — Leeds General Infirmary | 2019 – 2024', 50, 114),
        item('3', 290, 820),
      ]),
    ]);
    expect(text).toBe('Jane Doe\n\nEXPERIENCE\nNurse — Leeds General Infirmary | 2019 – 2024');
    expect(hints.repeatedLinesRemoved).toBe(1);
  });

  it('closes up letter-spaced headings, even with kerned pairs or lost word breaks', () => {
    const { text } = layoutPages([
      page([
        item('C O N TA C T', 50, 60, { bold: true }),
        item('jane@example.com', 50, 74),
        item('W O R K E X P E R I E N C E', 50, 100, { bold: true }),
        item('Nurse — Leeds General Infirmary | 2019 – 2024', 50, 114),
        item('E D U C AT I O N', 50, 140, { bold: true }),
        item('B S c', 50, 154),
      ]),
    ]);
    expect(text.split('\n').filter((l) => /^[A-Z ]+$/.test(l))).toEqual(['CONTACT', 'WORK EXPERIENCE', 'EDUCATION']);
    expect(text).toContain('B S c'); // three short tokens are not a letter-spaced heading
  });

  it('moves a sidebar’s “Contact” block up to the name, wherever it sits', () => {
    const side = [
      ...lines(['SKILLS'], 50, 60, { bold: true }),
      ...lines(['Wound care', 'Triage', 'IV therapy'], 50, 74),
      ...lines(['CONTACT'], 50, 130, { bold: true }),
      ...lines(['jane.doe@example.com', '+44 7700 900123', 'Leeds, UK'], 50, 144),
    ];
    const main = [
      item('Jane Doe', 220, 60, { size: 20, bold: true }),
      ...lines(['EXPERIENCE'], 220, 90, { bold: true }),
      ...lines(['Staff Nurse — Leeds General Infirmary | 2019 – 2024', '• Ran the infection-control audits.', '• Trained twelve new starters.'], 220, 104),
      ...lines(['EDUCATION'], 220, 160, { bold: true }),
      ...lines(['BSc Nursing — University of Leeds | 2015 – 2018'], 220, 174),
    ];
    const { text, hints } = layoutPages([page([...side, ...main])]);
    expect(hints.layouts).toEqual(['sidebar-left']);
    const { cv } = parseCvText(text);
    expect(cv.basics).toMatchObject({ name: 'Jane Doe', email: 'jane.doe@example.com', phone: '+44 7700 900123' });
    expect(cv.skills.map((s) => s.name)).toEqual(['Wound care', 'Triage', 'IV therapy']);
    expect(cv.work[0]).toMatchObject({ position: 'Staff Nurse', name: 'Leeds General Infirmary' });
    expect(cv.work[0]!.highlights).toHaveLength(2);
  });

  it('puts a name and the contact details beside it on separate lines', () => {
    const { text } = layoutPages([page([item('Jane Doe', 50, 60, { size: 20, bold: true }), item('jane@example.com', 400, 58), item('Summary', 50, 100, { bold: true }), item('Nurse.', 50, 114)])]);
    const { cv } = parseCvText(text);
    expect(cv.basics).toMatchObject({ name: 'Jane Doe', email: 'jane@example.com' });
  });

  it('sets a section heading in the margin on its own line', () => {
    const items = [
      item('Jane Doe', 50, 60, { size: 20, bold: true }),
      item('Skills', 50, 100, { bold: true }),
      item('Python, SQL, Tableau', 150, 100),
      item('Education', 50, 130, { bold: true }),
      item('BSc Statistics — University of Leeds | 2016 – 2019', 150, 130),
    ];
    const { text } = layoutPages([page(items)]);
    expect(text.split('\n')).toEqual(expect.arrayContaining(['Skills', 'Python, SQL, Tableau', 'Education']));
    const { cv } = parseCvText(text);
    expect(cv.skills.map((s) => s.name)).toEqual(['Python', 'SQL', 'Tableau']);
    expect(cv.education[0]).toMatchObject({ institution: 'University of Leeds', studyType: 'BSc' });
  });

  it('does not join list lines that end near the edge, nor an entry header to the prose under it', () => {
    const { text } = layoutPages([
      page([
        item('Experience', 50, 60, { bold: true }),
        item('Senior Data Analyst at Northwind Logistics Limited, Leeds, 2019 – Present', 50, 74, { w: 495 }),
        item('Built the forecasting models used by every depot and trained the planners to read them.', 50, 86, { w: 495 }),
        item('Skills', 50, 120, { bold: true }),
        item('Python', 50, 134, { w: 60 }),
        item('Tableau', 50, 146, { w: 40 }),
      ]),
    ]);
    expect(text.split('\n')).toEqual([
      'Experience',
      'Senior Data Analyst at Northwind Logistics Limited, Leeds, 2019 – Present',
      'Built the forecasting models used by every depot and trained the planners to read them.',
      '',
      'Skills',
      'Python',
      'Tableau',
    ]);
  });

  it('joins wrapped numbered items, keeping their numbers', () => {
    const { text } = layoutPages([
      page([
        item('Achievements', 50, 60, { bold: true }),
        item('1.', 54, 74),
        item('Cut the average time to hire from 41 to 23 days across', 66, 74, { w: 300 }),
        item('all regional offices.', 66, 86),
        item('2.', 54, 98),
        item('Won the 2022 employer award.', 66, 98),
      ]),
    ]);
    expect(text).toBe('Achievements\n1. Cut the average time to hire from 41 to 23 days across all regional offices.\n2. Won the 2022 employer award.');
  });

  it('sets fields apart by space on one line with " | ", and never joins such a line to the next', () => {
    const { text } = layoutPages([
      page([
        item('Education', 50, 60, { bold: true }),
        item('Associate of Applied Business, Retail Management', 50, 74, { w: 260 }),
        item('2018', 525, 74, { w: 20 }),
        item('Central Ohio Community College', 50, 86),
        item('Hill Country State University', 50, 110),
        item('|', 300, 110),
        item('San Marcos, TX', 470, 110, { w: 75 }),
      ]),
    ]);
    expect(text.split('\n')).toEqual(['Education', 'Associate of Applied Business, Retail Management | 2018', 'Central Ohio Community College', '', 'Hill Country State University | San Marcos, TX']);
  });

  it('reads a lone glyph that came out as a control character (LaTeX’s bullet, U+0088) as a bullet', () => {
    const { text } = layoutPages([page([item('Skills', 50, 60, { bold: true }), item('\u0088', 71.6, 74, { w: 5 }), item('Prepared management accounts.', 81.6, 74)])]);
    expect(text).toBe('Skills\n• Prepared management accounts.');
  });

  it('joins a paragraph wrapped at the right edge', () => {
    const { text } = layoutPages([
      page([
        item('Summary', 50, 60, { bold: true }),
        item('Registered nurse with eleven years on surgical and intensive care', 50, 74, { w: 480 }),
        item('wards, known for calm leadership.', 50, 86),
      ]),
    ]);
    expect(text).toBe('Summary\nRegistered nurse with eleven years on surgical and intensive care wards, known for calm leadership.');
  });

  it('moves a bullet left alone at the bottom of a page to the text at the top of the next', () => {
    const { text } = layoutPages([
      page([item('Experience', 50, 60, { bold: true }), item('Nurse — Leeds General Infirmary | 2019 – 2024', 50, 74), item('•', 54, 800)]),
      page([item('Ran the ward’s infection-control audits.', 66, 60)]),
    ]);
    expect(text.endsWith('• Ran the ward’s infection-control audits.')).toBe(true);
    expect(parseCvText(text).cv.work[0]!.highlights.map((h) => h.text)).toEqual(['Ran the ward’s infection-control audits.']);
  });

  it('keeps text drawn at an angle, after the page’s other text', () => {
    const { text } = layoutPages([page([item('Jane Doe', 50, 60, { size: 20 })], ['Curriculum Vitae'])]);
    expect(text).toBe('Jane Doe\n\nCurriculum Vitae');
  });

  it('ignores items with impossible geometry instead of failing', () => {
    const bad = [item('x', Number.NaN, 10), item('y', 10, Infinity), { ...item('z', 10, 10), size: 0 }, item('Jane Doe', 50, 60)];
    expect(layoutPages([page(bad)]).text).toBe('Jane Doe');
    expect(layoutPages([]).text).toBe('');
  });

  it('never adds words: every letter and digit out was in an item', () => {
    const items = [
      ...lines(['Jane Doe', 'jane@example.com'], 50, 60),
      ...lines(['SKILLS', '• Python', '• SQL'], 50, 100, { bold: true }),
      ...lines(['EXPERIENCE', 'Analyst — Acme | 2019 – 2024', '• Built models-', 'quickly.'], 300, 100),
    ];
    const { text } = layoutPages([page(items)]);
    const count = (s: string) => {
      const m = new Map<string, number>();
      for (const c of s.replace(/[^\p{L}\p{N}]/gu, '')) m.set(c, (m.get(c) ?? 0) + 1);
      return m;
    };
    const have = count(items.map((i) => i.str).join(''));
    for (const [c, n] of count(text)) expect(n).toBeLessThanOrEqual(have.get(c) ?? 0);
  });
});

describe('small capitals read back (Awesome-CV)', () => {
  it('puts a line set in small capitals with a lower-case i back in title case', async () => {
    const { smallCapsLine } = await import('./layout');
    expect(smallCapsLine('SENiOR MARKETiNG MANAGER — Brightleaf Foods, Austin, TX')).toBe('Senior Marketing Manager — Brightleaf Foods, Austin, TX');
    expect(smallCapsLine('DiGITAL MARKETiNG SPECiALiST')).toBe('Digital Marketing Specialist');
    expect(smallCapsLine('PEDiATRiC ICU')).toBe('Pediatric ICU');
  });
  it('leaves ordinary capitals and words like iOS alone', async () => {
    const { smallCapsLine } = await import('./layout');
    for (const s of ['STAFF NURSE', 'Built iOS apps for the NHS', 'MBA, Finance']) expect(smallCapsLine(s)).toBe(s);
  });
});
