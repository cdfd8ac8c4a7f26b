import { describe, expect, it } from 'vitest';
import { JobPosting } from '../schema/job-posting';
import { listFixtures, parse } from './__fixtures__/load';
import { looksLikeJobPage, scrapeJob } from './index';

/** Every saved page, read as the content script reads it: the right fields, the whole description, nothing else. */
describe.each(listFixtures())('$board/$name', ({ html, expected }) => {
  const url = new URL(expected.url);
  const result = scrapeJob(parse(html), url);
  const posting = JobPosting.parse(result?.posting);
  const d = posting.description;

  it('is read by the expected reader, with the fields the page shows', () => {
    expect(result?.via).toBe(expected.via);
    expect(posting.title).toBe(expected.title);
    expect(posting.company).toBe(expected.company);
    expect(posting.location ?? null).toBe(expected.location);
    if (expected.remote) expect(posting.remote).toBe(expected.remote);
    if (expected.employmentType) expect(posting.employmentType).toBe(expected.employmentType);
    if (expected.salary) expect(posting.salary).toBe(expected.salary);
    expect(posting.url).toBe(url.href);
    expect(posting.scrapedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(posting.contentHash).toBeUndefined(); // the background computes it
  });

  it('keeps the whole description, paragraphs and "- " bullets included', () => {
    for (const passage of expected.descriptionIncludes) expect(d).toContain(passage);
    if (expected.descriptionStartsWith) expect(d.startsWith(expected.descriptionStartsWith)).toBe(true);
    if (expected.descriptionEndsWith) expect(d.endsWith(expected.descriptionEndsWith)).toBe(true);
    expect(d).toMatch(/\n\n/);
    expect(d).toMatch(/^- \S/m);
    // no stray whitespace: no triple breaks, no trailing spaces, no double spaces inside a line (indented sub-items are fine)
    expect(d).not.toMatch(/\n{3,}|[ \t]\n|[^\n ] {2,}\S|\n +[^ -]/);
  });

  it('leaves out navigation, cookie banners, forms, other jobs and footers', () => {
    for (const passage of expected.descriptionExcludes) expect(d).not.toContain(passage);
  });

  it('warns about exactly what the page hides or injects', () => {
    expect([...new Set(posting.warnings.map((w) => w.code))].sort()).toEqual([...expected.warnings].sort());
    for (const w of posting.warnings) expect((w.excerpt ?? '').length).toBeLessThanOrEqual(160);
    for (const p of expected.payloads ?? []) expect(d.toLowerCase()).not.toContain(p.toLowerCase());
    for (const e of expected.hiddenExcerpts ?? []) expect(posting.warnings.some((w) => w.code === 'hidden_text' && w.excerpt?.includes(e))).toBe(true);
  });

  it('reports a failure only where the board adapter no longer fits the markup', () => {
    expect((result?.failures ?? []).map((f) => f.site)).toEqual(expected.failures ?? []);
  });

  it('is recognised as a job page by the cheap check', () => {
    expect(looksLikeJobPage(parse(html), url)).toBe(true);
  });
});

describe('fixtures', () => {
  it('cover every board, both generic readers, injection and hidden text', () => {
    const all = listFixtures();
    const count = (b: string) => all.filter((f) => f.board === b).length;
    expect(count('linkedin')).toBeGreaterThanOrEqual(4);
    for (const b of ['indeed', 'greenhouse', 'json-ld', 'readable']) expect(count(b)).toBeGreaterThanOrEqual(2);
    for (const b of ['lever', 'workday', 'ashby', 'smartrecruiters']) expect(count(b)).toBeGreaterThanOrEqual(1);
    expect(all.some((f) => f.expected.warnings.includes('prompt_injection') && f.expected.via === 'greenhouse')).toBe(true);
    expect(all.some((f) => f.expected.warnings.includes('hidden_text'))).toBe(true);
  });
});
