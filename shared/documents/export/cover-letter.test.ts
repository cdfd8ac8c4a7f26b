import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../schema/analysis';
import type { Cv } from '../../schema/cv';
import { JobPosting } from '../../schema/job-posting';
import type { ParsedJob } from '../../schema/parsed-job';
import { parseCvText } from '../../engine/cv-text-parser';
import { jobFromText } from '../../engine/job-text-parser';
import { buildCoverLetter, evidenceSentence, renderCoverLetterPdf, selfDescription, withoutLabel, type CoverLetter } from './cover-letter';
import { renderCoverLetterDocx } from './cover-letter-docx';
import { loadFonts, type FontSet } from './fonts';
import { pdfjsPages, type PdfJsLike } from './round-trip';
import { cleanText, tokens } from './text';

// Node-only glue: fonts from fonts/, pdf.js's legacy build, poppler's pdftotext, mammoth for DOCX text.
const ROOT = join(import.meta.dirname, '../../..');
const fonts: FontSet = loadFonts((f) => readFileSync(join(ROOT, 'fonts', f)));
let pdfjs: PdfJsLike;
beforeAll(async () => {
  pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
});
const TMP = mkdtempSync(join(tmpdir(), 'cvpath-letter-'));
const DATE = new Date('2026-11-01T09:00:00Z');
const exampleCv = () => parseCvText(readFileSync(join(ROOT, 'examples/cv.txt'), 'utf8')).cv;
const exampleJob = () => jobFromText(readFileSync(join(ROOT, 'examples/job.txt'), 'utf8'));

function cvBulletTexts(cv: Cv): Map<string, string> {
  return new Map([...cv.work, ...cv.projects, ...cv.volunteer].flatMap((e) => e.highlights.map((h) => [h.id, cleanText(h.text)] as const)));
}

/** Every achievement in the letter is a CV bullet, word for word after "At <where>, I" / "I also" and without its run-in label. */
function expectOnlyCvAchievements(letter: CoverLetter, cv: Cv): void {
  const bullets = cvBulletTexts(cv);
  const text = letter.paragraphs.join(' ');
  letter.evidence.forEach((ev) => {
    expect(bullets.get(ev.cvId)).toBe(ev.text);
    const said = withoutLabel(ev.text).replace(/^\S+/, '').trim();
    expect(text).toContain(said.replace(/[.!?]$/, ''));
  });
  for (const p of letter.paragraphs) expect(p).not.toMatch(/^[^,]{1,40}: /);
  // No number in the letter that the CV, the posting or the date does not hold.
  const cvText = JSON.stringify(cv);
  for (const p of letter.paragraphs) for (const n of p.match(/\d[\d,.]*\d|\d/g) ?? []) expect(cvText.includes(n) || n === '1' || n === '2026').toBe(true);
}

/** The token stream of a text, to find a sentence across wrapped lines. */
function contains(haystack: string, needle: string): boolean {
  return ` ${tokens(haystack).join(' ')} `.includes(` ${tokens(needle).join(' ')} `);
}

describe('buildCoverLetter', () => {
  it('names the role and company and quotes the CV bullets that prove the must-haves (offline analysis)', () => {
    const cv = exampleCv();
    const letter = buildCoverLetter({ cv, job: exampleJob(), date: DATE });
    expect(letter.company).toBe('Tessellate Payments');
    expect(letter.paragraphs[0]).toMatch(/^I am writing to apply for the Senior Backend Engineer position at Tessellate Payments\. I am currently a Backend Engineer at Helix Rail Technologies\./);
    expect(letter.paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(letter.salutation).toBe('Dear Tessellate Payments hiring team,');
    expect(letter.date).toBe('1 November 2026');
    expect(letter.evidence.length).toBeGreaterThanOrEqual(2);
    expect(letter.evidence.length).toBeLessThanOrEqual(3);
    // The Go + Kafka bullet proves two must-haves at once: it leads.
    expect(letter.evidence.map((e) => e.cvId)).toContain('w1h5');
    expect(letter.paragraphs.join(' ')).toContain(
      'At Helix Rail Technologies, I own the ticket-issuing pipeline: Golang services consuming Kafka topics that process 1.8 million ticket events a day',
    );
    expectOnlyCvAchievements(letter, cv);
  });

  it('follows a given analysis: must-have evidence first, unknown ids and missing requirements ignored', () => {
    const cv = exampleCv();
    const job = exampleJob();
    const parsedJob: ParsedJob = {
      title: job.title, normalizedTitle: 'senior backend engineer', company: job.company, seniority: 'senior', keywords: [],
      requirements: [
        { id: 'q1', text: 'Go in production', kind: 'must', category: 'hard_skill', keywords: ['Go'] },
        { id: 'q2', text: 'PostgreSQL at scale', kind: 'must', category: 'hard_skill', keywords: ['PostgreSQL'] },
        { id: 'q3', text: 'Mentoring', kind: 'nice', category: 'soft_skill', keywords: ['mentoring'] },
        { id: 'q4', text: 'Rust', kind: 'must', category: 'hard_skill', keywords: ['Rust'] },
      ],
    };
    const analysis: Analysis = {
      matches: [
        { requirementId: 'q1', status: 'met', evidence: [{ cvId: 'p1h1', quote: 'A small Go library' }, { cvId: 'zz9', quote: 'invented' }], matchedKeywords: ['Go'] },
        { requirementId: 'q2', status: 'met', evidence: [{ cvId: 'w2h6', quote: 'Postgres trips database' }], matchedKeywords: ['PostgreSQL'] },
        { requirementId: 'q3', status: 'partial', evidence: [{ cvId: 'w1h4', quote: 'mentor two junior engineers' }], matchedKeywords: ['mentoring'] },
        { requirementId: 'q4', status: 'missing', evidence: [{ cvId: 'w1h1', quote: 'should not be used' }], matchedKeywords: [] },
      ],
      knockouts: [], coaching: [],
      figures: { match: 50, mustHave: { met: 2, partial: 0, missing: 1, total: 3 }, niceToHave: { met: 0, partial: 1, missing: 0, total: 1 } },
    };
    const letter = buildCoverLetter({ cv, job, analysis, parsedJob, date: DATE });
    // The must-have proven by an action; the project line "A small Go library…" says what pgbatch is, not what the
    // user did, so it is not turned into a sentence; the nice-to-have's partial evidence is too weak to make the list.
    expect(letter.evidence.map((e) => e.cvId)).toEqual(['w2h6']);
    expect(letter.paragraphs.join(' ')).toMatch(/At Kranich Mobility GmbH, I .*partitioned and tuned the Postgres trips database \(2 billion rows\), bringing the slowest reporting queries from 40 s to under 2 s/);
    expect(letter.paragraphs.join(' ')).not.toContain('pgbatch:');
    expect(letter.paragraphs.join(' ')).not.toContain('Rust');
    expectOnlyCvAchievements(letter, cv);
  });

  it('claims nothing when the CV proves nothing the posting asks for', () => {
    const cv = exampleCv();
    const job = JobPosting.parse({
      title: 'Registered Nurse', company: '', location: 'Leeds',
      description: 'Requirements\n- Registered Nurse (NMC PIN)\n- Experience in acute wards\n- Phlebotomy and cannulation',
    });
    const letter = buildCoverLetter({ cv, job, date: DATE });
    expect(letter.evidence).toEqual([]);
    expect(letter.salutation).toBe('Dear hiring team,');
    expect(letter.paragraphs[0]).toMatch(/^I am writing to apply for the Registered Nurse position\. I am currently a Backend Engineer at Helix Rail Technologies\./);
    expect(letter.body.every((b) => b.kind === 'paragraph')).toBe(true);
    // the latest role's own achievements, not presented as answers to the posting
    expect(letter.paragraphs.join(' ')).toContain('A few results from my recent work');
    expect(letter.paragraphs.join(' ')).not.toMatch(/posting asks for/);
    expectOnlyCvAchievements(letter, cv);
  });

  it('turns bullets into first-person sentences only where they start with an action, without their run-in labels', () => {
    expect(evidenceSentence({ text: 'Redesigned the cache', source: 'Helix', kind: 'work' })).toBe('At Helix, I redesigned the cache.');
    expect(evidenceSentence({ text: 'Run the guild reviews.', source: 'Helix', kind: 'work' })).toBe('At Helix, I run the guild reviews.');
    expect(evidenceSentence({ text: 'Shipped v2 in a week.', source: 'pgbatch', kind: 'project' })).toBe('For pgbatch, I shipped v2 in a week.');
    expect(evidenceSentence({ text: 'Deal Execution: Built LBO models for 6 mandates.', source: 'Meridian', kind: 'work' })).toBe('At Meridian, I built LBO models for 6 mandates.');
    expect(evidenceSentence({ text: 'Trained 8 analysts.', source: 'Meridian', kind: 'work' }, true)).toBe('I also trained 8 analysts.');
    // not what the user did: never pasted as "Acme: Revenue up…" or "I research Assistant – …"
    expect(evidenceSentence({ text: 'Revenue up 30% in a year.', source: 'Acme', kind: 'work' })).toBeUndefined();
    expect(evidenceSentence({ text: 'TensorFlow: TensorFlow is an open source library.', source: 'Google', kind: 'work' })).toBeUndefined();
    expect(evidenceSentence({ text: 'Design lead for the A38 viaduct.', source: 'Hallam', kind: 'work' })).toBeUndefined();
  });

  it('describes the applicant in the summary\'s own words, in the first person', () => {
    expect(selfDescription('Field scientist who turns monitoring data into decisions.')).toBe('I am a field scientist who turns monitoring data into decisions.');
    expect(selfDescription('FP&A professional with 8 years in retail.')).toBe('I am an FP&A professional with 8 years in retail.');
    expect(selfDescription('Innovative Web Developer with 5 years of experience.')).toBe('I am an innovative Web Developer with 5 years of experience.');
    expect(selfDescription('Senior Data Engineer with 6 years on clinical data.')).toBe('I am a Senior Data Engineer with 6 years on clinical data.');
    expect(selfDescription('Senior Financial Analyst with experience in Excel. FP&A professional with 8 years in retail.', ['Senior Financial Analyst'])).toBe('I am an FP&A professional with 8 years in retail.');
    expect(selfDescription('RenderCV reads a CV written in YAML.')).toBeUndefined();
    expect(selfDescription('I lead campaigns.')).toBeUndefined();
  });
});

describe('cover letter documents', () => {
  it('renders a PDF in the CV typography with the company and only CV-sourced achievements', async () => {
    const cv = exampleCv();
    const letter = buildCoverLetter({ cv, job: exampleJob(), date: DATE });
    for (const format of ['a4', 'letter'] as const) {
      const pdf = renderCoverLetterPdf(letter, { fonts, format });
      expect(pdf.length).toBeLessThan(150 * 1024);
      const pages = await pdfjsPages(pdfjs, pdf);
      expect(pages).toHaveLength(1);
      const text = pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\n');
      const file = join(TMP, `letter-${format}.pdf`);
      writeFileSync(file, pdf);
      const layout = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      for (const t of [text, layout]) {
        expect(t).toContain('Tessellate Payments');
        expect(contains(t, 'Application for Senior Backend Engineer')).toBe(true);
        for (const b of letter.body) expect(contains(t, b.text), b.text).toBe(true);
        expect(t).toContain('Alex Müller');
        expect(t).not.toMatch(/[\uFB00-\uFB06\uE000-\uF8FF]/);
      }
    }
  });

  it('renders a DOCX with the same text', async () => {
    const cv = exampleCv();
    const letter = buildCoverLetter({ cv, job: exampleJob(), date: DATE });
    const docx = await renderCoverLetterDocx(letter);
    expect(docx[0]).toBe(0x50); // "PK": a ZIP
    expect(docx[1]).toBe(0x4b);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
    expect(value).toContain('Tessellate Payments');
    expect(value).toContain(letter.subject);
    expect(value).toContain(letter.salutation);
    for (const p of letter.paragraphs) expect(value).toContain(p);
    expect(value).toContain('Kind regards,');
    expect(value).toContain('Alex Müller');
  });
});
