import type { Cv } from '../schema/cv';
import type { CvReview } from '../schema/cv-review';
import { parseDate } from './dates';

/** The offline CV_VALIDATOR: normalises dates, finds problems, asks about missing facts. It never fills them in. */
export function validateCv(cv: Cv, now: Date): { review: CvReview; cv: Cv } {
  const out: Cv = structuredClone(cv);
  const normalizedDates: CvReview['normalizedDates'] = [];
  const problems: CvReview['problems'] = [];
  const questions: CvReview['questions'] = [];
  const nowIso = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;

  const normDate = (path: string, value: string | undefined, set: (v: string | undefined) => void) => {
    if (!value) return;
    if (/^[12]\d{3}(-[01]\d(-[0-3]\d)?)?$/.test(value)) {
      if (value.slice(0, 7) > nowIso) problems.push({ path, severity: 'warning', message: `${value} is in the future. Check the date.` });
      return;
    }
    const p = parseDate(value);
    if (p.present) {
      normalizedDates.push({ path, original: value, normalized: null });
      set(undefined); // JSON Resume: no end date means "to the present"
      return;
    }
    normalizedDates.push({ path, original: value, normalized: p.iso });
    if (p.iso) set(p.iso);
    else problems.push({ path, severity: 'warning', message: `Could not read the date "${value}". Write it as "Mar 2021" or "2021".` });
  };

  const dated = [
    ['work', out.work],
    ['volunteer', out.volunteer],
    ['education', out.education],
    ['projects', out.projects],
  ] as const;
  for (const [section, list] of dated) {
    (list as { startDate?: string; endDate?: string }[]).forEach((e, i) => {
      normDate(`${section}[${i}].startDate`, e.startDate, (v) => (e.startDate = v));
      normDate(`${section}[${i}].endDate`, e.endDate, (v) => (e.endDate = v));
      if (e.startDate && e.endDate && e.endDate < e.startDate) {
        problems.push({ path: `${section}[${i}]`, severity: 'error', message: `Ends (${e.endDate}) before it starts (${e.startDate}).` });
      }
    });
  }
  out.certificates.forEach((c, i) => normDate(`certificates[${i}].date`, c.date, (v) => (c.date = v)));
  out.awards.forEach((a, i) => normDate(`awards[${i}].date`, a.date, (v) => (a.date = v)));

  if (!out.basics.name) questions.push({ path: 'basics.name', question: 'What is your full name as it should appear on the CV?' });
  if (!out.basics.email) questions.push({ path: 'basics.email', question: 'Which email address should employers use?' });
  if (!out.basics.phone) problems.push({ path: 'basics.phone', severity: 'info', message: 'No phone number. Many employers call first.' });
  if (!out.basics.summary) problems.push({ path: 'basics.summary', severity: 'info', message: 'No summary. CVPath can lead with your strengths only if you write one or it finds them in your roles.' });
  if (!out.work.length) problems.push({ path: 'work', severity: 'warning', message: 'No work experience found. If you have some, check that its heading reads "Experience".' });
  out.work.forEach((w, i) => {
    if (!w.startDate) questions.push({ path: `work[${i}].startDate`, question: `When did you start as ${w.position || 'this role'}${w.name ? ` at ${w.name}` : ''}?` });
    if (!w.name) questions.push({ path: `work[${i}].name`, question: `Which organisation were you ${w.position || 'working'} at?` });
    if (!w.position) questions.push({ path: `work[${i}].position`, question: `What was your job title at ${w.name || 'this employer'}?` });
    if (!w.highlights.length && !w.summary) problems.push({ path: `work[${i}]`, severity: 'warning', message: `No achievements listed for ${w.position || w.name}. Add two or three bullets with results.` });
    const seen = new Set<string>();
    w.highlights.forEach((h, j) => {
      const k = h.text.toLowerCase();
      if (seen.has(k)) problems.push({ path: `work[${i}].highlights[${j}]`, severity: 'warning', message: 'Duplicate bullet.' });
      seen.add(k);
      if (h.text.length > 350) problems.push({ path: `work[${i}].highlights[${j}]`, severity: 'info', message: 'Long bullet; aim for one or two lines.' });
    });
  });
  out.education.forEach((e, i) => {
    if (!e.institution) questions.push({ path: `education[${i}].institution`, question: 'Where did you study for this qualification?' });
  });
  if (!out.skills.length) problems.push({ path: 'skills', severity: 'warning', message: 'No skills section. Add one: ATS keyword search reads it first.' });

  // completeness: the parts a recruiter and an ATS expect, each worth its share
  const parts = [
    !!out.basics.name, !!out.basics.email, !!out.basics.phone, !!out.basics.summary, out.work.length > 0,
    out.work.every((w) => !!w.startDate), out.work.some((w) => w.highlights.length > 0), out.education.length > 0, out.skills.length > 0,
  ];
  const completeness = Math.round((100 * parts.filter(Boolean).length) / parts.length);
  return { review: { normalizedDates, problems, completeness, questions }, cv: out };
}
