import { describe, expect, it } from 'vitest';
import { classifyPosting, headingPart, linePart } from './posting-sections';
import { findSkills } from './skills';

describe('posting parts', () => {
  it.each([
    ["What you'll do", 'duties'],
    ['Responsibilities:', 'duties'],
    ["You'll thrive in this role if you bring:", 'must'],
    ['You may be a good fit if you:', 'must'],
    ['Requirements', 'must'],
    ["Ideally you'd have:", 'nice'],
    ['Nice to have', 'nice'],
    ['Bonus points:', 'nice'],
    ['Strong candidates may also have experience with:', 'nice'],
    ['Benefits', 'benefits'],
    ['Perks', 'benefits'],
    ['About us', 'about'],
    ['About Canonical', 'about'],
    ['Our values', 'values'],
    ['EEO Statement', 'legal'],
    ['Votre profil :', 'must'],
    // boards combine the qualification words however they like
    ['Required/Minimum Qualifications', 'must'],
    ['Additional or Preferred Qualifications', 'nice'],
    ['Knowledge, Skills & Experience', 'must'],
    ['EDUCATION and/or EXPERIENCE', 'must'],
    ['Job Requirements:', 'must'],
    ['What we’re looking for', 'must'],
    ['WHO WE ARE LOOKING FOR', 'must'],
    ['You Must Have', 'must'],
    // lead-ins that announce the list
    ['Fellowship applicants must meet the following criteria:', 'must'],
    ['The successful candidate for this role will likely:', 'must'],
    // conditions, pay and perks are not requirements blocks
    ['Physical Demands, Work Environment, and Other Requirements', 'other'],
    ['Working Conditions:', 'other'],
    ['The Good Stuff', 'benefits'],
    ['Annual Salary Range', 'benefits'],
  ] as const)('heading %j is %s', (line, part) => {
    expect(headingPart(line)).toBe(part);
  });

  it.each(['Skills Coach', 'Benefits Administrator', 'Diversity Officer', 'Mission Specialist', 'Requirements Engineer'])('job title %j is not a heading', (t) => {
    expect(headingPart(t)).toBeUndefined();
  });

  it('a label with its value is a line, not a heading', () => {
    expect(headingPart('Skills: Figma')).toBeUndefined();
  });

  it('a bullet or a sentence is not a heading unless it ends with a colon', () => {
    expect(headingPart('- Requirements gathering with stakeholders')).toBeUndefined();
    expect(headingPart('Requirements are reviewed weekly.')).toBeUndefined();
    expect(headingPart('- Stack Technique :')).toBeUndefined(); // a sub-heading: keeps its block, yet is never a requirement
  });

  it.each([
    ['$176,000 - $300,000 USD', 'benefits'],
    ['Compensation packages at Scale for eligible roles include base salary, equity, and benefits. The range reflects job-related skills, experience, and relevant education.', 'benefits'],
    ["Please reference the job posting's subtitle for where this position will be located.", 'process'],
    ['PLEASE NOTE: Our policy requires a 90-day waiting period before reconsidering candidates for the same role.', 'process'],
    ['Visa sponsorship: We do sponsor visas!', 'legal'],
    ['We are an equal opportunity employer and do not discriminate on the basis of race, religion, color.', 'legal'],
    ['$500 per annum wellbeing budget', 'benefits'],
    ['Medical, dental and vision insurance from day one', 'benefits'],
    ['33 days annual leave including bank holidays', 'benefits'],
  ] as const)('line %j is %s', (line, part) => {
    expect(linePart(line)).toBe(part);
  });

  it.each([
    'Experience with compensation and benefits administration',
    '3+ years of experience with payroll and pension schemes',
    'You must have the right to work in the UK',
    'Strong programming skills in Python',
    'Proven experience managing paid media budgets of £1m+ a year on Google Ads and Meta',
    'Consistent record of attaining or exceeding an annual quota of $1M or more',
    'Must be authorized to work in the United States; we are unable to sponsor visas for this position',
  ])('a requirement that names pay or perks is still a requirement: %j', (line) => {
    expect(linePart(line)).toBeUndefined();
  });

  it('values under no heading are values, never requirements', () => {
    const lines = classifyPosting('Requirements\n- Python\n\nOwn Your Practice\nPatients First');
    expect(lines.find((l) => l.text === 'Own Your Practice')!.part).toBe('values');
    expect(lines.find((l) => l.text === 'Python')!.part).toBe('must');
  });

  it('splits a heading glued to the end of a sentence', () => {
    const lines = classifyPosting('Note: pick your location from Reston, VA, USA.Minimum qualifications:\n- 10 years of experience');
    expect(lines.find((l) => l.text.startsWith('10 years'))!.part).toBe('must');
  });
});

describe('short or ambiguous skill names count only where they sit as skills', () => {
  it.each([
    ['(Go Sooners and Cardinal!)', []],
    ["Let's go!", []],
    ['Go-to-market plans', ['Marketing strategy']],
    ['excel in a fast-paced team', []],
    ['spark curiosity in every lesson', []],
    ['a swift response to incidents', []],
    ['Experience with Go', ['Go']],
    ['Python, Go, C, Postgresql', ['Python', 'Go', 'C', 'PostgreSQL']],
    ['Proficient in R or Python', ['Python', 'R']],
    ['Advanced Excel skills', ['Excel']],
    ['built iOS apps in Swift', ['Swift']],
    ['Apache Spark', ['Spark']],
    ['Languages: Go, Rust', ['Go', 'Rust']],
    ['Go', ['Go']],
    ['Rust in production', ['Rust']],
    ['Confident using HR systems and Excel to analyse people data', ['HRIS', 'Excel']],
    ['Excel at building relationships', []],
  ] as const)('%j → %j', (text, skills) => {
    expect(findSkills(text).sort()).toEqual([...skills].sort());
  });
});
