import { z } from 'zod';
import type { Cv, CvInput } from './cv';
import { Cv as CvSchema } from './cv';

/**
 * Plain JSON Resume 1.0, read leniently: the older spellings (`work[].company`, `education[].gpa`,
 * `website` for `url`) are accepted, unknown fields are ignored, highlights are strings.
 */
const s = z.string().optional().catch(undefined);
const strList = z.array(z.string()).optional().catch(undefined);

export const JsonResume = z.looseObject({
  basics: z.looseObject({
    name: s, label: s, image: s, picture: s, email: s, phone: s, url: s, website: s, summary: s,
    location: z.looseObject({ address: s, postalCode: s, city: s, countryCode: s, region: s }).optional().catch(undefined),
    profiles: z.array(z.looseObject({ network: s, username: s, url: s })).optional().catch(undefined),
  }).optional(),
  work: z.array(z.looseObject({ name: s, company: s, position: s, location: s, url: s, website: s, description: s, startDate: s, endDate: s, summary: s, highlights: strList })).optional(),
  volunteer: z.array(z.looseObject({ organization: s, position: s, url: s, website: s, startDate: s, endDate: s, summary: s, highlights: strList })).optional(),
  education: z.array(z.looseObject({ institution: s, url: s, area: s, studyType: s, startDate: s, endDate: s, score: s, gpa: s, courses: strList })).optional(),
  awards: z.array(z.looseObject({ title: s, date: s, awarder: s, summary: s })).optional(),
  certificates: z.array(z.looseObject({ name: s, date: s, issuer: s, url: s })).optional(),
  publications: z.array(z.looseObject({ name: s, publisher: s, releaseDate: s, url: s, website: s, summary: s })).optional(),
  skills: z.array(z.looseObject({ name: s, level: s, keywords: strList })).optional(),
  languages: z.array(z.looseObject({ language: s, fluency: s })).optional(),
  interests: z.array(z.looseObject({ name: s, keywords: strList })).optional(),
  references: z.array(z.looseObject({ name: s, reference: s })).optional(),
  projects: z.array(z.looseObject({ name: s, description: s, highlights: strList, keywords: strList, startDate: s, endDate: s, url: s, roles: strList, entity: s, type: s })).optional(),
  meta: z.looseObject({ canonical: s, version: s, lastModified: s }).optional(),
});
export type JsonResume = z.infer<typeof JsonResume>;

/** True when a parsed JSON value looks like a JSON Resume (or a Cv) rather than something else. */
export function looksLikeJsonResume(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.basics === 'object' || Array.isArray(v.work) || Array.isArray(v.education);
}

const bullets = (prefix: string, xs: string[] | undefined) => (xs ?? []).filter((t) => t.trim()).map((text, j) => ({ id: `${prefix}h${j + 1}`, text }));

/** JSON Resume → Cv, with stable ids in document order (`w1`, `w1h2`, `e1`…). */
export function fromJsonResume(input: unknown): Cv {
  const r = JsonResume.parse(input);
  const b = r.basics ?? {};
  const cv: CvInput = {
    basics: {
      name: b.name ?? '', label: b.label, image: b.image ?? b.picture, email: b.email, phone: b.phone, url: b.url ?? b.website, summary: b.summary,
      location: b.location ? { address: b.location.address, postalCode: b.location.postalCode, city: b.location.city, countryCode: b.location.countryCode, region: b.location.region } : undefined,
      profiles: (b.profiles ?? []).map((p) => ({ network: p.network, username: p.username, url: p.url })),
    },
    work: (r.work ?? []).map((w, i) => ({ id: `w${i + 1}`, name: w.name ?? w.company ?? '', position: w.position ?? '', location: w.location, url: w.url ?? w.website, description: w.description, startDate: w.startDate, endDate: w.endDate, summary: w.summary, highlights: bullets(`w${i + 1}`, w.highlights) })),
    volunteer: (r.volunteer ?? []).map((v, i) => ({ id: `v${i + 1}`, organization: v.organization ?? '', position: v.position, url: v.url ?? v.website, startDate: v.startDate, endDate: v.endDate, summary: v.summary, highlights: bullets(`v${i + 1}`, v.highlights) })),
    education: (r.education ?? []).map((e, i) => ({ id: `e${i + 1}`, institution: e.institution ?? '', url: e.url, area: e.area, studyType: e.studyType, startDate: e.startDate, endDate: e.endDate, score: e.score ?? e.gpa, courses: e.courses ?? [] })),
    awards: (r.awards ?? []).map((a, i) => ({ id: `a${i + 1}`, title: a.title ?? '', date: a.date, awarder: a.awarder, summary: a.summary })),
    certificates: (r.certificates ?? []).map((c, i) => ({ id: `c${i + 1}`, name: c.name ?? '', date: c.date, issuer: c.issuer, url: c.url })),
    publications: (r.publications ?? []).map((p, i) => ({ id: `pub${i + 1}`, name: p.name ?? '', publisher: p.publisher, releaseDate: p.releaseDate, url: p.url ?? p.website, summary: p.summary })),
    skills: (r.skills ?? []).map((x, i) => ({ id: `s${i + 1}`, name: x.name ?? '', level: x.level, keywords: x.keywords ?? [] })),
    languages: (r.languages ?? []).map((l, i) => ({ id: `l${i + 1}`, language: l.language ?? '', fluency: l.fluency })),
    interests: (r.interests ?? []).map((x, i) => ({ id: `i${i + 1}`, name: x.name ?? '', keywords: x.keywords ?? [] })),
    references: (r.references ?? []).map((x, i) => ({ id: `r${i + 1}`, name: x.name ?? '', reference: x.reference })),
    projects: (r.projects ?? []).map((p, i) => ({ id: `p${i + 1}`, name: p.name ?? '', description: p.description, highlights: bullets(`p${i + 1}`, p.highlights), keywords: p.keywords ?? [], startDate: p.startDate, endDate: p.endDate, url: p.url, roles: p.roles ?? [], entity: p.entity, type: p.type })),
    meta: r.meta ? { canonical: r.meta.canonical, version: r.meta.version, lastModified: r.meta.lastModified } : {},
  };
  return CvSchema.parse(cv);
}

/** Cv → plain JSON Resume 1.0 (ids dropped, highlights as strings, empty sections and fields left out). */
export function toJsonResume(cv: Cv): Record<string, unknown> {
  const strip = ({ id: _id, ...rest }: { id: string } & Record<string, unknown>) => rest;
  const hl = (xs: { text: string }[]) => xs.map((h) => h.text);
  const out: Record<string, unknown> = {
    $schema: 'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json',
    basics: cv.basics,
    work: cv.work.map((w) => ({ ...strip(w), highlights: hl(w.highlights) })),
    volunteer: cv.volunteer.map((v) => ({ ...strip(v), highlights: hl(v.highlights) })),
    education: cv.education.map(strip),
    awards: cv.awards.map(strip),
    certificates: cv.certificates.map(strip),
    publications: cv.publications.map(strip),
    skills: cv.skills.map(strip),
    languages: cv.languages.map(strip),
    interests: cv.interests.map(strip),
    references: cv.references.map(strip),
    projects: cv.projects.map((p) => ({ ...strip(p), highlights: hl(p.highlights) })),
    meta: { canonical: cv.meta.canonical, version: cv.meta.version, lastModified: cv.meta.lastModified },
  };
  return prune(out) as Record<string, unknown>;
}

/** Drops undefined, empty arrays and empty objects so the export holds only what the CV says. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) {
    const xs = v.map(prune).filter((x) => x !== undefined);
    return xs.length ? xs : undefined;
  }
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) o[k] = p;
    }
    return Object.keys(o).length ? o : undefined;
  }
  return v === undefined || v === null ? undefined : v;
}
