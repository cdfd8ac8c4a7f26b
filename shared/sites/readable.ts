import { Readability } from '@mozilla/readability';
import { addressSlugs, appState, cleanCompany, namesSite, onJobBoard, cleanLocation, employerFromSlugs, cleanTitle, companyFromTitle, GENERIC_TITLE, meta, workplace } from './dom';
import { hiddenChecker, HiddenLog, type HiddenReason } from './hidden';
import { fragment } from './html';
import { collapse, elementText, inlineText } from './text';
import type { ExtractEnv, SiteAdapter } from './types';

/**
 * The last resort for careers pages with no board markup and no JSON-LD: Readability finds the main text on a clone
 * of the page (it rewrites the document it reads), after we strip what is never the posting: navigation, cookie
 * banners, application forms, "similar jobs" lists, footers, and text the user cannot see.
 */

const BOILERPLATE = [
  'nav', 'aside', 'form', '[class*="breadcrumb" i]', '[aria-label*="breadcrumb" i]', '[itemtype*="BreadcrumbList"]', 'dialog', 'iframe', '[role="navigation"]', '[role="dialog"]', '[role="alertdialog"]',
  '[role="complementary"]', '[role="contentinfo"]', '[aria-modal="true"]',
  // consent managers: OneTrust, Cookiebot, Didomi, Usercentrics and home-made "cookie-banner"s
  '[id*="cookie" i]', '[class*="cookie" i]', '[id*="consent" i]', '[class*="consent" i]', '[class*="gdpr" i]',
  '#onetrust-consent-sdk', '#CybotCookiebotDialog', '#didomi-host', '#usercentrics-root',
];
/** Headings of the lists of other jobs that careers pages put under a posting. */
const OTHER_JOBS = /^(?:(?:similar|related|more|other|recommended|recent|latest|featured|open)\s+(?:\w+\s+)?(?:jobs|positions|roles|openings|vacancies|opportunities)|(?:you|people) (?:may|might) also (?:like|viewed?)|people also viewed|explore (?:more|other) (?:jobs|roles))\b/i;
const APPLY_ONLY = /^(?:apply(?: now| today| for this (?:job|role|position))?|share(?: this job)?|save(?: job)?|back to (?:all )?(?:jobs|search results|results|careers|openings|positions)|(?:view|see) all (?:jobs|openings|positions)|close|print(?: this job)?|similar jobs)$/i;
const MARK = 'data-cvpath-hidden';

export const readable: SiteAdapter = {
  id: 'readable',
  version: '2025-01',
  matches: () => true,
  extract(doc, url, env) {
    const title = pageTitle(doc, env);
    if (!title || !doc.body) return null;
    const clone = doc.cloneNode(true) as Document;
    const log = markHidden(doc, clone, env);
    stripBoilerplate(clone);
    for (const el of [...clone.querySelectorAll(`[${MARK}]`)]) {
      log.record(el, el.getAttribute(MARK) as HiddenReason);
      el.remove();
    }
    // Readability rewrites the tree it reads: a copy keeps the page's sections for `wholeCard`
    const kept = clone.cloneNode(true) as Document;
    const article = new Readability(clone, { charThreshold: 300, keepClasses: false }).parse();
    if (!article?.content) return null;
    const content = fragment(doc, article.content);
    let description = elementText([...content.children]);
    description = wholeCard(kept, description) ?? description;
    // Readability keeps the page's heading inside the article; the title has its own field
    if (description.startsWith(`${title}\n\n`) || description === title) description = description.slice(title.length).trimStart();
    if (description.split(/\s+/).length < 40) return null; // a heading and a button: not a posting
    // og: tags and title parts name the site: the employer on its own careers site, the board on a job board
    const board = onJobBoard(url);
    const own = (name: string | undefined) => (board && namesSite(name, url) ? undefined : name);
    const siteName = board ? undefined : meta(doc, 'og:site_name');
    // "Y at Mintlify | Y Combinator's Work at a Startup": a job board's own name is not the employer
    const fromTitle = own(companyFromTitle(meta(doc, 'og:title') ?? doc.title, title));
    // "Chicago - IT Site Supervisor (Onsite)": law-firm ATSs lead the title with the office
    const office = /^([A-Z][\p{L}.'’]+(?: [A-Z][\p{L}.'’]+){0,2})\s+[-–]\s+\S/u.exec(title)?.[1];
    const loc = location(doc, description, title) ?? (office && scoreTitleWords(office) ? office : undefined) ?? fromState(doc, STATE_LOCATION);
    // "Software Engineering II | Microsoft Careers": a title part naming the careers site names the employer
    const careersOf = collapse(doc.title).split(/\s+[|–—-]\s+/).map((p) => /^(.{2,40}?)\s+careers$/i.exec(p)?.[1]).find((p) => p && !/\b(?:jobs?|and)$/i.test(p));
    return {
      title,
      company: cleanCompany(legalEntityNearTitle(doc) || (/\bat\s/i.test(doc.title) && fromTitle) || careersOf || siteName || (fromTitle && !GENERIC_TITLE.test(fromTitle) ? fromTitle : undefined) || fromState(doc, STATE_COMPANY) || copyrightHolder(doc, url) || employerFromSlugs(addressSlugs(url), description)) ?? '',
      location: cleanLocation(loc && inProseOrder(loc, description)),
      remote: workplace(loc, description.slice(0, 600)),
      description,
      warnings: log.warnings(),
    };
  },
};

/** The page's visible h1, else what it tells link previews. */
export function pageTitle(doc: Document, env: ExtractEnv): string | undefined {
  const checker = hiddenChecker(doc, env);
  for (const h of doc.querySelectorAll('h1')) {
    const t = inlineText(h, { skip: (el) => checker.reason(el) !== null });
    if (t && !checker.reason(h) && !GENERIC_TITLE.test(t)) return cleanTitle(t);
  }
  // no h1: a heading in the page's title block (`<div id="page-title"><h3>`), as the page shows it
  for (const h of doc.querySelectorAll('[id*="title" i] :is(h2, h3, h4), [class*="job-title" i], [class*="jobtitle" i], [id*="jobtitle" i], .page-header')) {
    const t = inlineText(h, { skip: (el) => checker.reason(el) !== null });
    if (t && t.length <= 150 && !checker.reason(h) && !GENERIC_TITLE.test(t)) return cleanTitle(t);
  }
  // the job in the page's heading of the next level, when the h1 names the site
  for (const h of doc.querySelectorAll('h2')) {
    const t = inlineText(h, { skip: (el) => checker.reason(el) !== null });
    if (t && t.length <= 120 && !checker.reason(h) && !GENERIC_TITLE.test(t) && !/[.!?:]$/.test(t) && doc.querySelector('h1')) return cleanTitle(t);
    break;
  }
  const titled = meta(doc, 'og:title') ?? (collapse(doc.title) || undefined);
  // "Founding Product Designer at Mintlify | Y Combinator's Work at a Startup": the job before " at " or the separator
  return titled ? cleanTitle(titled.split(/\s+[|–—]\s+/)[0]!.replace(/\s+at\s+[^|]+$/i, '')) : undefined;
}

/**
 * Marks, on the clone, every element hidden in the original: the live page's computed style (env) only answers
 * for the original's elements. Both trees list their elements in the same order, so index i is the same element.
 */
function markHidden(doc: Document, clone: Document, env: ExtractEnv): HiddenLog {
  const checker = hiddenChecker(doc, env);
  const orig = [...(doc.body?.querySelectorAll('*') ?? [])];
  const copy = [...(clone.body?.querySelectorAll('*') ?? [])];
  const hidden = new Set<Element>();
  orig.forEach((el, i) => {
    if (el.parentElement && hidden.has(el.parentElement)) return hidden.add(el);
    const reason = checker.reason(el);
    if (!reason) return;
    hidden.add(el);
    copy[i]?.setAttribute(MARK, reason);
  });
  return new HiddenLog();
}

function stripBoilerplate(clone: Document): void {
  // ASP.NET and some ATSs wrap the whole page in one <form>: that is the page, not an application form
  const bodyText = (clone.body?.textContent ?? '').length;
  const wholePage = (el: Element) => (el.textContent ?? '').length > 0.5 * bodyText;
  for (const el of [...clone.querySelectorAll(BOILERPLATE.join(','))]) if (!el.querySelector('h1') && !wholePage(el)) el.remove();
  // a site header or footer holds menus and links; one that holds the h1 is the posting's own header
  for (const el of [...clone.querySelectorAll('header, footer, [role="banner"]')]) if (!el.querySelector('h1')) el.remove();
  for (const h of [...clone.querySelectorAll('h2, h3, h4, h5, [role="heading"]')]) {
    if (!OTHER_JOBS.test(collapse(h.textContent ?? ''))) continue;
    const box = h.parentElement;
    if (box && box !== clone.body && !/^(MAIN|ARTICLE)$/.test(box.tagName) && !box.querySelector('h1')) box.remove();
    else removeSection(h);
  }
  // "← Back to Careers", "Apply now →": the arrow is decoration
  for (const el of [...clone.querySelectorAll('a, button, [role="button"]')]) if (APPLY_ONLY.test(collapse(el.textContent ?? '').replace(/^[←‹«<]\s*|\s*[→›»>]$/g, ''))) el.remove();
  // a "Similar Jobs" label that is not a heading (a div or span above a list of other postings): the list goes too
  for (const el of [...clone.querySelectorAll('div, span, p')]) {
    if (el.children.length || !OTHER_JOBS.test(collapse(el.textContent ?? ''))) continue;
    const box = el.parentElement;
    if (box && box !== clone.body && !box.querySelector('h1') && (box.textContent ?? '').length < 0.3 * (clone.body?.textContent ?? '').length) box.remove();
    else el.remove();
  }
}

/** A heading and what follows it up to the next heading of the same or a higher level. */
function removeSection(h: Element): void {
  const level = Number(h.tagName.slice(1)) || 6;
  let next = h.nextElementSibling;
  h.remove();
  while (next) {
    const lv = /^H[1-6]$/.test(next.tagName) ? Number(next.tagName.slice(1)) : 99;
    if (lv <= level) break;
    const after = next.nextElementSibling;
    next.remove();
    next = after;
  }
}

/** A short element labelled as the location, or a "Location: …" line at the top of the text. */
function location(doc: Document, description: string, title: string): string | undefined {
  // schema.org microdata, the markup's own answer: <div itemprop="jobLocation"><… itemprop="addressLocality">
  for (const address of doc.querySelectorAll('[itemprop="jobLocation"] [itemprop="address"], [itemprop="jobLocation"][itemprop="address"]')) {
    const parts = ['addressLocality', 'addressRegion', 'addressCountry'].map((k) => collapse(address.querySelector(`[itemprop="${k}"]`)?.textContent ?? '')).filter(Boolean);
    if (parts.length) return parts.join(', ');
  }
  // a label and its value: <dt>/<th>/<td>/<span> "Job Location" beside the place (cvMail, Taleo, definition lists)
  for (const label of doc.querySelectorAll('dt, th, td, span, div, label, p')) {
    if (label.children.length > 1 || !LOCATION_LABEL.test(collapse(label.textContent ?? ''))) continue;
    // the label may sit alone inside a heading (Taleo: <h2><span>Primary Location</span></h2><span>:</span><span>place</span>)
    const from = !label.nextElementSibling && label.parentElement && collapse(label.parentElement.textContent ?? '') === collapse(label.textContent ?? '') ? label.parentElement : label;
    for (let v = from.nextElementSibling, n = 0; v && n < 4; v = v.nextElementSibling, n++) {
      const value = collapse(v.textContent ?? '').replace(/^:\s*/, '');
      if (!value || value === ':' || LOCATION_LABEL.test(value)) continue;
      if (value.length <= 80) return firstPart(value);
      break;
    }
  }
  const near = placeNearTitle(doc, title) ?? placeAfterPin(doc);
  if (near) return near;
  for (const el of doc.querySelectorAll('[itemprop="jobLocation"], [class*="location" i], [data-testid*="location" i]')) {
    // a search box's "Find jobs by location" is the page's tool, not the job's place
    const box = el.closest('form, [role="search"], nav, header');
    if ((box && !(box.tagName === 'HEADER' && box.querySelector('h1'))) || el.querySelector('input, select, button')) continue;
    // "Remote (<span class=locations>United States</span>)": the list of places qualifies the line it sits in
    const line = /^\(.*\)$/.test(collapse(el.textContent ?? '')) && el.parentElement ? el.parentElement : el;
    const t = collapse(line.textContent ?? '').replace(/^location:?\s*/i, '').replace(/^[^\p{L}\p{N}]+/u, '');
    if (t && t.length <= 80 && t.length >= 2 && !/\b(?:search|find|jobs?|keyword)\b/i.test(t)) return firstPart(t);
  }
  const line = description.slice(0, 1500).match(/^(?:- )?location:\s*(.{2,80})$/im)?.[1];
  return line ? firstPart(line) : undefined;
}

/**
 * A leading title segment that names no job (no role words): a place. A few words of its own rather than the engine's
 * lexicon, which would add about 9 KB to the content script every job page loads.
 */
function scoreTitleWords(s: string): boolean {
  return !/\b(?:engineer|manager|director|associate|assistant|analyst|counsel|lawyer|attorney|paralegal|senior|junior|lead|head|intern|fellow|scholar|specialist|coordinator|officer|developer|designer|consultant|partner|secretary)\b/i.test(s);
}

/** "Location", "Job location", "Office locations": a label whose value is the next element. */
const LOCATION_LABEL = /^(?:(?:job |primary |work )?location|office locations?)\s*:?$/i;

const PLACE = /^[A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){0,3},\s*[A-Z][\p{L}.'’ -]+(?:,\s*[A-Z][\p{L}.'’ -]+)?$/u;

/** The place a careers page prints in the few short lines under the job's title ("San Mateo, CA, United States"). */
function placeNearTitle(doc: Document, title: string): string | undefined {
  const all = [...(doc.body?.querySelectorAll('*') ?? [])];
  // the h1 that is the job's title: a menu or a dialog may have its own h1 earlier
  const h1s = all.filter((el) => el.tagName === 'H1');
  const h1 = h1s.find((h) => cleanTitle(inlineText(h)) === title) ?? h1s[0];
  if (!h1) return undefined;
  const at = all.indexOf(h1);
  for (const el of all.slice(at + 1, at + 60)) {
    // a leaf, or a line led by an icon (an <svg> or <i> pin before "Tokyo, Japan")
    if ([...el.children].some((c) => collapse(c.textContent ?? '') !== '') || /^(?:SCRIPT|STYLE|A|BUTTON|svg|SVG|H[1-6])$/.test(el.tagName)) continue;
    // "San Francisco, California, United States — Applied AI Engineering": the place, then the team
    const t = collapse(el.textContent ?? '').split(/\s+[—–|·•]\s+/)[0]!;
    if (t.length >= 4 && t.length <= 60 && PLACE.test(t)) return t;
  }
  return undefined;
}

/** "Portland, OR · Full-time · Starts March": meta lines list several facts; the place comes first. */
function firstPart(s: string): string {
  return s.split(/\s+[·|•]\s+/)[0]!.trim();
}

/**
 * The app state a single-page careers site embeds for its scripts (`__NEXT_DATA__`, Remix context, Apollo cache):
 * the names its posting object gives the employer and the place. Asked only when the visible page did not say.
 */
const STATE_COMPANY = ['hiringOrganization.name', 'companyName', 'employerName', 'company.name', 'organization.name'];
const STATE_LOCATION = ['jobLocation.name', 'locationName', 'formattedLocation', 'location.name', 'location'];

function fromState(doc: Document, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const v = appState(doc, key);
    if (v && v.length <= 80) return v;
  }
  return undefined;
}

/** Map-pin icons that careers pages put before the place: Font Awesome, Fluent, an `aria-label="location"` image. */
const PIN = '[class*="map-marker" i], [class*="map-pin" i], [class*="fa-location" i], [data-icon-name*="location" i], [aria-label="location" i][role="img"]';

/** The short line a map-pin icon leads: "San Francisco, CA, US / Remote". */
function placeAfterPin(doc: Document): string | undefined {
  for (const pin of doc.querySelectorAll(PIN)) {
    if (pin.closest('form, nav, [role="search"], footer')) continue;
    const t = collapse(pin.parentElement?.textContent ?? '');
    if (t.length >= 2 && t.length <= 80 && !/\b(?:search|find|jobs?|keyword)\b/i.test(t)) return t;
  }
  return undefined;
}

/**
 * "USA, WA, Seattle" in a facts box, "Seattle, WA, USA" in the posting's own sentence: the place as the text writes it
 * for people, smallest part first.
 */
function inProseOrder(place: string, description: string): string {
  const parts = place.split(/\s*,\s*/);
  if (parts.length < 2) return place;
  const reversed = [...parts].reverse().join(', ');
  return description.includes(reversed) ? reversed : place;
}

/** Legal forms that end an employer's registered name. */
const LEGAL_FORM = /\s(?:LLC|L\.L\.C\.|LLP|Inc\.?|Ltd\.?|Limited|GmbH|AG|SE|S\.A\.S?\.?|SAS|B\.V\.|N\.V\.|plc|PLC|Corp\.?|Corporation|Pty\.? Ltd\.?|S\.r\.l\.|K\.K\.)$/;

/** "Job ID: 2482000 | Amazon.com Services LLC": the hiring entity a careers page prints in the line under the title. */
function legalEntityNearTitle(doc: Document): string | undefined {
  const all = [...(doc.body?.querySelectorAll('*') ?? [])];
  const at = all.findIndex((el) => el.tagName === 'H1');
  if (at < 0) return undefined;
  for (const el of all.slice(at + 1, at + 20)) {
    if (el.children.length || /^(?:SCRIPT|STYLE|A|BUTTON)$/.test(el.tagName)) continue;
    const t = collapse(el.textContent ?? '');
    if (t.length > 120) continue;
    const entity = t.split(/\s+[|·•]\s+/).map((p) => p.trim()).find((p) => p.length <= 60 && LEGAL_FORM.test(p) && !/:/.test(p));
    if (entity) return entity;
  }
  return undefined;
}

/** A sentence of some length: prose, not a facts box ("Date posted Nov 03, 2023 Job number 1658879") or a button row. */
const PROSE = /\p{L}{2,}[.!?](?:\s|$)/u;

/**
 * Careers pages built from components lay the posting out as sibling sections under the title ("Overview",
 * "Qualifications", "Responsibilities", then benefits and the equal-opportunity statement), and Readability keeps only
 * the richest one. The card that holds the title and the chosen text gives the rest: each of its sections after the
 * title that reads as prose, in page order. Only when the card is the posting, not the page (a few times the text).
 */
function wholeCard(kept: Document, description: string): string | undefined {
  const h1 = kept.querySelector('h1');
  const unlisted = (s: string) => collapse(s.replace(/^\s*- /gm, ''));
  const words = unlisted(description).split(' ');
  if (!h1 || words.length < 40) return undefined;
  const head = words.slice(0, 12).join(' ');
  const tail = words.slice(-12).join(' ');
  const flat = (el: Element) => unlisted(elementText(el));
  for (let card = h1.parentElement; card && card !== kept.body; card = card.parentElement) {
    const text = flat(card);
    if (!text.includes(head) || !text.includes(tail)) continue;
    if (text.length > 3 * description.length || card.querySelector('nav, form, footer, header')) return undefined;
    const branch = [...card.children].findIndex((c) => c === h1 || c.contains(h1));
    const sections = [...card.children].slice(branch + 1).filter((c) => PROSE.test(flat(c)) && flat(c).split(' ').length >= 12);
    const out = elementText(sections);
    return out.length > 1.2 * description.length ? out : undefined;
  }
  return undefined;
}

/**
 * "OpenAI © 2015 – 2023", "© Microsoft 2023": the site's copyright holder, when the address spells its name
 * (openai.com): a careers site's owner is the employer. A board's own hosts give no slugs, so a board never names itself.
 */
function copyrightHolder(doc: Document, url: URL): string | undefined {
  const slugs = addressSlugs(url).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter((s) => s.length >= 3);
  if (!slugs.length) return undefined;
  for (const el of doc.querySelectorAll('footer, footer *, [class*="footer" i], [class*="copyright" i]')) {
    if (el.children.length) continue;
    const t = collapse(el.textContent ?? '');
    if (!t.includes('©') || t.length > 80) continue;
    const name = t.replace(/copyright|©|all rights reserved\.?|\b(?:19|20)\d{2}\b|[–—-]/gi, ' ').replace(/\s+/g, ' ').replace(/^[\s.,]+|[\s.,]+$/g, '');
    const letters = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (name && slugs.some((s) => letters === s)) return name;
  }
  return undefined;
}
