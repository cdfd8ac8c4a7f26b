import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CV, SANS, SANS_BOLD, THREE_PAGE_EXTRA_ROLES, encryptedPdf, kitPdf, manyPagesPdf, onEveryPage, rawTextPdf, scannedPdf, threePageCv, writeBullet, writeCv, writeSection,
} from '../../../test/fuzz/documents';
import { parseCvText } from '../../engine/cv-text-parser';
import { CvPathError } from '../../errors';
import { importPdf } from './pdf';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    expect(e).toBeInstanceOf(CvPathError);
    return (e as CvPathError).code;
  }
}

function before(text: string, a: string, b: string): boolean {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  return i >= 0 && j >= 0 && i < j;
}

const sidebarOpts = { font: SANS, bold: SANS_BOLD, size: 9, headingCase: 'upper' as const };

describe('importPdf: layouts', () => {
  it('reads a single-column CV in order, and the parser recovers name, email, roles and bullets', async () => {
    const r = await importPdf(await kitPdf((d) => writeCv(d, CV)));
    expect(r.pages).toBe(1);
    expect(r.hints.layouts).toEqual(['single']);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('Alex Müller');
    expect(lines).toContain('Experience'); // a heading alone on its line
    expect(lines).toContain('Backend Engineer — Helix Rail Technologies, London | Apr 2021 – Present');
    // the wrapped bullet is one line
    expect(lines).toContain('• Developed features for a car-sharing platform operating 3,000 vehicles across five German cities, working closely with the operations and data teams on pricing.');
    const { cv } = parseCvText(r.text);
    expect(cv.basics.name).toBe('Alex Müller');
    expect(cv.basics.email).toBe('alex.mueller@example.com');
    expect(cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate ?? null])).toEqual([
      ['Backend Engineer', 'Helix Rail Technologies', '2021-04', null],
      ['Software Engineer', 'Kranich Mobility GmbH', '2018-08', '2021-03'],
    ]);
    expect(cv.work[0]!.highlights).toHaveLength(3);
    expect(cv.work[1]!.highlights[0]!.text).toMatch(/^Developed features .* on pricing\.$/);
    expect(cv.education[0]).toMatchObject({ institution: 'Hanseatic Technical University', studyType: 'MSc' });
    expect(cv.skills.map((s) => s.name)).toContain('Kubernetes');
  });

  it('reads two balanced columns one after the other, never line by line across the gutter', async () => {
    const pdf = await kitPdf((d) => {
      d.font('Helvetica-Bold').fontSize(20).text('Sigrid Ødegård', 50, 50);
      d.font('Helvetica').fontSize(10).text('sigrid.odegard@example.no · +47 912 34 567 · Bergen, Norway', 50, d.y);
      const top = d.y + 10;
      d.y = top;
      writeSection(d, CV.sections[1]!, { x: 50, width: 235 });
      d.y = top;
      writeSection(d, CV.sections[0]!, { x: 310, width: 235 });
      writeSection(d, CV.sections[2]!, { x: 310, width: 235 });
      writeSection(d, { heading: 'Languages', lines: ['Norwegian (native)', 'English (fluent)', 'German (B2)'] }, { x: 310, width: 235 });
    });
    const r = await importPdf(pdf);
    expect(r.hints.layouts).toEqual(['two-column']);
    expect(before(r.text, 'Sigrid Ødegård', 'Experience')).toBe(true);
    // the whole left column (experience), then the right one (summary, education, languages)
    expect(before(r.text, 'on pricing.', 'Summary')).toBe(true);
    expect(before(r.text, 'Summary', 'Education')).toBe(true);
    expect(r.text).toContain('• Cut monthly cloud spend by €11,000 by right-sizing instances and adding autoscaling.');
    const { cv } = parseCvText(r.text);
    expect(cv.basics.name).toBe('Sigrid Ødegård');
    expect(cv.basics.email).toBe('sigrid.odegard@example.no');
    expect(cv.work).toHaveLength(2);
    expect(cv.work.map((w) => w.highlights.length)).toEqual([3, 2]);
    expect(cv.languages.map((l) => l.language)).toEqual(['Norwegian', 'English', 'German']);
  });

  it('reads a left sidebar: its contact details join the header, its sections follow the main column’s', async () => {
    const pdf = await kitPdf((d) => {
      d.font(SANS_BOLD).fontSize(22).text('Zofia Łukasiewicz', 50, 50);
      d.y = 100;
      d.font(SANS).fontSize(9);
      for (const l of ['zofia@example.com', '+48 600 100 200', 'Kraków, Poland']) d.text(l, 50, d.y, { width: 140 });
      writeSection(d, { heading: 'Skills', lines: ['Wound care', 'IV therapy', 'Triage', 'Patient education and discharge planning'] }, { ...sidebarOpts, x: 50, width: 140 });
      writeSection(d, { heading: 'Languages', lines: ['Polish (native)', 'English (C1)'] }, { ...sidebarOpts, x: 50, width: 140 });
      d.y = 100;
      writeCv(
        d,
        {
          name: '',
          contact: [],
          sections: [
            { heading: 'Profile', lines: ['Registered nurse with eleven years on surgical and intensive care wards, known for calm leadership and efficient ward management.'] },
            {
              heading: 'Experience',
              entries: [
                { header: ['Ward Sister — University Hospital Kraków | Mar 2019 – Present'], bullets: ['Lead a team of 24 nurses on a 30-bed surgical ward, coordinating admissions, theatre lists and discharges with the consultant team.', 'Introduced a falls-prevention bundle that cut inpatient falls by 35% in a year.'] },
                { header: ['Staff Nurse — St. Luke’s Hospital, Leeds | Sep 2013 – Feb 2019'], bullets: ['Cared for up to eight post-operative patients per shift on a 28-bed ward.'] },
              ],
            },
          ],
        },
        { x: 220, width: 325, font: SANS, bold: SANS_BOLD, header: false, headingCase: 'upper' },
      );
    });
    const r = await importPdf(pdf);
    expect(r.hints.layouts).toEqual(['sidebar-left']);
    expect(r.hints.sidebarFirst).toBe(true);
    const lines = r.text.split('\n');
    expect(lines.slice(0, 5)).toEqual(['Zofia Łukasiewicz', '', 'zofia@example.com', '+48 600 100 200', 'Kraków, Poland']);
    expect(lines).toContain('Patient education and discharge planning');
    expect(before(r.text, 'Kraków, Poland', 'PROFILE')).toBe(true);
    expect(before(r.text, 'consultant team.', 'SKILLS')).toBe(true);
    expect(before(r.text, 'SKILLS', 'LANGUAGES')).toBe(true);
    const { cv } = parseCvText(r.text);
    expect(cv.basics).toMatchObject({ name: 'Zofia Łukasiewicz', email: 'zofia@example.com', phone: '+48 600 100 200' });
    expect(cv.skills.map((s) => s.name)).toEqual(['Wound care', 'IV therapy', 'Triage', 'Patient education and discharge planning']);
    expect(cv.work.map((w) => [w.position, w.name])).toEqual([['Ward Sister', 'University Hospital Kraków'], ['Staff Nurse', 'St. Luke’s Hospital']]);
    expect(cv.work[0]!.highlights[0]!.text).toMatch(/^Lead a team .* consultant team\.$/);
  });

  it('reads a right sidebar after the main column', async () => {
    const pdf = await kitPdf((d) => {
      d.font('Helvetica-Bold').fontSize(20).text('Jürgen Weiß', 50, 50);
      d.font('Helvetica').fontSize(10).text('juergen.weiss@example.de · +49 30 1234 5678', 50, d.y);
      const top = d.y + 12;
      d.y = top;
      writeSection(d, CV.sections[1]!, { x: 50, width: 340 });
      d.y = top;
      writeSection(d, { heading: 'Skills', lines: ['Go', 'Kafka', 'PostgreSQL', 'Terraform'] }, { x: 420, width: 125, size: 9 });
      writeSection(d, { heading: 'Interests', lines: ['Cycling', 'Chess'] }, { x: 420, width: 125, size: 9 });
    });
    const r = await importPdf(pdf);
    expect(r.hints.layouts).toEqual(['sidebar-right']);
    expect(before(r.text, 'autoscaling.', 'Skills')).toBe(true);
    const { cv } = parseCvText(r.text);
    expect(cv.basics.name).toBe('Jürgen Weiß');
    expect(cv.work).toHaveLength(2);
    expect(cv.skills.map((s) => s.name)).toEqual(['Go', 'Kafka', 'PostgreSQL', 'Terraform']);
    expect(cv.interests.map((i) => i.name)).toEqual(['Cycling', 'Chess']);
  });

  it('keeps a column of dates with the entries beside it (a label column, not a sidebar)', async () => {
    const pdf = await kitPdf((d) => {
      d.font('Helvetica-Bold').fontSize(20).text('René Dubois', 50, 50);
      d.font('Helvetica').fontSize(10).text('rene.dubois@example.com | +33 6 12 34 56 78', 50, d.y);
      d.moveDown(1);
      d.font('Helvetica-Bold').fontSize(12).text('EXPERIENCE', 50, d.y);
      d.moveDown(0.5);
      const jobs = [
        ['2019 – Present', 'Product Designer — Atelier Nord, Paris', ['Designed the booking flow for a chain of 40 hotels, raising conversion by 12%.', 'Ran weekly usability tests with guests and front-desk staff, and turned the findings into a prioritised backlog.']],
        ['2015 – 2019', 'UX Designer — Maison Bleue, Lyon', ['Redesigned the mobile app used by 200,000 customers.']],
      ] as const;
      for (const [dates, head, bullets] of jobs) {
        const y = d.y;
        d.font('Helvetica').fontSize(10).text(dates, 50, y, { width: 90 });
        d.font('Helvetica-Bold').text(head, 150, y, { width: 395 });
        d.font('Helvetica');
        for (const b of bullets) writeBullet(d, b, 150, 395);
        d.moveDown(0.8);
      }
    });
    const r = await importPdf(pdf);
    expect(r.hints.layouts).toEqual(['label-column']);
    const { cv } = parseCvText(r.text);
    expect(cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate ?? null, w.highlights.length])).toEqual([
      ['Product Designer', 'Atelier Nord', '2019', null, 2],
      ['UX Designer', 'Maison Bleue', '2015', '2019', 1],
    ]);
  });
});

describe('importPdf: web-builder output', () => {
  it('reads bullets drawn as shapes, letter-spaced headings and right-aligned dates', async () => {
    const pdf = await kitPdf((d) => {
      d.font('Helvetica-Bold').fontSize(20).text('Søren Åberg', 50, 50);
      d.font('Helvetica').fontSize(10).text('soren.aberg@example.se', 50, d.y).text('+46 70 123 45 67', 50, d.y);
      d.moveDown();
      d.font('Helvetica-Bold').fontSize(11).text('WORK EXPERIENCE', 50, d.y, { characterSpacing: 3 });
      d.moveDown(0.5);
      const jobs = [
        ['Senior Product Manager — Kassa AB, Malmö', 'Jan 2021 – Present', ['Owned the invoicing product (€40m annual payment volume) and grew weekly active companies by 38% in eighteen months.', 'Ran 25 pricing experiments.']],
        ['Product Manager — Fakturera Nu, Lund', 'Jun 2017 – Dec 2020', ['Launched automatic reminders.']],
      ] as const;
      for (const [role, dates, bullets] of jobs) {
        const y = d.y;
        d.font('Helvetica-Bold').fontSize(10).text(role, 50, y);
        d.font('Helvetica').text(dates, 445, y, { width: 100, align: 'right' });
        for (const b of bullets) {
          const by = d.y + 2;
          d.circle(60, by + 3.5, 1.8).fill('#000'); // the list marker is a shape, not text
          d.text(b, 70, by, { width: 475 });
        }
        d.moveDown(0.8);
      }
    });
    const r = await importPdf(pdf);
    // the right-aligned dates stay on the title's line, set apart as a field
    expect(r.text).toContain('WORK EXPERIENCE\nSenior Product Manager — Kassa AB, Malmö | Jan 2021 – Present\n• Owned the invoicing product');
    const { cv } = parseCvText(r.text);
    expect(cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate ?? null, w.highlights.length])).toEqual([
      ['Senior Product Manager', 'Kassa AB', '2021-01', null, 2],
      ['Product Manager', 'Fakturera Nu', '2017-06', '2020-12', 1],
    ]);
    expect(cv.work[0]!.highlights[0]!.text).toMatch(/eighteen months\.$/);
  });
});

describe('importPdf: text clean-up', () => {
  it('turns ligatures, non-breaking spaces and odd dashes into plain text, and keeps é ł ü ø', async () => {
    const pdf = await kitPdf((d) => {
      d.font(SANS_BOLD).fontSize(20).text('Małgorzata Brzęczyszczykiewicz-Søndergård');
      d.font(SANS).fontSize(10).text('malgorzata@example.com\u00A0·\u00A0+48\u00A0600\u00A0100\u00A0200');
      d.moveDown();
      d.font(SANS_BOLD).text('Experience');
      d.font(SANS).text('Office Manager — Café Zürich, Łódź | 2019 \u2013 2024');
      // Liberation Sans has the fi and fl ligature glyphs (the others are tested on synthetic items)
      d.text('• Ran a \uFB02exible work\uFB02ow for 40 staff; \uFB01led reports\u2011weekly.');
    });
    const r = await importPdf(pdf);
    expect(r.text).not.toMatch(/[\uFB00-\uFB06\u00A0\u00AD\u2011]/);
    expect(r.text).toContain('• Ran a flexible workflow for 40 staff; filed reports-weekly.');
    const { cv } = parseCvText(r.text);
    expect(cv.basics.name).toBe('Małgorzata Brzęczyszczykiewicz-Søndergård');
    expect(cv.work[0]).toMatchObject({ position: 'Office Manager', name: expect.stringMatching(/^Café Zürich/) });
  });

  it('joins wrapped bullets (hanging indent or flush) and re-joins hyphenated line ends', async () => {
    // drawn line by line, exactly as a word processor places them
    const ops = [
      'BT /F2 18 Tf 50 780 Td (Anna Kowalska) Tj ET',
      'BT /F1 10 Tf 50 762 Td (anna.kowalska@example.com) Tj ET',
      'BT /F2 12 Tf 50 730 Td (Experience) Tj ET',
      'BT /F2 10 Tf 50 712 Td (Project Manager, Baltic Freight Ltd | Jan 2020 - Present) Tj ET',
      'BT /F1 10 Tf 54 698 Td (\\225) Tj ET',
      'BT /F1 10 Tf 66 698 Td (Responsible for the day-to-day manage-) Tj ET',
      'BT /F1 10 Tf 66 686 Td (ment of a cross-functional team of twelve and a) Tj ET',
      'BT /F1 10 Tf 66 674 Td (self-) Tj ET',
      'BT /F1 10 Tf 66 662 Td (managed budget of EUR 2m.) Tj ET',
      'BT /F1 10 Tf 54 648 Td (\\225) Tj ET',
      'BT /F1 10 Tf 66 648 Td (Worked with Smith-) Tj ET',
      'BT /F1 10 Tf 66 636 Td (Jones Logistics on a COVID-) Tj ET',
      'BT /F1 10 Tf 66 624 Td (19 recovery plan.) Tj ET',
      'BT /F1 10 Tf 50 610 Td (- Cut delivery times by 18% across the whole network by re-routing the) Tj ET',
      'BT /F1 10 Tf 50 598 Td (night trucks through two new hubs.) Tj ET',
      'BT /F1 10 Tf 50 584 Td (- Hired four planners.) Tj ET',
    ].join('\n');
    const r = await importPdf(rawTextPdf(ops));
    const lines = r.text.split('\n');
    expect(lines).toContain('• Responsible for the day-to-day management of a cross-functional team of twelve and a self-managed budget of EUR 2m.');
    expect(lines).toContain('• Worked with Smith-Jones Logistics on a COVID-19 recovery plan.');
    expect(lines).toContain('• Cut delivery times by 18% across the whole network by re-routing the night trucks through two new hubs.');
    expect(lines).toContain('• Hired four planners.');
    expect(r.hints.hyphenationsJoined).toBe(1);
    const { cv } = parseCvText(r.text);
    expect(cv.basics.name).toBe('Anna Kowalska');
    expect(cv.work[0]!.highlights.map((h) => h.text.slice(0, 20))).toEqual(['Responsible for the ', 'Worked with Smith-Jo', 'Cut delivery times b', 'Hired four planners.']);
  });

  it('removes running headers, footers and page numbers, and reads three pages in order', async () => {
    const pdf = await threePageCv();
    const r = await importPdf(pdf);
    expect(r.pages).toBe(3);
    expect(r.text).not.toMatch(/Page \d of 3/);
    expect(r.text).not.toContain('Curriculum Vitae');
    expect(r.hints.repeatedLinesRemoved).toBe(3); // one footer row per page
    const { cv } = parseCvText(r.text);
    expect(cv.basics.name).toBe('Alex Müller');
    expect(cv.work).toHaveLength(2 + THREE_PAGE_EXTRA_ROLES);
    expect(cv.work.map((w) => w.highlights.length)).toEqual([3, 2, ...Array<number>(THREE_PAGE_EXTRA_ROLES).fill(4)]);
    expect(cv.work.slice(2).map((w) => w.name)).toEqual(Array.from({ length: THREE_PAGE_EXTRA_ROLES }, (_, i) => `Example Partners ${i + 1} Ltd`));
    expect(cv.work[2 + THREE_PAGE_EXTRA_ROLES - 1]).toMatchObject({ position: 'Senior Consultant', startDate: `${1990 + THREE_PAGE_EXTRA_ROLES - 1}-01` });
  });

  it('keeps a running header once, on the first page (it holds the contact details)', async () => {
    const pdf = await kitPdf(
      (d) => {
        d.y = 90;
        writeCv(d, { ...CV, contact: [] }, { header: false });
        d.addPage();
        d.y = 90;
        writeSection(d, CV.sections[3]!);
        onEveryPage(d, (doc) => doc.font('Helvetica').fontSize(9).text('Alex Müller · alex.mueller@example.com · +44 20 7946 0718', 50, 40, { lineBreak: false }));
      },
      { bufferPages: true },
    );
    const r = await importPdf(pdf);
    expect(r.text.match(/alex\.mueller@example\.com/g)).toHaveLength(1);
    expect(r.text.split('\n')[0]).toBe('Alex Müller · alex.mueller@example.com · +44 20 7946 0718');
  });
});

describe('importPdf: failures', () => {
  it('a scan (images only, no text) is PDF_NO_TEXT with a message that says what to do, never a CV', async () => {
    const e = await importPdf(await scannedPdf(2)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CvPathError);
    expect((e as CvPathError).code).toBe('PDF_NO_TEXT');
    expect((e as CvPathError).message).toBe('This PDF has no text layer — it looks like a scan. Export your CV from Word/Google Docs as PDF, or paste the text.');
  });

  it('a password-protected PDF is PDF_ENCRYPTED (hand-made /Encrypt, RC4 and AES)', async () => {
    for (const rev of [2, 3, 4] as const) expect(await codeOf(importPdf(encryptedPdf(rev)))).toBe('PDF_ENCRYPTED');
  });

  it.skipIf(!hasQpdf())('a PDF encrypted by qpdf with a user password is PDF_ENCRYPTED', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvpath-qpdf-'));
    try {
      writeFileSync(join(dir, 'in.pdf'), await kitPdf((d) => writeCv(d, CV)));
      execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
      expect(await codeOf(importPdf(new Uint8Array(readFileSync(join(dir, 'out.pdf')))))).toBe('PDF_ENCRYPTED');
      // owner password only (anyone may open it): that is readable
      execFileSync('qpdf', ['--encrypt', '', 'owner-pw', '256', '--', join(dir, 'in.pdf'), join(dir, 'open.pdf')]);
      const r = await importPdf(new Uint8Array(readFileSync(join(dir, 'open.pdf'))));
      expect(parseCvText(r.text).cv.basics.name).toBe('Alex Müller');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('truncated, corrupt, too many pages, too large, not a PDF', async () => {
    const good = await kitPdf((d) => writeCv(d, CV));
    expect(await codeOf(importPdf(good.subarray(0, 400)))).toBe('PDF_TRUNCATED');
    expect(await codeOf(importPdf(good.subarray(0, Math.floor(good.length / 3))))).toBe('PDF_TRUNCATED');
    const garbage = new TextEncoder().encode(`%PDF-1.7\n${'garbage '.repeat(200)}\n%%EOF\n`);
    expect(await codeOf(importPdf(garbage))).toBe('PDF_CORRUPT');
    expect(await codeOf(importPdf(await manyPagesPdf(11)))).toBe('PDF_TOO_MANY_PAGES');
    expect(await codeOf(importPdf(await manyPagesPdf(3), { maxPages: 2 }))).toBe('PDF_TOO_MANY_PAGES');
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(new TextEncoder().encode('%PDF-1.7\n'));
    expect(await codeOf(importPdf(huge))).toBe('INPUT_TOO_LARGE');
    const e = await importPdf(new TextEncoder().encode('{"basics":{"name":"Jane"}}')).catch((x: unknown) => x);
    expect((e as CvPathError).code).toBe('NOT_A_PDF');
    expect((e as CvPathError).message).toMatch(/JSON/);
  });

  it('stops at the time limit with PARSE_TIMEOUT, and does not hang', async () => {
    const pdf = await threePageCv();
    const t = Date.now();
    expect(await codeOf(importPdf(pdf, { timeoutMs: 1 }))).toBe('PARSE_TIMEOUT');
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('runs several imports at once, each with its own result', async () => {
    const a = await kitPdf((d) => writeCv(d, CV));
    const b = await threePageCv();
    const results = await Promise.all([a, b, a, encryptedPdf(3), b].map((x) => importPdf(x).then((r) => r.pages, (e: CvPathError) => e.code)));
    expect(results).toEqual([1, 3, 1, 'PDF_ENCRYPTED', 3]);
  });

  it('takes the pdf.js module as a parameter', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const r = await importPdf(await kitPdf((d) => writeCv(d, CV)), { pdfjs });
    expect(parseCvText(r.text).cv.basics.name).toBe('Alex Müller');
  });

  it('leaves the caller’s bytes untouched (pdf.js gets a copy)', async () => {
    const pdf = await kitPdf((d) => writeCv(d, CV));
    const copy = pdf.slice();
    await importPdf(pdf);
    expect(pdf.byteLength).toBe(copy.byteLength);
    expect(Buffer.compare(pdf, copy)).toBe(0);
  });
});

function hasQpdf(): boolean {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
