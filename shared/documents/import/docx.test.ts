import { describe, expect, it } from 'vitest';
import { cvDocx } from '../../../test/fuzz/documents';
import { parseCvText } from '../../engine/cv-text-parser';
import { CvPathError } from '../../errors';
import { htmlToCvText, importDocx } from './docx';

describe('importDocx', () => {
  it('reads headings, bullets (nested too) and table rows in the text conventions, and the parser recovers the CV', async () => {
    const { text } = await importDocx(await cvDocx());
    const lines = text.split('\n');
    expect(lines[0]).toBe('Zofia Łukasiewicz');
    expect(lines).toContain('Experience');
    expect(lines).toContain('• Lead a team of 24 nurses on a 30-bed surgical ward.');
    expect(lines).toContain('  • Audit medication rounds weekly');
    expect(lines).toContain('BSc Nursing — Jagiellonian University, Kraków | 2009 – 2013');
    const { cv } = parseCvText(text);
    expect(cv.basics).toMatchObject({ name: 'Zofia Łukasiewicz', email: 'zofia.lukasiewicz@example.com', phone: '+48 600 100 200' });
    expect(cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate ?? null, w.highlights.length])).toEqual([
      ['Ward Sister', 'University Hospital Kraków', '2019-03', null, 3],
      ['Staff Nurse', 'St. Luke’s Hospital', '2013-09', '2019-02', 1],
    ]);
    expect(cv.education[0]).toMatchObject({ institution: 'Jagiellonian University', studyType: 'BSc', endDate: '2013' });
    expect(cv.skills.map((s) => s.name)).toEqual(['Wound care', 'IV therapy', 'Triage', 'Patient education']);
  });

  it('is DOCX_CORRUPT for a damaged file, never a guess', async () => {
    const good = await cvDocx();
    for (const bad of [good.subarray(0, 300), good.subarray(0, good.length - 100), new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])]) {
      const e = await importDocx(bad).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CvPathError);
      expect((e as CvPathError).code).toBe('DOCX_CORRUPT');
    }
  });

  it('maps mammoth’s HTML: links next to their labels, typed bullets, entities, empty paragraphs', () => {
    const html =
      '<h1>Jane Doe</h1><p><a href="mailto:jane@example.com">Email</a> | <a href="https://linkedin.com/in/jane">LinkedIn</a> | <a href="https://example.com">example.com</a></p>' +
      '<p></p><p></p><h2>Experience</h2><p><strong>Analyst &amp; Planner — A&lt;B&gt; Ltd</strong></p><p>\u2022 Typed bullet</p><p>\uF0B7\tSymbol bullet</p>' +
      '<ol><li>First</li><li>Second<br />line</li></ol><p>Caf&#233; &#x141;&#xF3;d&#378;</p>';
    expect(htmlToCvText(html).split('\n')).toEqual([
      'Jane Doe',
      'Email: jane@example.com | LinkedIn: https://linkedin.com/in/jane | example.com',
      '',
      'Experience',
      'Analyst & Planner — A<B> Ltd',
      '• Typed bullet',
      '• Symbol bullet',
      '• First',
      '• Second line',
      '',
      'Café Łódź',
    ]);
    const { cv } = parseCvText(htmlToCvText(html));
    expect(cv.basics.email).toBe('jane@example.com');
    expect(cv.basics.profiles?.[0]).toMatchObject({ network: 'LinkedIn', url: 'https://linkedin.com/in/jane' });
  });
});
