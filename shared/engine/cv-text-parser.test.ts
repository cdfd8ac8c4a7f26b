import { describe, expect, it } from 'vitest';
import { loadPairs } from '../../test/helpers';
import { parseCvText } from './cv-text-parser';
import { fold } from './text';

/** Field accuracy of the offline CV_PARSER against the hand-written truth of every fixture. */
const pairs = loadPairs();

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  return fold(a ?? '') === fold(b ?? '');
}

describe('offline CV parser accuracy on the fixtures', () => {
  const tally: Record<'contact' | 'work' | 'education' | 'bullets', [number, number]> = { contact: [0, 0], work: [0, 0], education: [0, 0], bullets: [0, 0] };
  const misses: string[] = [];

  it.each(pairs.map((p) => [p.name, p] as const))('%s', (_n, p) => {
    const { cv } = parseCvText(p.cvText);
    const e = p.expected;
    for (const [got, want, label] of [[cv.basics.name, e.basics.name, 'name'], [cv.basics.email, e.basics.email, 'email'], [cv.basics.phone, e.basics.phone, 'phone']] as const) {
      tally.contact[1]++;
      if (same(got, want)) tally.contact[0]++;
      else misses.push(`${p.name} ${label}: got "${got}" want "${want}"`);
    }
    e.work.forEach((w, i) => {
      const g = cv.work[i];
      tally.work[1]++;
      const ok = g && same(g.name, w.company) && same(g.position, w.position) && (g.startDate ?? null) === w.startDate && (g.endDate ?? null) === w.endDate;
      if (ok) tally.work[0]++;
      else misses.push(`${p.name} work[${i}]: got ${JSON.stringify(g && [g.name, g.position, g.startDate, g.endDate])} want ${JSON.stringify([w.company, w.position, w.startDate, w.endDate])}`);
      tally.bullets[1] += w.bulletCount;
      tally.bullets[0] += Math.min(w.bulletCount, g?.highlights.length ?? 0);
    });
    if (cv.work.length !== e.work.length) misses.push(`${p.name}: ${cv.work.length} roles found, ${e.work.length} expected`);
    e.education.forEach((ed, i) => {
      const g = cv.education[i];
      tally.education[1]++;
      const ok = g && same(g.institution, ed.institution) && same(g.studyType, ed.studyType) && (g.endDate ?? null) === ed.endDate;
      if (ok) tally.education[0]++;
      else misses.push(`${p.name} education[${i}]: got ${JSON.stringify(g && [g.institution, g.studyType, g.area, g.endDate])} want ${JSON.stringify([ed.institution, ed.studyType, ed.area, ed.endDate])}`);
    });
    expect(cv.work.length).toBeGreaterThan(0);
  });

  it('meets the accuracy floor', () => {
    const pct = (x: [number, number]) => (100 * x[0]) / x[1];
    console.info(`parser accuracy: contact ${pct(tally.contact).toFixed(1)}%, work ${pct(tally.work).toFixed(1)}%, education ${pct(tally.education).toFixed(1)}%, bullets ${pct(tally.bullets).toFixed(1)}%`);
    if (misses.length) console.info(misses.join('\n'));
    expect(pct(tally.contact)).toBeGreaterThanOrEqual(98);
    expect(pct(tally.work)).toBeGreaterThanOrEqual(90);
    expect(pct(tally.education)).toBeGreaterThanOrEqual(90);
    expect(pct(tally.bullets)).toBeGreaterThanOrEqual(95);
  });
});

describe('entries drawn with dots and icons (Reactive Resume and other HTML builders)', () => {
  const text = [
    'Jane Roe',
    'Web Developer',
    'jane.roe@example.com',
    '',
    'Experience',
    '• Northwind Traders Inc.',
    'Senior Web Developer',
    'San Francisco, CA',
    'January 2019 to Present',
    '• Led the redesign of the product website, raising engagement by 40%.',
    '• Mentored four junior developers.',
    '\uEBC2 https://northwind.example/',
    '• Brightwave',
    'Web Developer',
    'San Jose, CA',
    'June 2016 to December 2018',
    '• Built web applications with React and Node.js.',
    '',
    '• Skills',
    'Web Technologies',
    'HTML5, JavaScript, PHP',
    '',
    '• Certifications',
    'AWS Certified Developer',
  ].join('\n');

  it('reads the dotted employer over its title, place and dates as one role, and the link as the role\'s own', () => {
    const { cv } = parseCvText(text);
    expect(cv.work.map((w) => [w.name, w.position, w.location, w.startDate, w.endDate ?? null, w.highlights.length])).toEqual([
      ['Northwind Traders Inc.', 'Senior Web Developer', 'San Francisco, CA', '2019-01', null, 2],
      ['Brightwave', 'Web Developer', 'San Jose, CA', '2016-06', '2018-12', 1],
    ]);
    expect(cv.work[0]!.url).toBe('https://northwind.example/');
  });

  it('takes a dotted section name standing apart as the section heading', () => {
    const { cv } = parseCvText(text);
    expect(cv.skills.flatMap((s) => [s.name, ...s.keywords]).join(' ')).toMatch(/JavaScript/);
    expect(cv.certificates.map((c) => c.name)).toContain('AWS Certified Developer');
    expect(cv.education).toEqual([]);
  });

  it('keeps a one-word bullet inside a list a bullet', () => {
    const { cv } = parseCvText(['Jane Roe', '', 'Experience', 'Acme Ltd | Analyst | 2019 – 2021', '• Built dashboards.', '• Languages', '• Reporting'].join('\n'));
    expect(cv.work[0]!.highlights.map((h) => h.text)).toEqual(['Built dashboards.', 'Languages', 'Reporting']);
    expect(cv.languages).toEqual([]);
  });
});

describe('a running footer', () => {
  it('with the holder\'s name and the page is nobody\'s language or skill', () => {
    const { cv } = parseCvText(['Sofia Marquez', 'sofia@example.com', '', 'Languages', 'English · Spanish', 'November 14 · 2025 · Sofia Marquez · Résumé · 1'].join('\n'));
    expect(cv.languages.map((l) => l.language)).toEqual(['English', 'Spanish']);
  });
});

describe('certificates set one field per line', () => {
  it('join the name with the issuer and year below it (Reactive Resume, AltaCV)', () => {
    const rr = parseCvText(['Jane Roe', '', 'Certifications', 'Full-Stack Web Development', 'CodeAcademy', '2020', 'AWS Certified Developer', 'Amazon Web Services', '2019'].join('\n')).cv;
    expect(rr.certificates.map((c) => [c.name, c.issuer, c.date])).toEqual([['Full-Stack Web Development', 'CodeAcademy', '2020'], ['AWS Certified Developer', 'Amazon Web Services', '2019']]);
    const alta = parseCvText(['Jane Roe', '', 'Certifications', 'Certified Scrum Product Owner', '• Scrum Alliance, 2021', '', 'Product Analytics Certification', '• Pendo, 2022'].join('\n')).cv;
    expect(alta.certificates.map((c) => [c.name, c.issuer, c.date])).toEqual([['Certified Scrum Product Owner', 'Scrum Alliance', '2021'], ['Product Analytics Certification', 'Pendo', '2022']]);
  });
  it('leaves a list of dated certificates one per line alone', () => {
    const cv = parseCvText(['Jane Roe', '', 'Certifications', 'PMP, PMI, 2019', 'CSM, Scrum Alliance, 2020'].join('\n')).cv;
    expect(cv.certificates.map((c) => c.name)).toEqual(['PMP', 'CSM']);
  });
});

describe('Deedy\'s two columns', () => {
  const text = ['Ethan Park', 'ethan@example.com', '', 'AWARDS', 'st', '2024 | 1 /85 | HackGT Best Developer Tool', '2023 | Top 5% | ICPC Southeast USA Regional', '', 'EDUCATION', '', 'GEORGIA INSTITUTE OF TECH-', '', 'NOLOGY', 'BS in Computer Science', 'May 2025 | Atlanta, GA', '', 'Highest Honors', 'Cum. GPA: 3.92 / 4.0', '', 'LINKS', 'Github:// ethanpark-dev', '', 'SKILLS', 'Over 5000 lines:', 'Python • TypeScript • Go', 'Familiar:', 'Kubernetes • Terraform'].join('\n');
  it('reads the awards with their placing, the school broken over two lines, and skill groups labelled on their own line', () => {
    const { cv } = parseCvText(text);
    expect(cv.awards.map((a) => [a.title, a.summary, a.date])).toEqual([['HackGT Best Developer Tool', '1st/85', '2024'], ['ICPC Southeast USA Regional', 'Top 5%', '2023']]);
    expect(cv.education[0]).toMatchObject({ institution: 'GEORGIA INSTITUTE OF TECHNOLOGY', studyType: 'BS', area: 'Computer Science' });
    expect(cv.skills.map((s) => [s.name, s.keywords])).toEqual([['Over 5000 lines', ['Python', 'TypeScript', 'Go']], ['Familiar', ['Kubernetes', 'Terraform']]]);
  });
  it('takes "Highest Honors" as a distinction, not a heading that swallows what follows', () => {
    const { cv } = parseCvText(text);
    expect(cv.awards.map((a) => a.title)).not.toContain('LINKS');
    expect(cv.awards).toHaveLength(2);
  });
});

describe('an employer over a dated title line (OpenResume)', () => {
  it('keeps the title whole with its unit, and the hospital as the employer', () => {
    const { cv } = parseCvText(['Maya Okafor', 'maya@example.com', '', 'WORK EXPERIENCE', '', 'Riverside Methodist Hospital', 'Charge Nurse, Medical ICU | Mar 2021 - Present', '• Led a team of 14 RNs.'].join('\n'));
    expect(cv.work.map((w) => [w.name, w.position])).toEqual([['Riverside Methodist Hospital', 'Charge Nurse, Medical ICU']]);
  });
  it('reads "Google DeepMind, Research Intern | London, UK" with DeepMind as the employer, not London', () => {
    const { cv } = parseCvText(['John Doe', 'john@example.com', '', 'Experience', 'Google DeepMind, Research Intern | London, UK | May 2021 – Aug 2021', '• Built agents.'].join('\n'));
    expect(cv.work.map((w) => [w.name, w.position, w.location])).toEqual([['Google DeepMind', 'Research Intern', 'London, UK']]);
  });
});

describe('contact details separated by icon glyphs', () => {
  it('splits at a private-use icon as at a bar', () => {
    const { cv } = parseCvText(['John Doe', '\uEA01 Pleasantville, CA 94588  \uEA02 (555) 123-4567  \uEA03 john.doe@example.com  \uEA04 https://johndoe.example/', '', 'Experience', 'Acme | Developer | 2020 – 2022'].join('\n'));
    expect(cv.basics.url).toBe('https://johndoe.example/');
    expect(cv.basics.phone).toBe('(555) 123-4567');
  });
});
