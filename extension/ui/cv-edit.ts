import type { Cv, EducationEntry, SkillEntry, WorkEntry } from '../../shared/schema/cv';
import type { CvDisagreement } from '../../shared/documents/import/parse-cv';

/**
 * Pure helpers behind the CV review form: new ids that never collide with the ones provenance already points at,
 * blank entries, the warnings a person should look at before saving (the parser may have misread the file), the
 * one-action fixes of a misread structure (move a bullet, split a role, merge two), and the offline reading offered
 * where it differs from the model's.
 */

/**
 * Every id in use in a CV (entries and bullets), and the entry id each bullet's id was made from: after a merge,
 * bullet `w3h1` lives on in w2, and a new role named w3 would look like its origin.
 */
export function usedIds(cv: Cv): Set<string> {
  const ids = new Set<string>();
  const withBullets = [...cv.work, ...cv.projects, ...cv.volunteer];
  for (const e of withBullets) {
    ids.add(e.id);
    for (const h of e.highlights) {
      ids.add(h.id);
      const origin = /^(.+)h\d+$/.exec(h.id)?.[1];
      if (origin) ids.add(origin);
    }
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

// ---- Restructuring roles: what a misread layout needs fixed, each in one action ---------------------------------
// Bullets keep their ids through every operation: provenance (which master line a tailored bullet came from) points
// at them. A role that survives keeps its id too; a new role gets one that never collides.

/** Moves a bullet to the end of another role. */
export function moveBullet(cv: Cv, bulletId: string, toRoleId: string): Cv {
  const from = cv.work.find((r) => r.highlights.some((h) => h.id === bulletId));
  if (!from || from.id === toRoleId || !cv.work.some((r) => r.id === toRoleId)) return cv;
  const bullet = from.highlights.find((h) => h.id === bulletId)!;
  return {
    ...cv,
    work: cv.work.map((r) => {
      if (r.id === from.id) return { ...r, highlights: r.highlights.filter((h) => h.id !== bulletId) };
      if (r.id === toRoleId) return { ...r, highlights: [...r.highlights, bullet] };
      return r;
    }),
  };
}

/**
 * Splits a role in two at a bullet: that bullet and the ones after it go to a new role right below, at the same company
 * and place, its title and dates left empty for the person to fill (a promotion the parser read as one role).
 */
export function splitRole(cv: Cv, roleId: string, atBulletId: string): Cv {
  const i = cv.work.findIndex((r) => r.id === roleId);
  const role = cv.work[i];
  const at = role ? role.highlights.findIndex((h) => h.id === atBulletId) : -1;
  if (!role || at <= 0) return cv;
  const rest: WorkEntry = { id: nextId('w', usedIds(cv)), name: role.name, position: '', location: role.location, highlights: role.highlights.slice(at) };
  const work = [...cv.work];
  work.splice(i, 1, { ...role, highlights: role.highlights.slice(0, at) }, rest);
  return { ...cv, work };
}

/**
 * Merges a role into the one before it (`merge with next` is the same call from the next role): bullets one after the
 * other, every field kept from the first role and filled from the second only where the first is empty, and dates
 * spanning both. The first role's id stays.
 */
export function mergeRoles(cv: Cv, firstId: string, secondId: string): Cv {
  const a = cv.work.find((r) => r.id === firstId);
  const b = cv.work.find((r) => r.id === secondId);
  if (!a || !b || a === b) return cv;
  const fill = <K extends 'name' | 'position' | 'location' | 'url' | 'summary' | 'description'>(k: K) => (a[k]?.trim() ? a[k] : b[k]);
  const merged: WorkEntry = {
    ...b,
    ...a,
    name: fill('name') ?? '',
    position: fill('position') ?? '',
    location: fill('location'),
    url: fill('url'),
    summary: fill('summary'),
    description: fill('description'),
    startDate: earliest(a.startDate, b.startDate),
    // a current role (no end) ends the merged one at "present"
    endDate: a.startDate && !a.endDate ? undefined : b.startDate && !b.endDate ? undefined : latest(a.endDate, b.endDate),
    highlights: [...a.highlights, ...b.highlights],
  };
  return { ...cv, work: cv.work.filter((r) => r.id !== secondId).map((r) => (r.id === firstId ? merged : r)) };
}

function earliest(x: string | undefined, y: string | undefined): string | undefined {
  if (!x || !y || !DATE_OK.test(x) || !DATE_OK.test(y)) return x || y;
  return x <= y ? x : y;
}

function latest(x: string | undefined, y: string | undefined): string | undefined {
  if (!x || !y || !DATE_OK.test(x) || !DATE_OK.test(y)) return x || y;
  return x >= y ? x : y;
}

// ---- Two readings: the model's (shown) and the offline parser's (offered where they differ) ----------------------

const TAKEABLE = { basics: ['name', 'label', 'email', 'phone'], work: ['name', 'position', 'startDate', 'endDate', 'location'], education: ['institution', 'studyType', 'area', 'startDate', 'endDate'] } as const;

function holderOf(cv: Cv, d: CvDisagreement): { list: 'basics' | 'work' | 'education'; entry: Record<string, unknown> } | undefined {
  const list = d.path.split('.')[0];
  if (list === 'basics' && (TAKEABLE.basics as readonly string[]).includes(d.field)) return { list, entry: cv.basics };
  if ((list === 'work' || list === 'education') && (TAKEABLE[list] as readonly string[]).includes(d.field)) {
    const entry = (cv[list] as { id: string }[]).find((e) => e.id === d.entryId);
    return entry ? { list, entry } : undefined;
  }
  return undefined;
}

/** The disagreements still worth showing: the entry is still there and the field does not yet hold the other reading. */
export function openDisagreements(cv: Cv, ds: CvDisagreement[]): CvDisagreement[] {
  return ds.filter((d) => {
    const h = holderOf(cv, d);
    return h && ((h.entry[d.field] as string | undefined) ?? '').trim() !== (d.offline ?? '');
  });
}

/** One click: the field takes the offline parser's reading (empty when the offline parser found nothing there). */
export function takeOfflineReading(cv: Cv, d: CvDisagreement): Cv {
  const h = holderOf(cv, d);
  if (!h) return cv;
  // a field the schema requires holds '' rather than nothing
  const value = d.offline ?? (['name', 'position', 'institution'].includes(d.field) ? '' : undefined);
  if (h.list === 'basics') return { ...cv, basics: { ...cv.basics, [d.field]: value } };
  return { ...cv, [h.list]: (cv[h.list] as { id: string }[]).map((e) => (e.id === d.entryId ? { ...e, [d.field]: value } : e)) };
}

/**
 * Roles only one reader found, while they still matter: a role only the model read (until it is merged or removed),
 * and a role only the offline reader read (until one with that title and company is in the form, split out or typed).
 */
export function entryNotes(cv: Cv, ds: CvDisagreement[]): { modelOnly: Set<string>; offlineOnly: string[] } {
  const entries = ds.filter((d) => d.field === 'entry' && d.path.startsWith('work'));
  const inForm = new Set(cv.work.map((r) => r.id));
  const labels = cv.work.map((r) => [r.position, r.name].filter((x) => x.trim()).join(' · ').toLowerCase()).filter(Boolean);
  return {
    modelOnly: new Set(entries.flatMap((d) => (d.entryId && inForm.has(d.entryId) ? [d.entryId] : []))),
    offlineOnly: entries.flatMap((d) => (!d.entryId && d.offline && !labels.some((l) => d.offline!.toLowerCase().startsWith(`${l} (`) || d.offline!.toLowerCase() === l) ? [d.offline] : [])),
  };
}
