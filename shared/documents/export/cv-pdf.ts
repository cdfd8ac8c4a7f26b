import { DEFAULT_SECTION_ORDER, SECTION_KEYS, type Cv, type SectionKey } from '../../schema/cv';
import type { FontSet } from './fonts';
import { Typesetter, type Block, type Line, type PaperFormat, type Run, type Style } from './layout';
import { cleanText, formatDate, formatDateRange } from './text';

/**
 * The CV as an ATS-safe PDF: one column, real text in reading order, standard section names, a plain bullet glyph,
 * dates on the role's own line, no tables, text boxes, images, headers or footers (a small page number aside).
 *
 * Two engines: V1 always uses the standard section order and is byte-for-byte reproducible; V2 follows
 * `cv.meta.sectionOrder` (as CV_TAILOR sets it), appending any section it leaves out in the standard order.
 * Both are deterministic: fixed dates and file id, the same fonts, the same compression.
 */

export type CvEngine = 'v1' | 'v2';

export interface CvPdfOptions {
  fonts: FontSet;
  format: PaperFormat;
  engine: CvEngine;
  /** "Page 1 of 2" at the foot of each page of a multi-page CV. Default true. */
  pageNumbers?: boolean;
}

/** The names every ATS knows, whatever the CV called them. */
export const SECTION_HEADINGS: Record<SectionKey, string> = {
  summary: 'Summary',
  work: 'Experience',
  projects: 'Projects',
  education: 'Education',
  skills: 'Skills',
  certificates: 'Certifications',
  awards: 'Awards',
  publications: 'Publications',
  volunteer: 'Volunteering',
  languages: 'Languages',
  interests: 'Interests',
  references: 'References',
};

/** V1: the standard order. V2: the CV's own order, then whatever it left out, in the standard order. */
export function sectionOrder(cv: Cv, engine: CvEngine): SectionKey[] {
  if (engine === 'v1') return [...DEFAULT_SECTION_ORDER];
  const out: SectionKey[] = [];
  for (const k of cv.meta.sectionOrder ?? []) if ((SECTION_KEYS as readonly string[]).includes(k) && !out.includes(k)) out.push(k);
  for (const k of DEFAULT_SECTION_ORDER) if (!out.includes(k)) out.push(k);
  return out;
}

// ─── The document model: what is shown, in order. The renderer draws it; the round-trip gate reads it back. ───

export type ItemKind = 'name' | 'label' | 'contact' | 'heading' | 'title' | 'employer' | 'dates' | 'text' | 'bullet';

export interface ModelEntry {
  id: string;
  /** The leading words of the entry's line: a role, degree, project or certificate name. */
  title: string;
  titleStyle: Style;
  titleKind: 'title' | 'text';
  /** Shown after the title on the same line, comma-separated: employer, location, issuer. */
  subtitle: { text: string; kind: 'employer' | 'text' }[];
  dates: string;
  /** Lines under the entry's line: a description, a grade, keywords, a URL. */
  lines: { text: string; style: Style; label?: string }[];
  bullets: { id: string; text: string }[];
  compact: boolean;
}

export interface ModelSection {
  key: SectionKey;
  heading: string;
  /** Free text (the summary, a list of languages), shown as paragraphs. */
  paragraphs: { text: string; label?: string }[];
  entries: ModelEntry[];
}

export interface CvModel {
  name: string;
  label: string;
  contact: string[];
  sections: ModelSection[];
}

export function buildCvModel(cv: Cv, engine: CvEngine): CvModel {
  const b = cv.basics;
  const loc = b.location;
  const place = loc ? [loc.city, loc.region, loc.countryCode].map(cleanText).filter(Boolean).join(', ') || cleanText(loc.address) : '';
  const contact = [place, b.email, b.phone, b.url, ...b.profiles.map((p) => p.url || [p.network, p.username].filter(Boolean).join(': '))]
    .map(cleanText)
    .filter(Boolean);
  const sections: ModelSection[] = [];
  for (const key of sectionOrder(cv, engine)) {
    const s = buildSection(cv, key);
    if (s.paragraphs.length || s.entries.length) sections.push(s);
  }
  return { name: cleanText(b.name), label: cleanText(b.label), contact: [...new Set(contact)], sections };
}

function entry(e: Partial<ModelEntry> & { id: string; title: string }): ModelEntry {
  return {
    titleStyle: 'bold', titleKind: 'title', subtitle: [], dates: '', lines: [], bullets: [], compact: false, ...e,
  };
}

const sub = (kind: 'employer' | 'text', ...xs: (string | undefined)[]) => xs.map(cleanText).filter(Boolean).map((text) => ({ text, kind }));
const bullets = (hs: { id: string; text: string }[]) => hs.map((h) => ({ id: h.id, text: cleanText(h.text) })).filter((h) => h.text);
/** "3.84" or "3.92 / 4.0" is a grade point average, and CVs call it so; "First Class" or "85%" is a grade. */
const gradeLabel = (score: string | undefined) => (/^\s*[0-4]\.\d{1,2}\s*(?:\/\s*4(?:\.0+)?)?\s*$/.test(score ?? '') ? 'GPA' : 'Grade');

const line = (text: string | undefined, style: Style = 'regular', label?: string) => (cleanText(text) ? [{ text: cleanText(text), style, label }] : []);

function buildSection(cv: Cv, key: SectionKey): ModelSection {
  const s: ModelSection = { key, heading: SECTION_HEADINGS[key], paragraphs: [], entries: [] };
  switch (key) {
    case 'summary':
      if (cleanText(cv.basics.summary)) s.paragraphs.push({ text: cleanText(cv.basics.summary) });
      break;
    case 'work':
      s.entries = cv.work.map((w) => {
        const position = cleanText(w.position);
        return entry({
          id: w.id,
          title: position || cleanText(w.name),
          subtitle: [...sub('employer', position ? w.name : undefined), ...sub('text', w.location)],
          dates: formatDateRange(w.startDate, w.endDate),
          lines: [...line(w.description, 'italic'), ...line(w.summary)],
          bullets: bullets(w.highlights),
        });
      });
      break;
    case 'volunteer':
      s.entries = cv.volunteer.map((v) => {
        const position = cleanText(v.position);
        return entry({
          id: v.id,
          title: position || cleanText(v.organization),
          subtitle: sub('employer', position ? v.organization : undefined),
          dates: formatDateRange(v.startDate, v.endDate),
          lines: line(v.summary),
          bullets: bullets(v.highlights),
        });
      });
      break;
    case 'projects':
      s.entries = cv.projects.map((p) => {
        const desc = cleanText(p.description);
        const short = desc.length > 0 && desc.length <= 60;
        return entry({
          id: p.id,
          title: cleanText(p.name),
          subtitle: sub('text', short ? desc : undefined, p.entity),
          dates: formatDateRange(p.startDate, p.endDate),
          lines: [
            ...line(short ? undefined : desc),
            ...line(p.roles.map(cleanText).filter(Boolean).join(', '), 'italic'),
            ...line(p.keywords.map(cleanText).filter(Boolean).join(', '), 'regular', 'Keywords'),
            ...line(p.url),
          ],
          bullets: bullets(p.highlights),
        });
      });
      break;
    case 'education':
      s.entries = cv.education.map((e) => {
        // "Bachelor of Science in Nursing", but "BSc Nursing": a spelled-out degree reads (and re-imports) with "in"
        const [type, area] = [cleanText(e.studyType ?? ''), cleanText(e.area ?? '')];
        const degree = type && area && /\bof\b/i.test(type) ? `${type} in ${area}` : [type, area].filter(Boolean).join(' ');
        return entry({
          id: e.id,
          title: degree || cleanText(e.institution),
          subtitle: sub('employer', degree ? e.institution : undefined),
          dates: formatDateRange(e.startDate, e.endDate),
          // a grade the degree line already states ("Finance; GPA: 3.84") is not printed a second time
          lines: cleanText(e.score) && `${degree} ${cleanText(e.institution)}`.includes(cleanText(e.score)) ? [] : line(e.score, 'regular', gradeLabel(e.score)),
          bullets: bullets(e.courses.map((c, i) => ({ id: `${e.id}c${i + 1}`, text: c }))),
        });
      });
      break;
    case 'skills': {
      let loose: string[] = [];
      const flush = () => {
        if (loose.length) s.paragraphs.push({ text: loose.join(', ') });
        loose = [];
      };
      for (const k of cv.skills) {
        const name = cleanText(k.name);
        const kws = k.keywords.map(cleanText).filter(Boolean);
        const level = cleanText(k.level);
        if (!kws.length) {
          if (name) loose.push(level ? `${name} (${level})` : name);
          continue;
        }
        flush();
        s.paragraphs.push({ label: name ? (level ? `${name} (${level})` : name) : undefined, text: kws.join(', ') });
      }
      flush();
      break;
    }
    case 'certificates':
      s.entries = cv.certificates.map((c) => entry({ id: c.id, title: cleanText(c.name), titleStyle: 'regular', titleKind: 'text', subtitle: sub('text', c.issuer), dates: formatDate(c.date), compact: true }));
      break;
    case 'awards':
      s.entries = cv.awards.map((a) => entry({ id: a.id, title: cleanText(a.title), titleStyle: 'regular', titleKind: 'text', subtitle: sub('text', a.awarder), dates: formatDate(a.date), lines: line(a.summary), compact: true }));
      break;
    case 'publications':
      s.entries = cv.publications.map((p) => entry({ id: p.id, title: cleanText(p.name), titleStyle: 'italic', titleKind: 'text', subtitle: sub('text', p.publisher), dates: formatDate(p.releaseDate), lines: [...line(p.summary), ...line(p.url)], compact: true }));
      break;
    case 'languages': {
      const items = cv.languages.map((l) => (cleanText(l.fluency) ? `${cleanText(l.language)} (${cleanText(l.fluency)})` : cleanText(l.language))).filter(Boolean);
      if (items.length) s.paragraphs.push({ text: items.join(' · ') });
      break;
    }
    case 'interests': {
      const items = cv.interests
        .map((i) => {
          const kws = i.keywords.map(cleanText).filter(Boolean);
          return kws.length ? `${cleanText(i.name)} (${kws.join(', ')})` : cleanText(i.name);
        })
        .filter(Boolean);
      if (items.length) s.paragraphs.push({ text: items.join(' · ') });
      break;
    }
    case 'references':
      s.entries = cv.references.map((r) => entry({ id: r.id, title: cleanText(r.name), lines: line(r.reference, 'italic') }));
      break;
  }
  s.entries = s.entries.filter((e) => e.title || e.bullets.length || e.lines.length);
  return s;
}

/** What the gate expects to read back, in reading order. */
export interface ExpectedItem {
  kind: ItemKind;
  text: string;
  /** The CV id the text belongs to (entry or bullet), where it has one. */
  id?: string;
  section?: SectionKey;
}

export function expectedItems(model: CvModel): ExpectedItem[] {
  const out: ExpectedItem[] = [];
  const add = (kind: ItemKind, text: string, id?: string, section?: SectionKey) => {
    if (text) out.push({ kind, text, id, section });
  };
  add('name', model.name);
  add('label', model.label);
  model.contact.forEach((c) => add('contact', c));
  for (const s of model.sections) {
    add('heading', s.heading, undefined, s.key);
    for (const p of s.paragraphs) add('text', p.label ? `${p.label}: ${p.text}` : p.text, undefined, s.key);
    for (const e of s.entries) {
      add(e.titleKind, e.title, e.id, s.key);
      e.subtitle.forEach((x) => add(x.kind, x.text, e.id, s.key));
      add('dates', e.dates, e.id, s.key);
      e.lines.forEach((l) => add('text', l.label ? `${l.label}: ${l.text}` : l.text, e.id, s.key));
      e.bullets.forEach((b) => add('bullet', b.text, b.id, s.key));
    }
  }
  return out;
}

// ─── Typography ───

export const TYPE = {
  name: 24,
  label: 12,
  contact: 10,
  heading: 11.5,
  body: 11,
  leading: 13.6,
  bulletIndent: 14,
  markerIndent: 4,
  dateGap: 14,
} as const;

export const BULLET = '•';

/** Contact details on as few centred lines as fit, wrapped between items, never inside one. */
export function contactRows(ts: Typesetter, items: string[], width: number): Run[] {
  const sep = ' · ';
  const run = (text: string): Run => ({ text, style: 'regular', size: TYPE.contact, gray: 0.15 });
  const rows: Run[] = [];
  let row: string[] = [];
  for (const c of items.map((x) => ts.drawable(x))) {
    if (row.length && ts.width(run([...row, c].join(sep))) > width) {
      rows.push(run(row.join(sep)));
      row = [];
    }
    row.push(c);
  }
  if (row.length) rows.push(run(row.join(sep)));
  // A single item wider than the page (a very long URL) is wrapped like any text.
  return rows.flatMap((r) => (ts.width(r) > width ? ts.wrap([r], width).map((l) => l[0]!) : [r]));
}

/** The bullet glyph, a little larger than the text: EB Garamond's own bullet is small. */
export function bulletMarker(size: number): Run {
  return { text: BULLET, style: 'regular', size: size * 1.25 };
}

/** Builds the blocks of a CV: measured, wrapped, ready to paginate. */
export function cvBlocks(ts: Typesetter, model: CvModel): Block[] {
  const W = ts.contentWidth;
  const blocks: Block[] = [];
  const body = (text: string, style: Style = 'regular'): Run => ({ text: ts.drawable(text), style, size: TYPE.body });
  const lines = (runs: Run[], indent = 0, leading: number = TYPE.leading, align: Line['align'] = 'left'): Line[] =>
    ts.wrap(runs, W - indent).map((r) => ({ runs: r, indent, leading, align }));

  // Header: name, label, contact line (wrapped between items, never inside one).
  const header: Line[] = [];
  header.push({ runs: [{ text: ts.drawable(model.name), style: 'regular', size: TYPE.name }], indent: 0, leading: TYPE.name, align: 'center' });
  if (model.label) header.push(...lines([{ text: ts.drawable(model.label), style: 'italic', size: TYPE.label }], 0, TYPE.label * 1.45, 'center'));
  contactRows(ts, model.contact, W).forEach((r, i) => {
    header.push({ runs: [r], indent: 0, leading: i === 0 ? TYPE.contact * (model.label ? 1.5 : 1.9) : TYPE.contact * 1.35, align: 'center' });
  });
  blocks.push({ lines: header, spaceBefore: 0, kind: 'header' });

  for (const s of model.sections) {
    blocks.push({
      kind: 'heading',
      lines: [{ runs: [{ text: s.heading, style: 'bold', size: TYPE.heading }], indent: 0, leading: TYPE.heading * 1.2 }],
      spaceBefore: blocks.length === 1 ? 13 : 11,
      keepWithNext: true,
      ruleAfter: { gap: 3.6, gray: 0.55, width: 0.6, below: 4.5 },
    });
    s.paragraphs.forEach((p, i) => {
      const runs: Run[] = p.label ? [body(`${p.label}:`, 'bold'), body(` ${p.text}`)] : [body(p.text)];
      blocks.push({ kind: 'paragraph', lines: lines(runs), spaceBefore: i === 0 ? 0 : 2, splittable: true });
    });
    s.entries.forEach((e, i) => {
      // The entry's line: title — employer, location, with the dates flush right. A dash, not a comma, after the title:
      // titles hold commas ("Ward Manager, Acute Medical Unit"). When that does not fit on one line the employer goes
      // on a line of its own under the title, and the dates stay beside the title, as the common templates set it.
      const rest = e.subtitle.map((x) => x.text).join(', ');
      const date: Run | undefined = e.dates ? body(e.dates) : undefined;
      const avail = W - (date ? ts.width(date) + TYPE.dateGap : 0);
      const oneLine: Run[] = [...(e.title ? [body(e.title, e.titleStyle)] : []), ...(rest ? [body(e.title ? ` — ${rest}` : rest)] : [])];
      const fits = ts.wrap(oneLine, avail).length <= 1;
      const head: Line[] = (fits ? ts.wrap(oneLine, avail) : ts.wrap([body(e.title, e.titleStyle)], avail)).map((r) => ({ runs: r, indent: 0, leading: TYPE.leading }));
      if (!head.length) head.push({ runs: [], indent: 0, leading: TYPE.leading });
      if (date) head[0]!.right = date;
      if (!fits && rest) head.push(...ts.wrap([body(rest)], W).map((r) => ({ runs: r, indent: 0, leading: TYPE.leading })));
      const below: Line[] = [];
      for (const l of e.lines) below.push(...lines(l.label ? [body(`${l.label}:`, 'bold'), body(` ${l.text}`, l.style)] : [body(l.text, l.style)]));
      blocks.push({
        kind: 'entry',
        lines: [...head, ...below],
        spaceBefore: i === 0 ? 0 : e.compact ? 2 : 7,
        // A role's line never ends a page without its first bullet.
        keepWithNext: e.bullets.length > 0,
      });
      e.bullets.forEach((b, k) => {
        const wrapped = ts.wrap([body(b.text)], W - TYPE.bulletIndent).map((r, j): Line => ({
          runs: r,
          indent: TYPE.bulletIndent,
          leading: TYPE.leading,
          marker: j === 0 ? { run: bulletMarker(TYPE.body), indent: TYPE.markerIndent, dy: TYPE.body * 0.09 } : undefined,
        }));
        blocks.push({ kind: 'bullet', lines: wrapped, spaceBefore: k === 0 ? 1 : 1.6 });
      });
    });
  }
  return blocks;
}

export function pageNumberText(page: number, of: number): string {
  return `Page ${page} of ${of}`;
}

/** Renders the CV. Same input, same options → the same bytes. */
export function renderCvPdf(cv: Cv, opts: CvPdfOptions): Uint8Array {
  return layoutCvPdf(cv, opts).pdf;
}

/** Renders and also returns the model and the number of pages (for the gate and tests). */
export function layoutCvPdf(cv: Cv, opts: CvPdfOptions): { pdf: Uint8Array; model: CvModel; pages: number } {
  const model = buildCvModel(cv, opts.engine);
  const ts = new Typesetter(opts.fonts, opts.format, { title: model.name ? `${model.name} – CV` : 'CV', author: model.name, subject: 'Curriculum vitae' });
  const pages = ts.paginate(cvBlocks(ts, model));
  ts.draw(pages, opts.pageNumbers === false ? undefined : pageNumberText);
  return { pdf: ts.output(), model, pages: pages.length };
}
