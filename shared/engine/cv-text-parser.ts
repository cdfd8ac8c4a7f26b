import type { Cv, CvInput, SectionKey } from '../schema/cv';
import { Cv as CvSchema } from '../schema/cv';
import { findDateRange, parseDate } from './dates';
import {
  DEGREE_RE, INSTITUTION_RE, headingSection, looksLikeLocation, scoreCompany, scoreTitle,
} from './lexicon';
import { canonicalSkill, findSkills } from './skills';
import { normalizeText } from './text';

/**
 * The offline CV_PARSER: plain text (or Markdown, or the layout-aware text of a PDF) → Cv.
 * Only what is written is taken; nothing is guessed into a field it does not belong to.
 */

const BULLET_RE = /^\s*(?:[•●◦▪▫■□‣⁃∙]\s*|[·*–—-]\s+|\d{1,2}[.)]\s+)(?=\S)/;
const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONE_RE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d[\d\s.-]{6,}\d/;
const URL_RE = /\b(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:\/[^\s|,;]*)?/gi;

interface Section {
  key: SectionKey | 'other';
  heading: string;
  lines: string[];
}

export interface ParsedCvText {
  cv: Cv;
  /** Sections the parser did not recognise, kept so nothing the user wrote is silently lost. */
  unrecognized: { heading: string; text: string }[];
}

export function parseCvText(input: string): ParsedCvText {
  lastCompany = '';
  const text = normalizeText(input);
  const lines = fromEuropassForm(joinWrappedRanges(joinCapsHyphens(text.split('\n').map(cleanMarkdown))));
  const { header, sections } = splitSections(lines);
  const basics = parseHeader(header);

  contactsAnywhere(basics, lines);
  dropRunningFooters(sections, basics.name);
  const cv: CvInput = { basics, meta: {} };
  const unrecognized: ParsedCvText['unrecognized'] = [];
  const order: SectionKey[] = [];
  for (const s of sections) {
    if (s.key !== 'other' && !order.includes(s.key)) order.push(s.key);
    switch (s.key) {
      case 'summary': {
        const para = s.lines.map((l) => l.replace(BULLET_RE, '').trim()).filter(Boolean).join(' ');
        basics.summary = basics.summary ? `${basics.summary} ${para}` : para;
        break;
      }
      case 'work':
        cv.work = [...(cv.work ?? []), ...parseEntries(s.lines).map((e, i) => toWork(e, (cv.work?.length ?? 0) + i + 1))];
        break;
      case 'volunteer':
        cv.volunteer = parseEntries(s.lines).map((e, i) => {
          const w = toWork(e, i + 1);
          return { id: `v${i + 1}`, organization: w.name || w.position, position: w.name ? w.position : undefined, startDate: w.startDate, endDate: w.endDate, summary: w.summary, highlights: w.highlights.map((h, j) => ({ id: `v${i + 1}h${j + 1}`, text: h.text })) };
        });
        break;
      case 'projects':
        cv.projects = parseEntries(s.lines).map((e, i) => toProject(e, i + 1));
        break;
      case 'education':
        cv.education = renumber([...(cv.education ?? []), ...parseEducation(s.lines)], 'e');
        break;
      case 'skills':
        cv.skills = renumber([...(cv.skills ?? []), ...parseSkills(s.lines, s.heading)], 's');
        break;
      case 'certificates':
        // a "Training" section holding a diploma and where it was taken is education
        if (s.lines.some((l) => DEGREE_RE.test(l)) && s.lines.some((l) => INSTITUTION_RE.test(l))) {
          cv.education = renumber([...(cv.education ?? []), ...parseEducation(s.lines)], 'e');
          break;
        }
        cv.certificates = [...(cv.certificates ?? []), ...stackedRecords(itemLines(s.lines)).map((l, i) => {
          const { rest, date } = cutDate(l);
          const [name, issuer] = splitParts(rest);
          return { id: `c${(cv.certificates?.length ?? 0) + i + 1}`, name: name ?? rest, issuer, date };
        })];
        break;
      case 'awards':
        cv.awards = [...(cv.awards ?? []), ...stackedRecords(itemLines(joinOrdinals(s.lines))).map((l, i) => {
          const { rest, date } = cutDate(l);
          const parts = splitParts(rest);
          // Deedy's "2024 | 1st/85 | HackGT Best Developer Tool": the placing first, the award after it
          const placing = parts.length >= 2 && /^(?:\d|top\b|national$|regional$|finalist$|winner$|runner[- ]up$)/i.test(parts[0]!) && parts[0]!.split(/\s+/).length <= 3;
          const [title, awarder, ...more] = placing ? [parts[1]!, undefined, parts[0]!, ...parts.slice(2)] : parts;
          return { id: `a${(cv.awards?.length ?? 0) + i + 1}`, title: title ?? rest, awarder, date, summary: more.filter(Boolean).join(', ') || undefined };
        })];
        break;
      case 'publications':
        cv.publications = itemLines(s.lines).map((l, i) => {
          const { rest, date } = cutDate(l);
          return { id: `pub${i + 1}`, name: rest, releaseDate: date };
        });
        break;
      case 'languages':
        // a "Languages" list of programming languages (a sidebar's "Python Go TypeScript") is skills
        if (codingLanguages(s.lines)) {
          cv.skills = renumber([...(cv.skills ?? []), ...parseSkills(s.lines)], 's');
          break;
        }
        // a level drawn as dots or stars ("German | ○ ○ ○ ○ ○", AltaCV) is a picture: the dots are not languages
        cv.languages = splitList(s.lines.map((l) => l.replace(/(?:\s*[○●◯◉◌★☆✩✪⬤•·]\s*){2,}/gu, ' ').replace(/\s*\|\s*$/, ''))).filter((item) => /\p{L}/u.test(item)).map((item, i) => {
          const m = /^(.+?)\s*(?:\(([^)]+)\)|[:–—-]\s*(.+))$/.exec(item);
          return { id: `l${i + 1}`, language: (m ? m[1]! : item).trim(), fluency: m ? (m[2] ?? m[3])?.trim() : undefined };
        });
        break;
      case 'interests':
        cv.interests = splitList(s.lines).map((item, i) => ({ id: `i${i + 1}`, name: item }));
        break;
      case 'references':
        cv.references = itemLines(s.lines).map((l, i) => ({ id: `r${i + 1}`, name: l }));
        break;
      default:
        unrecognized.push({ heading: s.heading, text: s.lines.join('\n').trim() });
    }
  }
  cv.meta = { sectionOrder: order };
  return { cv: CvSchema.parse(cv), unrecognized };
}

/**
 * Contact details a sidebar keeps under "About" or at the foot of the page instead of under the name: an email or a
 * phone number on a line of its own anywhere, the email put back together when a narrow column broke it
 * ("priya.raman@example.co" / "m").
 */
function contactsAnywhere(basics: CvInput['basics'], lines: string[]): void {
  for (const [i, raw] of lines.entries()) {
    // "daniel.brooks@example. com": a narrow column broke the address after its dot
    const line = raw.trim().replace(/(@[\w-]+(?:\.[\w-]+)*\.)\s+([a-z]{2,6})\b/, '$1$2');
    if (!basics.email) {
      const m = EMAIL_RE.exec(line);
      if (m) {
        const next = lines[i + 1]?.trim() ?? '';
        basics.email = m.index + m[0].length === line.length && /^[a-z]{1,4}$/.test(next) ? `${m[0]}${next}` : m[0];
      }
    }
    if (!basics.phone && line.length <= 24 && /^\+?[\d\s().-]{7,}$/.test(line) && line.replace(/\D/g, '').length >= 7 && !findDateRange(line)) basics.phone = line;
  }
}

const FORM_LABEL = {
  dates: /^dates\s*\|\s*(.+)$/i,
  title: /^(?:occupation or position held|title of qualification awarded)\s*\|\s*(.+)$/i,
  org: /^(?:name and address of employer|name and type of organi[sz]ation(?: providing education and training)?)\s*\|\s*(.+)$/i,
  duties: /^(?:main activities and responsibilities|principal subjects\/occupational skills covered)\s*(?:\||[-–•])\s*(.+)$/i,
  sector: /^type of business or sector\s*\|\s*(.+)$/i,
  name: /^surname\(s\)\s*\/\s*first name\(s\)$/i,
};

/**
 * The classic Europass form: each role is a stack of labelled rows ("Dates | 01/2022 → present", "Occupation or
 * position held | Analyst", "Main activities and responsibilities - …", "Name and address of employer | Acme, London").
 * Rewritten as the entry heading and bullets every other CV has; other text passes through unchanged.
 */
function fromEuropassForm(lines: string[]): string[] {
  if (!lines.some((l) => FORM_LABEL.title.test(l.trim()) || FORM_LABEL.name.test(l.trim()))) return lines;
  const out: string[] = [];
  let block: { dates: string; title?: string; org?: string; bullets: string[] } | undefined;
  const flush = () => {
    if (!block) return;
    out.push([block.title, block.org, block.dates].filter(Boolean).join(' | '), ...block.bullets.map((b) => `• ${b}`), '');
    block = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (FORM_LABEL.name.test(line)) {
      // "Raman, Priya" under "Surname(s) / First name(s)": the name as a person writes it
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trim()) j++;
      const m = /^([^,]+),\s*(.+)$/.exec(lines[j]?.trim() ?? '');
      if (m) {
        out.push(`${m[2]} ${m[1]}`);
        i = j;
      }
      continue;
    }
    // the form's own furniture: contact labels before their values, a heading broken over two lines, the page footer
    const contact = /^(?:address|telephone|mobile|e-?mail|website)\s*\|\s*(.+)$/i.exec(line);
    if (contact) {
      out.push(contact[1]!);
      continue;
    }
    if (/^(?:nationality|date of birth|gender|sex)\s*\|/i.test(line) || /^page \d+\s*(?:\/\s*\d+\s*)?[-–]\s*curriculum vitae of\b/i.test(line)) continue;
    if (/^personal skills and$/i.test(line)) {
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trim()) j++;
      if (/^competences$/i.test(lines[j]?.trim() ?? '')) {
        flush();
        out.push('Personal skills and competences');
        i = j;
        continue;
      }
    }
    let m: RegExpExecArray | null;
    if ((m = FORM_LABEL.dates.exec(line))) {
      flush();
      block = { dates: m[1]!, bullets: [] };
    } else if (block && (m = FORM_LABEL.title.exec(line))) block.title = m[1];
    else if (block && (m = FORM_LABEL.org.exec(line))) block.org = m[1];
    else if (block && (m = FORM_LABEL.duties.exec(line))) block.bullets.push(m[1]!);
    else if (block && FORM_LABEL.sector.test(line)) continue;
    else if (block && BULLET_RE.test(lines[i]!)) block.bullets.push(line.replace(BULLET_RE, '').trim());
    else if (block && /^(?:providing education and training)$/i.test(line)) continue;
    else if (block && line && /^[a-z(]/.test(line) && block.bullets.length) block.bullets[block.bullets.length - 1] += ` ${line}`;
    else if (block && !line) flush();
    else {
      flush();
      out.push(lines[i]!);
    }
  }
  flush();
  return out;
}

/** An ordinal's suffix set as a superscript on the line above ("st" over "2024 | 1 /85 | …"): put back ("1st/85"). */
function joinOrdinals(input: string[]): string[] {
  const lines = [...input];
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const sup = /^\s*(st|nd|rd|th)\s*$/.exec(lines[i]!);
    const next = lines[i + 1];
    if (sup && next && /\b\d+ ?\//.test(next)) {
      lines[i + 1] = next.replace(/\b(\d+) ?\//, `$1${sup[1]}/`);
      continue;
    }
    out.push(lines[i]!);
  }
  return out;
}

/** A word in capitals broken at a line's end, even over a blank line ("GEORGIA INSTITUTE OF TECH-" / "" / "NOLOGY"). */
function joinCapsHyphens(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 0; i < out.length; i++) {
    if (!/\b\p{Lu}{2,}-$/u.test(out[i]!.trimEnd())) continue;
    const j = out[i + 1]?.trim() ? i + 1 : out[i + 2]?.trim() && !out[i + 1]?.trim() ? i + 2 : -1;
    if (j < 0 || !/^\p{Lu}{2,}(?:\s|$)/u.test(out[j]!.trim())) continue;
    out[i] = out[i]!.trimEnd().slice(0, -1) + out[j]!.trim();
    out.splice(i + 1, j - i);
  }
  return out;
}

/** A date range wrapped at its dash ("2015 –" / "2017") is put back on one line. */
function joinWrappedRanges(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /(?:\d{4}|present)\s*(?:–|—|-|to)\s*$/i.test(prev) && /^\s*(?:[A-Za-z]{3,9}\.?\s+)?(?:\d{4}|present|current)\b/i.test(line)) {
      out[out.length - 1] = `${prev.trimEnd()} ${line.trim()}`;
    } else out.push(line);
  }
  return out;
}

/** Markdown emphasis and heading marks are formatting, not content; tabs separate columns like " | " does. */
function cleanMarkdown(line: string): string {
  return line
    .replace(/\s+$/, '')
    .replace(/^(\s*)#{1,6}\s+/, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[\s(])[*_](?=[^\s*_])([^*_]+?)(?<=\S)[*_](?=$|[\s),.;:])/g, '$1$2')
    .replace(/(\S)\t+(?=\S)/g, '$1 | ');
}

/** Ids in document order after sections of the same kind were merged. */
function renumber<T extends { id: string }>(xs: T[], prefix: string): T[] {
  return xs.map((x, i) => ({ ...x, id: `${prefix}${i + 1}` }));
}

function splitSections(lines: string[]): { header: string[]; sections: Section[] } {
  const header: string[] = [];
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const [i, line] of lines.entries()) {
    const key = BULLET_RE.test(line) ? decoratedHeading(lines, i) : headingSection(line);
    if (key) {
      current = { key, heading: line.trim(), lines: [] };
      sections.push(current);
    } else if (/^\s*(?:[-=_*]{3,}|[─━═]{3,})\s*$/.test(line)) {
      continue; // rules drawn under headings
    } else if (current) {
      current.lines.push(line);
    } else {
      header.push(line);
    }
  }
  if (!sections.length) {
    // no headings at all: what follows the first dated line is read as experience rather than dropped
    const first = header.findIndex((l, i) => i > 0 && !!findDateRange(l) && !/@/.test(l));
    if (first > 0) return { header: header.slice(0, first), sections: [{ key: 'work', heading: '', lines: header.slice(first) }] };
  }
  return { header, sections };
}

/**
 * A heading drawn with a dot or an icon before it (Reactive Resume's sidebars, timeline templates): the layout reads the
 * mark as a bullet. It is a heading when its words are a section's name and it stands apart, after a blank line and
 * before a line that is not a bullet; a one-word bullet inside a list ("• Languages") has bullets or text around it.
 */
function decoratedHeading(lines: string[], i: number): ReturnType<typeof headingSection> {
  const text = lines[i]!.replace(BULLET_RE, '').trim();
  if (text.split(/\s+/).length > 4) return undefined;
  const before = i === 0 || !lines[i - 1]!.trim();
  const next = lines.slice(i + 1).find((l) => l.trim());
  if (!before || (next !== undefined && BULLET_RE.test(next))) return undefined;
  return headingSection(text);
}

/**
 * A page's running footer ("November 14, 2025 · Sofia Marquez · Résumé · 1", Awesome-CV and Word templates): the
 * holder's name with the document's name or a page number. On a one-page CV nothing repeats to give it away, so it
 * ends up in whatever section is last; it is nobody's skill or language.
 */
function dropRunningFooters(sections: Section[], name: string): void {
  const who = name.trim().toLowerCase();
  if (!who || !who.includes(' ')) return;
  for (const s of sections) {
    s.lines = s.lines.filter((l) => {
      const t = l.toLowerCase();
      return !(t.includes(who) && (/\br[ée]sum[ée]\b|\bcurriculum vitae\b|\bcv\b|\bpage \d+\b/.test(t) || /[·|/\s]\d{1,2}\s*$/.test(t)));
    });
  }
}

function parseHeader(lines: string[]): CvInput['basics'] {
  const content = lines
    .map((l) => l.replace(/^#{1,6}\s*/, '').trim())
    // a document title ("Curriculum vitae", "Résumé") and Europass's "PERSONAL INFORMATION" label are not the name
    .filter((l) => !/^(?:curriculum vitae|r[ée]sum[ée]|cv|lebenslauf|europass|personal (?:information|details)|desired employment\s*\/?|occupational field|contact(?: (?:me|info(?:rmation)?|details))?|get in touch)$/i.test(l))
    .map((l) => l.replace(/^(?:personal (?:information|details)|contact (?:information|details))\s*[:|]?\s+(?=\S)/i, ''))
    .filter(Boolean);
  const basics: CvInput['basics'] = { name: '', profiles: [] };
  const rest: string[] = [];
  const prose: string[] = [];
  for (const [i, line] of content.entries()) {
    if (line.length > 500) continue; // a pasted image or a paragraph: never run the contact patterns over it
    // a name set on two lines in a sidebar ("Zoë" / "Halvorsen")
    if (basics.name && !basics.name.includes(' ') && i > 0 && content[i - 1] === basics.name && /^\p{Lu}[\p{L}'’-]+$/u.test(line)) {
      basics.name = `${basics.name} ${line}`;
      continue;
    }
    const isContact = EMAIL_RE.test(line) || PHONE_RE.test(line) || /https?:\/\/|linkedin|github|www\./i.test(line);
    if (!basics.name && !isContact && line.length <= 60 && /\p{L}{2,}/u.test(line) && !/\d/.test(line)) {
      const name = line.replace(/[*_]/g, '').trim();
      // post-nominal letters ("IEng MICE", "RN", "PhD") are credentials, not part of the name
      const m = /^(.*?\p{Ll}[^,]*?)((?:,?\s+(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|Ph\.?D\.?|MSc|BSc|MBA|MA|BA))+)$/u.exec(name);
      basics.name = m && m[1]!.trim().split(/\s+/).length >= 2 ? m[1]!.replace(/,$/, '').trim() : name;
      if (m && basics.name !== name) basics.label ??= m[2]!.replace(/^,?\s+/, '').trim();
      continue;
    }
    rest.push(line);
  }
  for (const line of rest) {
    // an icon font's private-use glyph before each detail separates them as a bar would
    for (const part of line.split(/\s*(?:\||•|·|⋅|\u2022|;|\s{3,}|\t|[\uE000-\uF8FF])\s*|\s+[—–]\s+/)) {
      let p = part.trim();
      if (!p) continue;
      const email = EMAIL_RE.exec(p);
      if (email) {
        basics.email ??= email[0];
        // icons instead of separators leave "Columbus maya@example.com (555) 0148-2291" as one part: read the rest too
        p = `${p.slice(0, email.index)} ${p.slice(email.index + email[0].length)}`.trim();
        if (!p) continue;
        const phoneIn = PHONE_RE.exec(p);
        if (phoneIn && phoneIn[0].replace(/\D/g, '').length >= 7) {
          basics.phone ??= phoneIn[0].trim();
          p = `${p.slice(0, phoneIn.index)} ${p.slice(phoneIn.index + phoneIn[0].length)}`.trim();
        }
        if (!p) continue;
      }
      if (/linkedin|github|gitlab|behance|dribbble|portfolio|https?:\/\/|www\./i.test(p) || /^[\w-]+(\.[\w-]+)+\/\S+$/.test(p)) {
        const url = p.replace(/^(?:linkedin|github|portfolio|web(?:site)?)\s*:\s*/i, '');
        const network = /linkedin/i.test(url) ? 'LinkedIn' : /github/i.test(url) ? 'GitHub' : /gitlab/i.test(url) ? 'GitLab' : /behance/i.test(url) ? 'Behance' : /dribbble/i.test(url) ? 'Dribbble' : undefined;
        if (network) basics.profiles!.push({ network, url, username: url.replace(/\/+$/, '').split('/').pop() });
        else basics.url ??= url;
        continue;
      }
      const phone = PHONE_RE.exec(p);
      if (phone && phone[0].replace(/\D/g, '').length >= 7) {
        basics.phone ??= p.replace(/^(?:phone|tel|mobile|t|m)\s*[:.]\s*/i, '').trim();
        continue;
      }
      if (!basics.location && looksLikeLocation(p)) {
        const [city, region] = p.split(/\s*,\s*/);
        basics.location = { city, region, address: p };
        continue;
      }
      if (!basics.label && !/\d/.test(p) && p.length <= 80 && scoreTitle(p) > 0) basics.label = p;
      else if (p.length > 80 || /[.!?]$/.test(p)) prose.push(p);
    }
  }
  // a profile paragraph written under the name with no heading of its own
  if (prose.length) basics.summary = prose.join(' ');
  void URL_RE;
  return basics;
}

interface RawEntry {
  header: string[];
  bullets: string[];
  paragraphs: string[];
  /** The entry's own link, on a line of its own ("https://creativesolutions.inc/" under a role). */
  url?: string;
}

/** Groups an entry-style section (work, projects, volunteering) into header lines, bullets and prose. */
function parseEntries(lines: string[]): RawEntry[] {
  const entries: RawEntry[] = [];
  let cur: RawEntry | undefined;
  let lastWasBullet = false;
  let blank = true;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) {
      blank = true;
      continue;
    }
    const headed = BULLET_RE.test(raw) && (bulletedHeading(raw, lines[i + 1]) || (!lastWasBullet && stackedHeading(raw, lines.slice(i + 1, i + 5))));
    if (headed) {
      cur = push({ header: [line.replace(BULLET_RE, '').trim()], bullets: [], paragraphs: [] });
      lastWasBullet = false;
      blank = false;
      continue;
    }
    // a link alone on its line belongs to the entry above (builders print the employer's or project's site there)
    // (an icon font's glyph, in Unicode's private use area, may stand before it)
    const link = /^[\p{Co}\s]*((?:https?:\/\/|www\.)\S+)$/iu.exec(line);
    if (cur && !cur.url && link) {
      cur.url = link[1];
      lastWasBullet = false;
      continue;
    }
    // Europass closes each role with "Business or sector …": a fact about the employer, not a new entry
    if (cur && /^(?:type of )?business or sector\b|^activities and responsibilities\b/i.test(line)) {
      cur.paragraphs.push(line);
      continue;
    }
    if (BULLET_RE.test(raw)) {
      cur ??= push({ header: [], bullets: [], paragraphs: [] });
      cur.bullets.push(line.replace(BULLET_RE, '').trim());
      lastWasBullet = true;
      blank = false;
      continue;
    }
    const indented = /^\s{2,}/.test(raw);
    // a dated heading line ("Financial Analyst   09/2019 – 04/2023") opens a new entry even with no blank line before it
    const datedHeading = !!cur && (cur.bullets.length > 0 || cur.paragraphs.length > 0) && line.length <= 110 && !/[.!?]$/.test(line) && !!findDateRange(line) && headerLike(line);
    const startsNew = !cur || blank || lastWasBullet || datedHeading;
    if (lastWasBullet && !blank && cur && (indented || /^[a-z(]/.test(line)) && !findDateRange(line)) {
      cur.bullets[cur.bullets.length - 1] += ` ${line}`; // a wrapped bullet
      continue;
    }
    if (startsNew && (datedHeading || !(cur && cur.bullets.length === 0 && cur.paragraphs.length === 0 && !blank))) {
      const looksLikeHeader = findDateRange(line) || line.length <= 110;
      if (!cur || looksLikeHeader) cur = push({ header: [line], bullets: [], paragraphs: [] });
      else cur.paragraphs.push(line);
    } else if (cur && cur.bullets.length === 0 && cur.paragraphs.length === 0 && cur.header.length < 4 && line.length <= 110 && headerLike(line)) {
      cur.header.push(line);
    } else if (cur) {
      cur.paragraphs.push(line);
    }
    lastWasBullet = false;
    blank = false;
  }
  // bullets whose glyphs were lost (drawn as shapes, or a PDF that dropped them): sentence lines under a heading
  for (const e of entries) {
    if (e.bullets.length || e.paragraphs.length < 2) continue;
    const merged: string[] = [];
    for (const p of e.paragraphs) {
      if (merged.length && /^[a-z(]/.test(p)) merged[merged.length - 1] += ` ${p}`;
      else merged.push(p);
    }
    if (merged.length >= 2 && merged.every((p) => /^[A-Z0-9“"']/.test(p))) {
      e.bullets = merged;
      e.paragraphs = [];
    }
  }
  return entries;

  function push(e: RawEntry): RawEntry {
    entries.push(e);
    return e;
  }
}

/**
 * Templates that set each entry as an itemized list (sb2nov's "• Shopify | Ottawa, ON" over "Staff Engineer | 2022 –
 * Present"): a short bulleted line, in fields, followed by an undated-bullet-free line with dates, heads an entry.
 */
function bulletedHeading(raw: string, next: string | undefined): boolean {
  const text = raw.replace(BULLET_RE, '').trim();
  if (text.length > 90 || /[.!?;:]$/.test(text) || !next?.trim() || BULLET_RE.test(next)) return false;
  const fielded = STRONG_SEP.test(text) || !!findDateRange(text);
  // a timeline's dot before a role title, with the role's dates alone on the next line (JSON Resume "even")
  const datesNext = !!findDateRange(next) && !cutDate(next).rest;
  return (fielded || (datesNext && scoreTitle(text) > 0)) && !!findDateRange(next) && next.trim().length <= 110 && headerLike(next.trim());
}

/**
 * A timeline's dot before an employer whose title, place and dates follow on lines of their own (Reactive Resume:
 * "• Creative Solutions Inc." / "Senior Web Developer" / "San Francisco, CA" / "January 2019 to Present"): the lines up
 * to the dates are all heading-like, none a bullet, and the dates stand alone.
 */
function stackedHeading(raw: string, next: string[]): boolean {
  const text = raw.replace(BULLET_RE, '').trim();
  // "Inc." and "Ltd." end employers' names; a sentence ends on a word
  if (text.length > 90 || /[!?;:,]$|\b\p{Ll}{4,}\.$/u.test(text) || findDateRange(text)) return false;
  for (const l of next) {
    const t = l.trim();
    if (!t || BULLET_RE.test(l) || t.length > 110 || !headerLike(t)) return false;
    if (findDateRange(t)) return !cutDate(t).rest;
  }
  return false;
}

/** A line that can be part of an entry's heading: dates, separators, a title, an employer or a place — not a sentence. */
function headerLike(line: string): boolean {
  if (/[.!?]$/.test(line)) return false;
  return !!findDateRange(line) || STRONG_SEP.test(line) || scoreTitle(line) > 0 || scoreCompany(line) > 0 || looksLikeLocation(line) || line.split(/\s+/).length <= 6;
}

const STRONG_SEP = /\s+[—–|·•]\s+|\s+-\s+|\s*\|\s*/;

function splitParts(text: string): string[] {
  let parts = text.split(STRONG_SEP).map(clean).filter(Boolean);
  if (parts.length === 1) {
    const at = /^(.+?)\s+(?:at|@)\s+(.+)$/i.exec(parts[0]!);
    if (at) return [clean(at[1]!), ...splitOutsideBrackets(at[2]!).map(clean)];
    parts = splitOutsideBrackets(parts[0]!).map(clean).filter(Boolean);
  }
  return parts;
}

/** Commas separate parts, except inside brackets: "Pharmacy Assistant (weekends, while studying)" is one title. */
function splitOutsideBrackets(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    if ((ch === ')' || ch === ']') && depth > 0) depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

function clean(s: string): string {
  // an icon font's glyph read as a letter or symbol before a date or a place ("z Sep 2017", "* Davis, CA")
  let t = s.replace(/^(?:[*+~^#]|[a-z])\s+(?=[A-Z0-9])/, '').replace(/\*\*/g, '').replace(/^[\s,;:·|—–-]+|[\s,;:·|—–-]+$/g, '').trim();
  // strip brackets only when unbalanced ("(05/2016" after a date was cut), never "Polish (native)"
  const open = (t.match(/\(/g) ?? []).length;
  const close = (t.match(/\)/g) ?? []).length;
  if (open > close) t = t.replace(/^\(\s*/, '').replace(/\s*\($/, '');
  if (close > open) t = t.replace(/\s*\)$/, '').replace(/^\)\s*/, '');
  return t.trim();
}

function cutDate(line: string): { rest: string; date?: string; end?: string; present: boolean; found: boolean } {
  const r = findDateRange(line);
  if (!r) return { rest: clean(line), present: false, found: false };
  // a single date ("2019") dates the whole thing: it started and ended then
  if (r.single) r.end = r.start;
  const rest = clean(line.replace(r.matched, ' ').replace(/\(\s*\)|\[\s*\]/g, ' ').replace(/\s{2,}/g, ' '));
  return { rest, date: r.start ?? undefined, end: r.end ?? undefined, present: r.present, found: true };
}

/** Reset per parse: a role line with no employer belongs to the employer named just above it. */
let lastCompany = '';

/** A sub-heading inside the experience section ("Earlier experience", "Previous roles"): not part of any role. */
const SUB_HEADING = /^(?:[\p{L}-]+\s+){0,3}(?:experience|employment|roles|positions|career)$/iu;

function toWork(e: RawEntry, n: number): Cv['work'][number] {
  if (e.header.length > 1 && SUB_HEADING.test(e.header[0]!.trim())) e = { ...e, header: e.header.slice(1) };
  // the employer's web address on a line of its own is not part of the heading
  if (e.header.length > 1) e = { ...e, header: e.header.filter((h) => !/^\s*[\uE000-\uF8FF]?\s*(?:https?:\/\/|www\.)\S+\s*$/i.test(h)) };
  let start: string | undefined;
  let end: string | undefined;
  let present = false;
  const texts: string[] = [];
  for (const h of e.header) {
    const d = cutDate(h);
    if (d.found && start === undefined && !present) {
      start = d.date;
      end = d.end;
      present = d.present;
    }
    if (d.rest) texts.push(d.rest);
  }
  const byLines = headerByLines(e.header) ?? headerByFieldLines(e.header);
  if (byLines) return workEntry(n, { ...byLines, start, end, present }, e);
  let position = '';
  let company = '';
  let location: string | undefined;
  let parts = texts.flatMap((t) => splitParts(t));
  // "Nexus AI, Co-Founder & CTO | San Francisco, CA": the employer and the title in one comma-separated field
  if (!parts.some((p) => !p.includes(',') && scoreTitle(p) > 0)) {
    parts = parts.flatMap((p) => {
      const m = /^([^,]+),\s*([^,]+)$/.exec(p);
      return m && scoreTitle(m[2]!) > 0 && scoreTitle(m[1]!) === 0 && !looksLikeLocation(m[2]!) ? [m[1]!.trim(), m[2]!.trim()] : [p];
    });
  }
  const scored = parts.map((p, i) => ({ p, i, t: scoreTitle(p), c: scoreCompany(p), loc: looksLikeLocation(p) }));
  const titleCand = [...scored].sort((a, b) => b.t - a.t || a.i - b.i)[0];
  if (titleCand && titleCand.t > 0) position = titleCand.p;
  const rest = scored.filter((s) => s.p !== position);
  // The employer is the first part that is not the title, unless it reads as a place and a later part reads as a company.
  // a place ("London, UK") can score as a company by its capitals: it never outranks a part that is not a place
  // ("City, Region" is surely a place; a one- or two-word name like "Google DeepMind" only looks like one)
  const place = (x: { p: string; loc: boolean }) => (x.loc ? (/,/.test(x.p) ? 2 : 1) : 0);
  const byCompany = [...rest].sort((a, b) => (place(a) === 2 ? 1 : 0) - (place(b) === 2 ? 1 : 0) || b.c - a.c)[0];
  const firstNonLoc = rest.find((s) => !s.loc);
  const companyCand = byCompany && byCompany.c > 0 ? byCompany : firstNonLoc ?? rest[0];
  if (companyCand) company = companyCand.p;
  const locs = rest.filter((s) => s.p !== company).map((s) => s.p);
  // "St. Aldric's General Hospital, Leeds": the place after the employer's name is its location
  const split = splitTrailingLocation(company);
  if (split.location) {
    company = split.name;
    locs.unshift(split.location);
  }
  if (locs.length) location = locs.join(', ');
  if (!position && rest.length && !company) position = rest[0]!.p;
  if (!position && scored.length) position = scored.find((s) => s.p !== company)?.p ?? '';
  if (!company && texts.length === 1 && parts.length === 1 && position) {
    company = lastCompany; // another role at the employer named just above
  }
  return workEntry(n, { company, position, location, start, end, present }, e);
}

function workEntry(n: number, f: { company: string; position: string; location?: string; start?: string; end?: string; present: boolean }, e: RawEntry): Cv['work'][number] {
  if (f.company) lastCompany = f.company;
  const id = `w${n}`;
  return {
    id,
    name: f.company,
    position: f.position,
    location: f.location,
    url: e.url,
    startDate: f.start,
    endDate: f.present ? undefined : f.end,
    summary: e.paragraphs.join(' ') || undefined,
    highlights: e.bullets.map((text, j) => ({ id: `${id}h${j + 1}`, text })),
  };
}

/** How much a heading field reads as a job title rather than an employer. */
function lean(t: string): number {
  return scoreTitle(t) - scoreCompany(t);
}

/**
 * A heading stacked one field a line (JSON Resume themes, Reactive Resume: "Riverside Methodist Hospital" / "Charge
 * Nurse, Medical ICU" / "Mar 2021 – Present" / "Columbus, OH"): each line is one field, so commas stay inside it; the
 * place reads as a place, the title as a title, and the employer is the line left.
 */
function headerByFieldLines(header: string[]): { company: string; position: string; location?: string } | null {
  if (header.length < 2 || header.length > 4 || header.some((h) => STRONG_SEP.test(cutDate(h).rest))) return null;
  const texts = header.map((h) => cutDate(h)).filter((d) => d.rest).map((d) => d.rest);
  if (header.filter((h) => findDateRange(h)).length !== 1 || texts.length < 2) return null;
  if (header.length === 2 && !texts.some((t) => / at /.test(t))) return null;
  // "Senior Financial Analyst at Harbourline Payments" / "London, UK" (the stackoverflow theme)
  const at = texts.map((t) => /^(.+?)\s+at\s+(.+)$/.exec(t)).findIndex((m) => m && scoreTitle(m[1]!) > 0);
  if (at >= 0 && texts.length === 2) {
    const m = /^(.+?)\s+at\s+(.+)$/.exec(texts[at]!)!;
    const other = texts[1 - at]!;
    return { position: m[1]!.trim(), company: m[2]!.trim(), location: looksLikeLocation(other) ? other : undefined };
  }
  // a one-word employer ("TechAdvancers") reads as a place too: "City, Region" is the surer place, then the later line
  const places = texts.length === 3 ? texts.map((t, i) => (looksLikeLocation(t) ? i : -1)).filter((i) => i >= 0) : [];
  const placeAt = places.find((i) => texts[i]!.includes(',')) ?? places[places.length - 1] ?? -1;
  const location = placeAt >= 0 ? texts[placeAt] : undefined;
  const rest = texts.filter((_t, i) => i !== placeAt);
  if (rest.length !== 2) return null;
  const titleAt = lean(rest[0]!) > lean(rest[1]!) ? 0 : 1;
  // "Northgate Housing Association, Birmingham": the employer line may carry its place
  const employer = location ? { name: rest[1 - titleAt]! } : splitTrailingLocation(rest[1 - titleAt]!);
  return { company: employer.name, position: rest[titleAt]!, location: location ?? employer.location };
}

/**
 * The two-line entry heading of the widely copied LaTeX and Word templates: one line pairs a name with a place
 * ("Redline Automotive | Detroit, MI"), the other a name with the dates ("Lead Engineer, Thermal | Jan 2022 – Present"),
 * in either order. The employer goes with the place and the title with the dates, whatever words they hold; each
 * line is one field, so a comma inside it ("Senior Associate, Audit and Assurance") does not split it.
 */
function headerByLines(header: string[]): { company: string; position: string; location?: string } | null {
  if (header.length !== 2) return null;
  const lines = header.map((h) => {
    const d = cutDate(h);
    const parts = d.rest.split(STRONG_SEP).map(clean).filter(Boolean);
    return { dated: d.found, parts };
  });
  const [a, b] = lines as [(typeof lines)[0], (typeof lines)[0]];
  // "Employer | Place", or "Employer, Place" where the last comma part reads as a place
  const place = (l: typeof a): { name: string; location?: string } | null => {
    if (l.parts.length === 2 && looksLikeLocation(l.parts[1]!)) return { name: l.parts[0]!, location: l.parts[1] };
    if (l.parts.length !== 1) return null;
    const split = splitTrailingLocation(l.parts[0]!);
    return split.location && scoreTitle(split.name) <= 0 ? split : null;
  };
  let company: { name: string; location?: string } | null = null;
  let titleLine: typeof a | undefined;
  if (a.dated && !b.dated && a.parts.length === 1 && (company = place(b))) titleLine = a;
  else if (b.dated && !a.dated && b.parts.length === 1 && (company = place(a))) titleLine = b;
  // "Riverside Methodist Hospital" over "Charge Nurse, Medical ICU | Mar 2021 – Present" (OpenResume): the bare name is
  // the employer and the dated line, whole, the title; its comma is the title's own ("…, Medical ICU")
  if (!company && !a.dated && b.dated && a.parts.length === 1 && b.parts.length === 1 && scoreTitle(b.parts[0]!) > 0 && scoreTitle(a.parts[0]!) <= 0 && !(a.parts[0]!.includes(',') && looksLikeLocation(a.parts[0]!))) {
    return { company: a.parts[0]!, position: b.parts[0]! };
  }
  if (!company || !titleLine) return null;
  // usually the employer sits with the place and the title with the dates; Reactive Resume's Onyx has it the other way
  // round ("TechAdvancers | June 2016 to …" over "Web Developer | San Jose, CA"): the words decide when they disagree
  if (lean(company.name) > lean(titleLine.parts[0]!)) return { company: titleLine.parts[0]!, position: company.name, location: company.location };
  return { company: company.name, position: titleLine.parts[0]!, location: company.location };
}

function splitTrailingLocation(text: string): { name: string; location?: string } {
  const parts = text.split(/\s*,\s*/);
  let i = parts.length;
  while (i > 1 && (looksLikeLocation(parts[i - 1]!) || /^[A-Z]{2}$/.test(parts[i - 1]!))) i--;
  if (i === parts.length || !parts.slice(0, i).join(', ').trim()) return { name: text };
  return { name: parts.slice(0, i).join(', '), location: parts.slice(i).join(', ') };
}

function toProject(e: RawEntry, n: number): Cv['projects'][number] {
  const head = e.header.join(' — ');
  const d = cutDate(head);
  const parts = splitParts(d.rest);
  const id = `p${n}`;
  const name = parts[0] ?? d.rest;
  // the person's role on the project, on a short line of its own under the name ("Project Lead", "Frontend Developer")
  const roles: string[] = [];
  const others = parts.slice(1).filter((p) => (p.split(/\s+/).length <= 5 && scoreTitle(p) > 0 ? (roles.push(p), false) : true));
  const paragraphs = [...e.paragraphs];
  if (paragraphs.length > 1 && paragraphs[0]!.split(/\s+/).length <= 5 && !/[.!?]$/.test(paragraphs[0]!) && scoreTitle(paragraphs[0]!) > 0) roles.push(paragraphs.shift()!);
  const description = [others.join(', '), ...paragraphs].filter(Boolean).join(' ') || undefined;
  return { id, name, description, startDate: d.date, endDate: d.end, highlights: e.bullets.map((text, j) => ({ id: `${id}h${j + 1}`, text })), keywords: [], roles };
}

/** University systems whose campus follows a comma: "University of California, Davis" is one institution. */
const CAMPUS_SYSTEMS = /^(?:(?:The )?University of (?:California|Texas|Wisconsin|Massachusetts|Illinois|Maryland|Michigan|North Carolina|Colorado|Minnesota|Missouri|Hawai['ʻ]?i|Nebraska|Alabama|Tennessee|Arkansas|Louisiana|South Florida|Pittsburgh|London|Houston|Washington)|California State University|State University of New York|City University of New York|Texas A&M University|Rutgers(?: University)?|Purdue University|Indiana University|Penn(?:sylvania)? State(?: University)?|Arizona State University|Universit[yé] du Québec|University of Wisconsin System)$/i;

function parseEducation(lines: string[]): Cv['education'] {
  const groups: string[][] = [];
  let cur: string[] | undefined;
  let blank = true;
  for (const raw of lines) {
    const line = raw.trim().replace(BULLET_RE, '');
    if (!line) {
      blank = true;
      continue;
    }
    const isDegree = DEGREE_RE.test(line);
    const isInstitution = !isDegree && INSTITUTION_RE.test(line);
    const complete = !!cur && cur.some((l) => DEGREE_RE.test(l)) && cur.some((l) => INSTITUTION_RE.test(l));
    const newEntry = !cur || blank || (isDegree && cur.some((l) => DEGREE_RE.test(l))) || (isInstitution && complete);
    if (newEntry) groups.push((cur = [line]));
    else cur!.push(line);
    blank = false;
  }
  return groups.map((g, i) => {
    let start: string | undefined;
    let end: string | undefined;
    const texts: string[] = [];
    const courses: string[] = [];
    let score: string | undefined;
    for (const l of g) {
      const cm = /^(?:relevant\s+)?(?:courses|coursework|modules|dissertation|thesis)\s*[:–-]\s*(.+)$/i.exec(l);
      if (cm) {
        courses.push(...cm[1]!.split(/\s*[,;]\s*/).filter(Boolean));
        continue;
      }
      const sm = /\b(?:GPA|grade|classification)\s*[:–-]?\s*([^,;|]+)/i.exec(l);
      if (sm) score = sm[1]!.trim();
      const d = cutDate(l);
      if (d.found && start === undefined && end === undefined) {
        const isRange = d.end !== undefined && d.end !== d.date;
        start = isRange || d.present ? d.date : undefined;
        end = d.present ? undefined : d.end;
      }
      let rest = d.rest;
      // "Finance; GPA: 3.84 | 2022": the grade leaves the degree line with its separator, or it prints twice
      if (sm) rest = clean(rest.replace(sm[0].trim(), '').replace(/\s*[;,|–-]\s*$/, ''));
      if (rest) texts.push(rest);
    }
    const parts = texts.flatMap((t) => t.split(STRONG_SEP).flatMap((p) => (INSTITUTION_RE.test(p) && DEGREE_RE.test(p) ? p.split(/\s*,\s*/) : [p]))).map(clean).filter(Boolean);
    const degreePart = parts.find((p) => DEGREE_RE.test(p));
    let institution = parts.find((p) => p !== degreePart && INSTITUTION_RE.test(p)) ?? parts.find((p) => p !== degreePart) ?? '';
    let studyType: string | undefined;
    let area: string | undefined;
    if (degreePart) {
      let dp = degreePart;
      // "Master's in Interaction Design (MDes)": the abbreviation in brackets is the degree as the CV names it
      const abbr = /\(([A-Z][A-Za-z.]{1,6})\)/.exec(dp);
      if (abbr && DEGREE_RE.test(abbr[1]!)) {
        studyType = abbr[1]!;
        dp = dp.replace(abbr[0], '').replace(/\s{2,}/g, ' ');
      }
      const m = DEGREE_RE.exec(dp)!;
      // "M.Sc." keeps its last full stop (an abbreviation's); "BSc." at a sentence's end does not
      let matched = (/\..*\.$/.test(m[0].trim()) ? m[0] : m[0].replace(/\.$/, '')).trim();
      if (/^(bachelor|master)/i.test(matched)) {
        const full = /^(Bachelor|Master)(?:'s)?(?:\s+of\s+(?:Science|Arts|Engineering|Education|Business Administration|Fine Arts|Laws))?/i.exec(dp.slice(m.index));
        if (full) matched = full[0];
      }
      let after = dp.slice(m.index + matched.length);
      const hons = /^\s*(\(hons\.?\)|\(honours\)|hons\.?)/i.exec(after);
      if (hons) after = after.slice(hons[0].length);
      studyType ??= hons ? `${matched} ${hons[1]}` : matched;
      after = after.replace(/^\s*(?:degree\s+)?(?:in|of)\s+/i, '').replace(/^[\s,:–-]+/, '');
      const [areaText, maybeInstitution] = after.split(/\s*,\s*/);
      area = clean(areaText ?? '') || undefined;
      if (!institution && maybeInstitution) institution = clean(maybeInstitution);
      if (institution === degreePart && maybeInstitution) institution = clean(maybeInstitution);
    }
    institution = institution.replace(/\s*\((?:part[- ]time|full[- ]time|distance learning|online|evening)\)\s*/i, ' ').trim();
    if (institution && INSTITUTION_RE.test(institution) === false && !degreePart && parts.length > 1) {
      institution = parts.find((p) => INSTITUTION_RE.test(p)) ?? institution;
    }
    const instSplit = splitTrailingLocation(institution);
    // "Cardiff University, Cardiff (United Kingdom)" names a place; "University of California, Davis" a campus
    const campus = instSplit.location && !/[,(]/.test(instSplit.location) && CAMPUS_SYSTEMS.test(instSplit.name);
    if (instSplit.location && INSTITUTION_RE.test(instSplit.name) && !campus) institution = instSplit.name;
    return { id: `e${i + 1}`, institution, studyType, area, startDate: start, endDate: end, score, courses };
  });
}

/**
 * Certificates and awards set one field per line, the date alone last (Reactive Resume: "AWS Certified Developer" /
 * "Amazon Web Services" / "2019"): each record is put back on one line, "name — issuer 2019", for the usual reading.
 * Lists with no date-only line are left as they are.
 */
function stackedRecords(lines: string[]): string[] {
  const dated = (l: string) => cutDate(l);
  const dateOnly = (l: string) => { const d = dated(l); return d.found && !d.rest.trim(); };
  // "Certified Scrum Product Owner" / "Scrum Alliance, 2021" (AltaCV): the issuer and the date share the second line
  const issuerLine = (l: string) => { const d = dated(l); return d.found && !!d.rest.trim() && d.rest.replace(/[,;|–—-]\s*$/, '').trim().split(/\s+/).length <= 4; };
  const undated = (l: string) => !dated(l).found;
  if (!lines.some(dateOnly) && !lines.some((l, i) => i > 0 && issuerLine(l) && undated(lines[i - 1]!))) return lines;
  const out: string[] = [];
  let buf: string[] = [];
  for (const l of lines) {
    if (dateOnly(l) && buf.length >= 1 && buf.length <= 2) {
      out.push(`${buf.join(' — ')} ${l}`);
      buf = [];
    } else if (dateOnly(l)) {
      out.push(...buf.slice(0, -1), `${buf[buf.length - 1] ?? ''} ${l}`.trim());
      buf = [];
    } else if (issuerLine(l) && buf.length === 1) {
      out.push(`${buf[0]} — ${l}`);
      buf = [];
    } else if (!undated(l)) {
      out.push(...buf, l);
      buf = [];
    } else buf.push(l);
  }
  return [...out, ...buf];
}

/** Proficiency words builders print under a skill group's name (Reactive Resume: "Web Frameworks" / "Intermediate"). */
const SKILL_LEVEL = /^(?:beginner|novice|elementary|basic|intermediate|advanced|expert|proficient|competent|skilled|familiar|master|fluent|native|conversational|working knowledge)$/i;

function parseSkills(lines: string[], heading?: string): Cv['skills'] {
  const out: Cv['skills'] = [];
  const items = lines.map((l) => l.trim().replace(BULLET_RE, '')).filter(Boolean);
  // a group that is a section of its own ("Tools" / "Intermediate" / "Webpack, Git"): the heading names it
  if (heading && items.length === 2 && SKILL_LEVEL.test(items[0]!) && /,/.test(items[1]!)) {
    return [{ id: 's1', name: clean(heading.replace(BULLET_RE, '')), level: items[0], keywords: splitItems(items[1]!) }];
  }
  for (let i = 0; i < items.length; i++) {
    const line = items[i]!;
    // Deedy: "Over 5000 lines:" on its own line, the list on the next ("Python • TypeScript • Go")
    const labelOnly = /^([^:,;|•]{2,40}):$/.exec(line);
    if (labelOnly && items[i + 1] && !/:$/.test(items[i + 1]!)) {
      out.push({ id: `s${out.length + 1}`, name: clean(labelOnly[1]!), keywords: splitItems(items[i + 1]!) });
      i += 1;
      continue;
    }
    // a group's name on its own line, its level perhaps on the next, then its list ("HTML5, JavaScript, PHP")
    const level = items[i + 1] !== undefined && SKILL_LEVEL.test(items[i + 1]!) ? items[i + 1] : undefined;
    const list = items[i + (level ? 2 : 1)];
    if (!/[,;:|]/.test(line) && !SKILL_LEVEL.test(line) && line.split(/\s+/).length <= 4 && list && /,/.test(list) && !/:/.test(list) && (level || canonicalSkill(line) === undefined)) {
      out.push({ id: `s${out.length + 1}`, name: clean(line), level, keywords: splitItems(list) });
      i += level ? 2 : 1;
      continue;
    }
    const groups = labelledGroups(line);
    if (groups) {
      for (const [label, items] of groups) out.push({ id: `s${out.length + 1}`, name: clean(label), keywords: splitItems(items) });
    } else {
      for (const item of splitItems(line)) out.push({ id: `s${out.length + 1}`, name: item, keywords: [] });
    }
  }
  return out;
}

/**
 * "Languages: Go, SQL" — or several such groups run together on one line when a PDF's lines were joined
 * ("CAD: SolidWorks, ANSYS Methods: GD&T, DFMEA Software: MATLAB"): a new group starts at a capitalised label of up
 * to four words followed by a colon.
 */
function labelledGroups(line: string): [string, string][] | null {
  // a skills table row: "Critical Care | Mechanical ventilation, CRRT, Arterial lines"
  const row = /^([^|,:]{2,30}?)\s+\|\s+([^|]+,[^|]+)$/.exec(line);
  if (row && row[1]!.split(/\s+/).length <= 4) return [[row[1]!, row[2]!]];
  if (!/^[^:]{2,40}:\s*\S/.test(line)) return null;
  const starts = [...line.matchAll(/(?:^|(?<=[^\s:]\s))((?:[A-Z][\w&/+.#-]*)(?:\s+(?:and|&|of|[A-Z][\w&/+.#-]*)){0,3}):\s/g)].map((m) => m.index);
  const out: [string, string][] = [];
  starts.forEach((at, i) => {
    const chunk = line.slice(at, starts[i + 1] ?? line.length).trim();
    const m = /^([^:]{2,40}):\s*(.+)$/.exec(chunk);
    if (m) out.push([m[1]!, m[2]!]);
    else if (out.length) out[out.length - 1]![1] += ` ${chunk}`;
  });
  return out.length ? out : [[line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]];
}

const HUMAN_LANGUAGES = /\b(english|spanish|french|german|italian|portuguese|dutch|polish|russian|ukrainian|arabic|hindi|urdu|bengali|punjabi|tamil|telugu|mandarin|chinese|cantonese|japanese|korean|vietnamese|thai|turkish|greek|swedish|norwegian|danish|finnish|czech|slovak|hungarian|romanian|bulgarian|serbian|croatian|hebrew|persian|farsi|swahili|tagalog|filipino|malay|indonesian|welsh|irish|catalan|basque|afrikaans|native|fluent|bilingual|intermediate|basic|conversational)\b/i;

function codingLanguages(lines: string[]): boolean {
  const text = lines.join(' ');
  return !HUMAN_LANGUAGES.test(text) && findSkills(text).length >= 2;
}

/** Tags set as pills, with no separator but space ("Docker PostgreSQL Git"): split when every word is a known skill. */
function splitPills(item: string): string[] {
  const words = item.split(/\s+/);
  return words.length >= 2 && words.length <= 8 && words.every((w) => canonicalSkill(w) !== undefined) ? words : [item];
}

function splitItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[,;•·|]/.test(ch)) {
      items.push(cur);
      cur = '';
    } else cur += ch;
  }
  items.push(cur);
  return items.map((s) => clean(s.replace(/\.$/, ''))).filter(Boolean).flatMap(splitPills);
}

function itemLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!BULLET_RE.test(raw) && out.length && /^[a-z(]/.test(line)) out[out.length - 1] += ` ${line}`;
    else out.push(line.replace(BULLET_RE, '').trim());
  }
  return out;
}

function splitList(lines: string[]): string[] {
  return itemLines(lines).flatMap((l) => splitItems(l));
}

/** Exposed for tests: the date reader used on entry headers. */
export const _internal = { parseDate, splitParts };
