import { describe, expect, it } from 'vitest';
import { JobPosting } from '../schema/job-posting';
import { parseJob } from './job-text-parser';

/** Requirements written as law firms and careers pages write them: in prose, under no requirements heading. */
const parse = (description: string) => parseJob(JobPosting.parse({ title: 'Associate', company: 'Example LLP', description })).requirements;

describe('offline JOB_PARSER: requirements in prose', () => {
  it('reads "The ideal candidate will have…", "Candidates must…" and "…is preferred" sentences, and nothing else of the paragraph', () => {
    const reqs = parse(
      'Example LLP is seeking an associate to join its litigation group. The ideal candidate will have 3 to 6 years of experience with civil litigation. Candidates must have excellent research and writing skills. Experience conducting depositions is preferred. The firm has 40 offices worldwide.',
    );
    expect(reqs.map((r) => [r.kind, r.category])).toEqual([
      ['must', 'years'],
      ['must', 'soft_skill'],
      ['nice', 'other'],
    ]);
    expect(reqs[0]!.minYears).toBe(3);
  });

  it('does not end a sentence at an abbreviation', () => {
    const reqs = parse('Candidates should be registered to practice before the U.S. Patent and Trademark Office. The ideal candidate will have a Ph.D. Biology background is a plus.');
    expect(reqs[0]!.text).toBe('Candidates should be registered to practice before the U.S. Patent and Trademark Office.');
    expect(reqs).toHaveLength(2);
  });

  it('types bar admission as a licence and a law degree as education', () => {
    const reqs = parse('Requirements\n\n- Admission to the State Bar of your office location is required.\n- JD from an ABA-accredited law school.\n- Three to five years of patent prosecution experience.');
    expect(reqs.map((r) => r.category)).toEqual(['certification', 'education', 'years']);
    expect(reqs[2]!.minYears).toBe(3);
  });

  it('keeps "- OR equivalent experience." with the degree it qualifies', () => {
    const reqs = parse("Required Qualifications\n\n- Bachelor's Degree in Computer Science AND 2+ years of coding experience\n  - OR equivalent experience.\n- Experience with Azure DevOps.");
    expect(reqs).toHaveLength(2);
    expect(reqs[0]!.text).toMatch(/OR equivalent experience/);
  });

  it('never takes a background-check notice, a sedentary-work note or pay as a requirement, but keeps "required to pass"', () => {
    const reqs = parse(
      'Other Requirements\n\nThis position will be required to pass the background check upon hire.\n\nWork Environment\n\nJobs are sedentary if walking and standing are required only occasionally.\n\nThe base pay range for this role is USD $94,300 - $182,600 per year.',
    );
    expect(reqs.map((r) => r.text)).toEqual(['This position will be required to pass the background check upon hire.']);
    expect(reqs[0]!.category).toBe('authorization');
  });
});
