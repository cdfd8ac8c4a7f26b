import { z } from 'zod';
import { Bullet, Id } from './common';

// A superset of JSON Resume 1.0: the same sections and field names, plus an id on every entry and bullet
// (for provenance and diffs) and meta.sectionOrder (set by CV_TAILOR, followed by the V2 PDF engine).
// Dates stay strings: an imported CV may hold "Summer 2022" until CV_VALIDATOR normalises it.

export const SECTION_KEYS = [
  'summary', 'work', 'volunteer', 'education', 'awards', 'certificates', 'publications',
  'skills', 'languages', 'interests', 'references', 'projects',
] as const;
export const SectionKey = z.enum(SECTION_KEYS);
export type SectionKey = z.infer<typeof SectionKey>;

const opt = z.string().optional();

export const Location = z.object({
  address: opt, postalCode: opt, city: opt, countryCode: opt, region: opt,
});

export const Profile = z.object({ network: opt, username: opt, url: opt });

export const Basics = z.object({
  name: z.string(),
  label: opt,
  image: opt,
  email: opt,
  phone: opt,
  url: opt,
  summary: opt,
  location: Location.optional(),
  profiles: z.array(Profile).default([]),
});

export const WorkEntry = z.object({
  id: Id,
  name: z.string(),
  position: z.string(),
  location: opt,
  url: opt,
  description: opt,
  startDate: opt,
  endDate: opt,
  summary: opt,
  highlights: z.array(Bullet).default([]),
});
export type WorkEntry = z.infer<typeof WorkEntry>;

export const VolunteerEntry = z.object({
  id: Id,
  organization: z.string(),
  position: opt,
  url: opt,
  startDate: opt,
  endDate: opt,
  summary: opt,
  highlights: z.array(Bullet).default([]),
});

export const EducationEntry = z.object({
  id: Id,
  institution: z.string(),
  url: opt,
  area: opt,
  studyType: opt,
  startDate: opt,
  endDate: opt,
  score: opt,
  courses: z.array(z.string()).default([]),
});
export type EducationEntry = z.infer<typeof EducationEntry>;

export const AwardEntry = z.object({ id: Id, title: z.string(), date: opt, awarder: opt, summary: opt });
export const CertificateEntry = z.object({ id: Id, name: z.string(), date: opt, issuer: opt, url: opt });
export const PublicationEntry = z.object({ id: Id, name: z.string(), publisher: opt, releaseDate: opt, url: opt, summary: opt });
export const SkillEntry = z.object({ id: Id, name: z.string(), level: opt, keywords: z.array(z.string()).default([]) });
export type SkillEntry = z.infer<typeof SkillEntry>;
export const LanguageEntry = z.object({ id: Id, language: z.string(), fluency: opt });
export const InterestEntry = z.object({ id: Id, name: z.string(), keywords: z.array(z.string()).default([]) });
export const ReferenceEntry = z.object({ id: Id, name: z.string(), reference: opt });
export const ProjectEntry = z.object({
  id: Id,
  name: z.string(),
  description: opt,
  highlights: z.array(Bullet).default([]),
  keywords: z.array(z.string()).default([]),
  startDate: opt,
  endDate: opt,
  url: opt,
  roles: z.array(z.string()).default([]),
  entity: opt,
  type: opt,
});
export type ProjectEntry = z.infer<typeof ProjectEntry>;

export const CvMeta = z.object({
  canonical: opt,
  version: opt,
  lastModified: opt,
  /** Order the sections are shown in; set by CV_TAILOR. Missing sections follow in the default order. */
  sectionOrder: z.array(SectionKey).optional(),
});

export const Cv = z.object({
  basics: Basics,
  work: z.array(WorkEntry).default([]),
  volunteer: z.array(VolunteerEntry).default([]),
  education: z.array(EducationEntry).default([]),
  awards: z.array(AwardEntry).default([]),
  certificates: z.array(CertificateEntry).default([]),
  publications: z.array(PublicationEntry).default([]),
  skills: z.array(SkillEntry).default([]),
  languages: z.array(LanguageEntry).default([]),
  interests: z.array(InterestEntry).default([]),
  references: z.array(ReferenceEntry).default([]),
  projects: z.array(ProjectEntry).default([]),
  meta: CvMeta.default({}),
});
export type Cv = z.infer<typeof Cv>;
export type CvInput = z.input<typeof Cv>;

export const DEFAULT_SECTION_ORDER: readonly SectionKey[] = [
  'summary', 'work', 'projects', 'education', 'skills', 'certificates', 'awards',
  'publications', 'volunteer', 'languages', 'interests', 'references',
];

/** The id used for provenance of basics.summary. */
export const SUMMARY_ID = 'summary';
