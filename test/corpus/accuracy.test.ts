import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { scrapeJob } from '../../shared/sites';
import { cvReport, cvTotals, pageReport, pageTotals } from './report';
import { listCorpusCvs, scoreCorpusCv, type CvScore } from './score-cvs';
import { listCorpusPages, scorePage } from './score-pages';
import { listFixtures } from '../../shared/sites/__fixtures__/load';
import { BOARDS } from '../../shared/sites';

/**
 * The outside corpus as a guard: pages saved and CVs made by other people's templates, read as the product reads
 * them. The tables print with the run, so a regression shows where it happened.
 */
describe('outside corpus: job pages', () => {
  const pages = listCorpusPages();
  const scores = pages.map(scorePage);

  it('reads every page without an error, and says so per board', () => {
    console.log(pageReport(scores, true));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(scores.filter((s) => s.failed).map((s) => s.id)).toEqual([]);
  });

  /**
   * The target is 95% of pages exactly right (issue 10); measured 53% on the 34 pages of December 2026, then 80% (32
   * of 40) once the generic reader read sectioned careers pages, labelled and pinned places and hiring entities, and
   * 100% (43 of 43) with the Taleo, Jobvite, TalentReef, Recsolu, viRecruit and Micron Systems adapters. This guard
   * holds the floor measured (less one page of 43) so a change cannot lose ground unnoticed.
   */
  const PAGES_EXACT_FLOOR = 0.97;

  it(`reads at least ${PAGES_EXACT_FLOOR * 100}% of pages exactly right (title, company, location, whole description, no chrome)`, () => {
    const t = pageTotals(scores);
    expect(pages.length).toBeGreaterThanOrEqual(30);
    expect(t.boards).toBeGreaterThanOrEqual(12);
    expect(t.exact / t.pages).toBeGreaterThanOrEqual(PAGES_EXACT_FLOOR);
  });

  /**
   * These are pages as people saw them: nothing on them hides text from its readers, so a warning would be a false
   * alarm (a Next.js page's `__NEXT_DATA__`, a Webflow page's scroll-in animations). The Next.js careers page is
   * company-careers/vercel-technical-consultant-us.
   */
  it('raises no hidden-text warning on any page', () => {
    const warned = pages.flatMap((p) => {
      const { document } = parseHTML(p.html);
      const warnings = scrapeJob(document, new URL(p.expected.url))?.posting.warnings ?? [];
      return warnings.filter((w) => w.code === 'hidden_text').map((w) => `${p.id}: ${w.excerpt ?? w.message}`);
    });
    expect(warned).toEqual([]);
  });

  it('has a source and a licence recorded for every page', () => {
    for (const p of pages) expect(p.expected.source.repo && p.expected.source.commit && p.expected.source.licence, p.id).toBeTruthy();
  });

  // an adapter nobody has seen read a real page is a guess at the board's markup
  it('has pages for every board adapter: corpus pages it reads exactly, or its saved fixtures', () => {
    const fixtures = listFixtures();
    for (const board of BOARDS) {
      const read = scores.filter((s) => s.via === board.id && s.exact).length;
      const saved = fixtures.filter((f) => f.expected.via === board.id).length;
      expect(read + saved, `${board.id}: no corpus page read exactly and no fixture`).toBeGreaterThan(0);
    }
  });
});

describe('outside corpus: CV PDFs', () => {
  const cvs = listCorpusCvs();
  const scores: CvScore[] = [];

  it('imports every CV', async () => {
    for (const c of cvs) scores.push(await scoreCorpusCv(c));
    console.log(cvReport(scores, true));
    expect(cvs.length).toBeGreaterThanOrEqual(25);
    expect(new Set(cvs.map((c) => c.expected.family)).size).toBeGreaterThanOrEqual(12);
    expect(scores.filter((s) => s.failed).map((s) => s.id)).toEqual([]);
  });

  it('reads ≥ 95% of all fields and ≥ 85% in every template family (the issue\'s line), and no less than now', () => {
    const t = cvTotals(scores);
    expect(t.right / t.fields).toBeGreaterThanOrEqual(0.95);
    expect(t.worstFamily?.share ?? 0, t.worstFamily?.family).toBeGreaterThanOrEqual(0.85);
    // a guard against regressions, a little under the measured figures (98.0% of 1,426 fields; worst family 89.5%,
    // JSON Resume macchiato, whose skills are pills set apart by wide spaces only)
    expect(t.right / t.fields).toBeGreaterThanOrEqual(0.975);
    expect(t.worstFamily?.share ?? 0, t.worstFamily?.family).toBeGreaterThanOrEqual(0.88);
  });

  it('has a template source and a licence recorded for every CV', () => {
    for (const c of cvs) expect(c.expected.source.licence && (c.expected.source.template ?? c.expected.source.repo), c.id).toBeTruthy();
  });
});
