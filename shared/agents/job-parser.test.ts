import { describe, expect, it } from 'vitest';
import { JobPosting } from '../schema/job-posting';
import { jobParser } from './job-parser';

describe('JOB_PARSER finalize (the llm path)', () => {
  const job = JobPosting.parse({
    title: 'Senior Frontend Engineer',
    company: 'Vercel',
    description: 'About you:\n- Deep expertise in React and TypeScript\n\nThe base pay range for this role is $196,000 - $294,000 USD.\nVercel is an equal opportunity employer.',
  });
  const ctx = { now: new Date('2026-11-01') };

  it('drops pay and legal lines a model listed, and keeps the employer and generic words out of keywords', () => {
    const out = jobParser.finalize(
      {
        title: job.title,
        normalizedTitle: job.title,
        company: 'Vercel',
        seniority: 'senior',
        keywords: ['vercel', 'React', 'USD', 'please'],
        requirements: [
          { id: 'x', text: 'Deep expertise in React and TypeScript', kind: 'must', category: 'hard_skill', keywords: ['React', 'Vercel'] },
          { id: 'y', text: 'The base pay range for this role is $196,000 - $294,000 USD.', kind: 'must', category: 'other', keywords: ['USD'] },
          { id: 'z', text: 'Vercel is an equal opportunity employer.', kind: 'must', category: 'other', keywords: ['vercel'] },
          { id: 'w', text: "You'll thrive in this role if you bring:", kind: 'must', category: 'other', keywords: ['thrive'] },
        ],
      },
      job,
      ctx,
    );
    expect(out.requirements.map((r) => r.text)).toEqual(['Deep expertise in React and TypeScript']);
    expect(out.requirements[0]!.keywords).toEqual(['React', 'TypeScript']);
    expect(out.keywords.some((k) => k.toLowerCase() === 'vercel')).toBe(false);
    expect(out.keywords).not.toContain('USD');
    expect(out.keywords).not.toContain('please');
  });
});
