import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importCvDocument } from '../../shared/documents/import';
import { parseCvText } from '../../shared/engine/cv-text-parser';
import type { Cv } from '../../shared/schema/cv';
import { norm } from './score-pages';

/**
 * The CV PDFs of the outside corpus (test/corpus/cvs/<family>/<id>.pdf, made with the templates people use), imported
 * as the product imports them and compared field by field with what a person reads on the page.
 */

export const CVS_DIR = join(import.meta.dirname, 'cvs');

export interface CvExpected {
  family: string;
  producer?: string;
  layout?: string;
  source: Record<string, string>;
  basics: { name: string; email: string; phone: string };
  work: { company: string; position: string; location?: string; startDate: string | null; endDate: string | null; bullets: string[] }[];
  education: { institution: string; studyType: string; area: string; endDate: string | null }[];
  skills?: string[];
  notRoles?: string[];
}

export interface CorpusCv {
  id: string;
  bytes: Uint8Array;
  expected: CvExpected;
}

export interface FieldResult {
  field: string;
  ok: boolean;
  detail?: string;
}

export interface CvScore {
  id: string;
  family: string;
  fields: FieldResult[];
  failed: boolean;
}

export function listCorpusCvs(dir = CVS_DIR): CorpusCv[] {
  let families: string[];
  try {
    families = readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()).sort();
  } catch {
    return [];
  }
  return families.flatMap((family) =>
    readdirSync(join(dir, family)).filter((f) => f.endsWith('.pdf')).sort().flatMap((f) => {
      const base = join(dir, family, f.replace(/\.pdf$/, ''));
      let expected: CvExpected;
      try {
        expected = JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')) as CvExpected;
      } catch {
        return [];
      }
      return [{ id: `${family}/${f.replace(/\.pdf$/, '')}`, bytes: new Uint8Array(readFileSync(`${base}.pdf`)), expected }];
    }),
  );
}

export async function importCorpusCv(bytes: Uint8Array): Promise<Cv> {
  const doc = await importCvDocument(bytes, { timeoutMs: 60_000 });
  return parseCvText(doc.text ?? '').cv;
}

const phoneDigits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');
/** Degrees are compared without the honours mark and full stops ("B.S." is "BS"). */
const degree = (s: string | null | undefined) => norm(s).replace(/\s*\(hons\.?\)|\s+hons\.?$/i, '').replace(/\./g, '').replace(/\s+/g, '');

interface Role {
  company: string;
  position: string;
  startDate: string | null;
  endDate: string | null;
  bullets: string[];
}

/** Roles wherever the parser put them: work, and volunteer/leadership entries kept as volunteer. */
function rolesOf(cv: Cv): Role[] {
  return [
    ...cv.work.map((w) => ({ company: w.name, position: w.position ?? '', startDate: w.startDate ?? null, endDate: w.endDate ?? null, bullets: w.highlights.map((h) => h.text) })),
    ...cv.volunteer.map((v) => ({ company: v.organization, position: v.position ?? '', startDate: v.startDate ?? null, endDate: v.endDate ?? null, bullets: v.highlights.map((h) => h.text) })),
  ];
}

export function scoreCv(id: string, cv: Cv, e: CvExpected): CvScore {
  const fields: FieldResult[] = [];
  const add = (field: string, ok: boolean, detail?: string) => fields.push({ field, ok, ...(ok ? {} : { detail }) });
  const eq = (field: string, got: string | null | undefined, want: string | null | undefined) => add(field, norm(got) === norm(want), `"${got ?? ''}" ≠ "${want ?? ''}"`);

  eq('name', cv.basics.name, e.basics.name);
  eq('email', cv.basics.email, e.basics.email);
  if (e.basics.phone) add('phone', phoneDigits(cv.basics.phone) === phoneDigits(e.basics.phone), `"${cv.basics.phone ?? ''}" ≠ "${e.basics.phone}"`);

  const roles = rolesOf(cv);
  const used = new Set<number>();
  const bullets = new Set(roles.flatMap((r) => r.bullets.map(norm)));
  e.work.forEach((w, i) => {
    // the parsed role that is this one: same company and title, else same title, else same company, else by position
    const pick = (test: (r: Role) => boolean) => roles.findIndex((r, j) => !used.has(j) && test(r));
    let j = pick((r) => norm(r.company) === norm(w.company) && norm(r.position) === norm(w.position));
    if (j < 0) j = pick((r) => norm(r.position) === norm(w.position) && !!w.position);
    if (j < 0) j = pick((r) => norm(r.company) === norm(w.company));
    if (j < 0 && i < roles.length && !used.has(i)) j = i;
    const g = j >= 0 ? roles[j] : undefined;
    if (j >= 0) used.add(j);
    const tag = `work[${i}] ${w.company}`;
    eq(`${tag} company`, g?.company, w.company);
    eq(`${tag} title`, g?.position, w.position);
    add(`${tag} start`, (g?.startDate ?? null) === w.startDate, `${g?.startDate ?? null} ≠ ${w.startDate}`);
    add(`${tag} end`, (g?.endDate ?? null) === w.endDate, `${g?.endDate ?? null} ≠ ${w.endDate}`);
    for (const b of w.bullets) add(`${tag} bullet`, bullets.has(norm(b)), `"${b.slice(0, 60)}…"`);
  });

  const usedEd = new Set<number>();
  e.education.forEach((ed, i) => {
    // the same institution twice (a master's and a bachelor's): the one with this degree, each read once
    const candidates = cv.education.map((x, k) => ({ x, k })).filter(({ x, k }) => !usedEd.has(k) && norm(x.institution) === norm(ed.institution));
    const hit = candidates.find(({ x }) => degree(x.studyType) === degree(ed.studyType)) ?? candidates[0];
    const g = hit?.x ?? cv.education[i];
    if (hit) usedEd.add(hit.k);
    const tag = `education[${i}] ${ed.institution}`;
    eq(`${tag} institution`, g?.institution, ed.institution);
    add(`${tag} degree`, degree(g?.studyType) === degree(ed.studyType), `"${g?.studyType ?? ''}" ≠ "${ed.studyType}"`);
    add(`${tag} end`, (g?.endDate ?? null) === ed.endDate, `${g?.endDate ?? null} ≠ ${ed.endDate}`);
  });

  const skills = new Set(cv.skills.flatMap((s) => [s.name, ...s.keywords]).map(norm));
  for (const s of e.skills ?? []) add(`skill ${s}`, skills.has(norm(s)), 'not among the skills');

  for (const n of e.notRoles ?? []) {
    const wrong = roles.find((r) => norm(r.company).includes(norm(n)) || norm(r.position).includes(norm(n)));
    add(`not a role: ${n}`, !wrong, `became a role: ${wrong?.company} / ${wrong?.position}`);
  }
  // a role the CV does not have (a project, a phantom "Role 1") is an error a person must fix by hand
  const extra = roles.filter((_r, j) => !used.has(j));
  for (const r of extra) add('no phantom role', false, `${r.company} / ${r.position}`);
  return { id, family: e.family, fields, failed: false };
}

export async function scoreCorpusCv(c: CorpusCv): Promise<CvScore> {
  try {
    return scoreCv(c.id, await importCorpusCv(c.bytes), c.expected);
  } catch (err) {
    return { id: c.id, family: c.expected.family, fields: [{ field: 'import', ok: false, detail: err instanceof Error ? err.message : String(err) }], failed: true };
  }
}
