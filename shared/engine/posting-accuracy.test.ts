import { describe, expect, it } from 'vitest';
import { hasText, loadCorpusLabelledPostings, loadLabelledPostings, scoreRequirements, type LabelledPosting } from '../../test/corpus/score-requirements';
import type { ParsedJob } from '../schema/parsed-job';
import { fold } from './text';

/**
 * The offline JOB_PARSER against requirement lists labelled by hand (issue 11): three real saved pages of the
 * corpus and five postings written in the shapes the issue quotes (Scale AI's pay and policy lines, Anthropic's
 * visa line, Indeed's "You'll thrive in this role if you bring:", perks and values, Vercel naming itself).
 * `npm run accuracy` prints the same figures.
 */
const postings = loadLabelledPostings();
const corpus = loadCorpusLabelledPostings();

/** No pay, perk, value, legal or process line is a requirement, and none of the posting's own noise is a keyword. */
function expectNoNoise(p: { labelled: LabelledPosting; parsed: ParsedJob }) {
  for (const r of p.parsed.requirements) {
    for (const bad of p.labelled.never) expect(hasText(r.text, bad), `${r.text} ⊃ ${bad}`).toBe(false);
    expect(r.text.trim().endsWith(':'), r.text).toBe(false);
  }
  const keywords = new Set([...p.parsed.keywords, ...p.parsed.requirements.flatMap((r) => r.keywords)].map(fold));
  for (const bad of p.labelled.neverKeywords) expect(keywords.has(fold(bad)), bad).toBe(false);
}

describe('offline JOB_PARSER on hand-labelled postings', () => {
  it('has the labelled set', () => {
    expect(postings.length).toBeGreaterThanOrEqual(8);
  });

  it.each(postings.map((p) => [p.name, p] as const))('%s: no pay, perk, value, legal or process line is a requirement or a keyword', (_n, p) => expectNoNoise(p));

  it('reaches ≥ 90% precision and ≥ 80% recall over the set, printed per posting', () => {
    const s = scoreRequirements(postings);
    console.info(s.report);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.8);
    // the posting's own words decide must or nice: nearly always right when the requirement is found
    expect(s.kind).toBeGreaterThanOrEqual(0.9);
    // typed as the labeller typed them (skill/tool, years, degree, certification, language, authorisation, location)
    expect(s.category).toBeGreaterThanOrEqual(0.85);
  });
});

/**
 * Acceptance 1 of issue 11: real job pages of the outside corpus, read with the product's own site readers and
 * labelled by hand (test/corpus/requirement-labels.json). The floors are the acceptance targets; measured in December
 * 2026 on 30 pages (the last two labelled after the parser work, as a held-out check): precision 99%, recall 100%,
 * must/nice 98%, type 82%. A change that reads postings worse fails here.
 */
describe('offline JOB_PARSER on hand-labelled real corpus pages', () => {
  it('has at least 25 labelled real postings', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
  });

  it.each(corpus.map((p) => [p.name, p] as const))('%s: no pay, perk, value, legal or process line is a requirement or a keyword', (_n, p) => expectNoNoise(p));

  it('reaches ≥ 90% precision and ≥ 80% recall over the corpus, with must/nice and types mostly as labelled', () => {
    const s = scoreRequirements(corpus, false, 'real corpus pages');
    console.info(s.report);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.8);
    expect(s.kind).toBeGreaterThanOrEqual(0.9);
    expect(s.category).toBeGreaterThanOrEqual(0.75);
  });
});
