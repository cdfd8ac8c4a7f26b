import type { Cv, EducationEntry, SkillEntry, WorkEntry } from '../../shared/schema/cv';

/**
 * Pure helpers behind the CV review form: new ids that never collide with the ones provenance already points at,
 * blank entries, and the warnings a person should look at before saving (the parser may have misread the file).
 */

/** Every id in use in a CV (entries and bullets). */
export function usedIds(cv: Cv): Set<string> {
  const ids = new Set<string>();
  const withBullets = [...cv.work, ...cv.projects, ...cv.volunteer];
  for (const e of withBullets) {
    ids.add(e.id);
    for (const h of e.highlights) ids.add(h.id);
  }
  for (const list of [cv.education, cv.skills, cv.awards, cv.certificates, cv.publications, cv.languages, cv.interests, cv.references]) {
    for (const e of list) ids.add(e.id);
  }
  return ids;
}

/** The first `<prefix><n>` not in use, n counting from 1. */
export function nextId(prefix: string, used: Set<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!used.has(id)) return id;
  }
}

export function blankRole(cv: Cv): WorkEntry {
  return { id: nextId('w', usedIds(cv)), name: '', position: '', highlights: [] };
}

export function blankEducation(cv: Cv): EducationEntry {
  return { id: nextId('e', usedIds(cv)), institution: '', courses: [] };
}

export function blankSkill(cv: Cv): SkillEntry {
  return { id: nextId('s', usedIds(cv)), name: '', keywords: [] };
}

/** A new bullet for an entry, id `<entryId>h<n>` like the importers give. */
export function blankBullet(cv: Cv, entryId: string): { id: string; text: string } {
  return { id: nextId(`${entryId}h`, usedIds(cv)), text: '' };
}

/** Comma-separated keywords as typed → the list stored. */
export function splitKeywords(text: string): string[] {
  return text.split(/[,;\n]/).map((k) => k.trim()).filter(Boolean);
}

export interface CvWarning {
  /** Where to look, e.g. `work.2` (index in the form). */
  path: string;
  message: string;
}

const DATE_OK = /^[12]\d{3}(-[01]\d(-[0-3]\d)?)?$/;

/** What looks wrong in a parsed CV. Nothing here blocks saving: the person decides. */
export function reviewWarnings(cv: Cv): CvWarning[] {
  const w: CvWarning[] = [];
  if (!cv.basics.name.trim()) w.push({ path: 'basics.name', message: 'No name found. Add your name as it should appear on the CV.' });
  if (!cv.basics.email?.trim() && !cv.basics.phone?.trim()) w.push({ path: 'basics.email', message: 'No email or phone found: a recruiter could not contact you.' });
  if (!cv.work.length) w.push({ path: 'work', message: 'No roles found. If your CV lists experience, the file may not have been read well: add the roles below or import another format.' });
  cv.work.forEach((r, i) => {
    const label = r.position || r.name || `Role ${i + 1}`;
    if (!r.name.trim() || !r.position.trim()) w.push({ path: `work.${i}`, message: `${label}: the company or the job title is missing.` });
    if (!r.startDate) w.push({ path: `work.${i}`, message: `${label}: no start date.` });
    else if (!DATE_OK.test(r.startDate)) w.push({ path: `work.${i}`, message: `${label}: the start date "${r.startDate}" is not a date like 2021 or 2021-03.` });
    if (r.endDate && !DATE_OK.test(r.endDate)) w.push({ path: `work.${i}`, message: `${label}: the end date "${r.endDate}" is not a date like 2023 or 2023-06 (leave it empty for a current role).` });
    if (r.startDate && r.endDate && DATE_OK.test(r.startDate) && DATE_OK.test(r.endDate) && r.endDate < r.startDate) w.push({ path: `work.${i}`, message: `${label}: ends before it starts.` });
    if (!r.highlights.some((h) => h.text.trim())) w.push({ path: `work.${i}`, message: `${label}: no bullets. Achievements are what tailoring works with.` });
  });
  if (!cv.education.length) w.push({ path: 'education', message: 'No education found. Add it if you have any; many postings screen for it.' });
  if (!cv.skills.length) w.push({ path: 'skills', message: 'No skills section found.' });
  return w;
}

/** Drops what the form left empty (blank bullets, blank keyword lists), so the saved CV holds only real content. */
export function cleanForSave(cv: Cv): Cv {
  const bullets = (hs: { id: string; text: string }[]) => hs.map((h) => ({ ...h, text: h.text.trim() })).filter((h) => h.text);
  const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  return {
    ...cv,
    basics: { ...cv.basics, name: cv.basics.name.trim(), email: opt(cv.basics.email), phone: opt(cv.basics.phone), summary: opt(cv.basics.summary), label: opt(cv.basics.label) },
    work: cv.work
      .filter((r) => r.name.trim() || r.position.trim() || r.highlights.some((h) => h.text.trim()))
      .map((r) => ({ ...r, name: r.name.trim(), position: r.position.trim(), startDate: opt(r.startDate), endDate: opt(r.endDate), highlights: bullets(r.highlights) })),
    education: cv.education.filter((e) => e.institution.trim()).map((e) => ({ ...e, studyType: opt(e.studyType), area: opt(e.area), startDate: opt(e.startDate), endDate: opt(e.endDate) })),
    skills: cv.skills.filter((s) => s.name.trim() || s.keywords.length),
  };
}
