import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, OUT } from '../../scripts/build-skills-vocabulary';
import { findSkills, mentions } from './skills';

/** The skills vocabulary as a user meets it: the tools a posting names are found, ordinary words are not. */
describe('skills vocabulary (hand-written list + O*NET technology skills)', () => {
  it('is the compiled form of the vendored O*NET data (run scripts/build-skills-vocabulary.ts after changing either)', () => {
    expect(readFileSync(OUT, 'utf8')).toBe(compile());
  });

  it('finds the office tools a legal secretary posting lists, each under its product name', () => {
    const skills = findSkills('Proficiency in Microsoft Outlook, Word, Excel, and PowerPoint.');
    expect(skills).toEqual(expect.arrayContaining(['Microsoft Outlook', 'Microsoft Word', 'Excel', 'Microsoft PowerPoint']));
    expect(findSkills('Word (Advanced level)')).toContain('Microsoft Word');
  });

  it('finds products the hand-written list never had', () => {
    expect(findSkills('Knowledge of SQL, Crystal Reports and Power BI is a plus')).toContain('SAP Crystal Reports');
    expect(findSkills('Experience with Atlassian JIRA and Confluence')).toContain('Atlassian JIRA');
  });

  it('does not read ordinary words as products: a word of advice, access to the office, a project, real estate', () => {
    for (const text of ['Give a word of advice to the team', 'Access to the office is limited', 'Lead the project from start to finish', 'We act with integrity', 'Real estate lending experience', 'encryption, software, semiconductors'])
      expect(findSkills(text), text).toEqual([]);
  });

  it('counts a CV as mentioning a product only where it is written as the product', () => {
    expect(mentions('Drafted memos in Microsoft Word', 'Microsoft Word')).toBe(true);
    expect(mentions('Chose every word with care', 'Microsoft Word')).toBe(false);
  });
});
