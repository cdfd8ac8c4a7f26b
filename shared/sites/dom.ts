import { boardForHost } from './catalogue';
import type { JobWarning } from '../schema/job-posting';
import { hiddenChecker, HiddenLog } from './hidden';
import { elementText, inlineText, collapse } from './text';
import type { AdapterMiss, ExtractEnv } from './types';

/** Small DOM helpers every adapter shares; all of them take the Document (or an element) they read, nothing global. */

export interface Found {
  el: Element;
  selector: string;
}

/** The first selector (newest markup first) that finds an element with text, and which one did. */
export function first(root: ParentNode, selectors: readonly string[]): Found | null {
  for (const selector of selectors) {
    for (const el of root.querySelectorAll(selector)) if (collapse(el.textContent ?? '')) return { el, selector };
  }
  return null;
}

/** A miss naming every selector that was tried, so the failure report tells a maintainer what to update. */
export function miss(board: string, field: string, selectors: readonly string[]): AdapterMiss {
  return { missing: selectors.join(', '), message: `${board}: no ${field} found; the page layout may have changed.` };
}

/** The visible one-line text of the first matching element. */
export function field(root: ParentNode, selectors: readonly string[], doc: Document, env: ExtractEnv): string | undefined {
  const f = first(root, selectors);
  if (!f) return undefined;
  const log = new HiddenLog(hiddenChecker(doc, env));
  return inlineText(f.el, { skip: log.skip }) || undefined;
}

export function meta(doc: Document, name: string): string | undefined {
  const el = doc.querySelector(`meta[property="${name}"], meta[name="${name}"]`);
  return collapse(el?.getAttribute('content') ?? '') || undefined;
}

/** The description's clean text without the hidden parts, and warnings for what was hidden. */
export function readDescription(els: Element | Element[], doc: Document, env: ExtractEnv): { description: string; warnings: JobWarning[] } {
  const log = new HiddenLog(hiddenChecker(doc, env));
  return { description: elementText(els, { skip: log.skip }), warnings: log.warnings() };
}

/** Where the job is done, from any text that says so ("Remote", "Hybrid work", "On-site"). */
export function workplace(...texts: (string | undefined)[]): 'onsite' | 'hybrid' | 'remote' | 'unknown' {
  const t = texts.filter(Boolean).join(' ').toLowerCase();
  if (/\bhybrid\b/.test(t)) return 'hybrid';
  if (/\bremote\b|\bwork from home\b|\bwfh\b|\btelecommute/.test(t)) return 'remote';
  if (/\bon-?site\b|\bin[- ]office\b|\bin[- ]person\b/.test(t)) return 'onsite';
  return 'unknown';
}

/** "Remote - US", "Berlin (Hybrid)": the place without the workplace note the field also carries. */
/** The label a page prints before the place, in the languages postings are written in. */
const LOCATION_LABEL = /^(?:(?:job |work )?location|place of work|based in|lieu(?: de travail)?|localisation|arbeitsort|standort|einsatzort|ort|ubicaci[oó]n|localizaci[oó]n|sede|luogo(?: di lavoro)?|locatie|werklocatie|plats|arbetsort|sijainti|lokalizacja|miejsce pracy)\s*:\s*/i;

export function cleanLocation(s: string | undefined): string | undefined {
  const out = s?.replace(LOCATION_LABEL, '').replace(/\s*\((?:remote|hybrid|on-?site)\)\s*$/i, '').replace(/\s*[•·]\s*(?:remote|hybrid|on-?site)(?: work)?\s*$/i, '').trim();
  return out || undefined;
}

/** The company a page title names: "Job Application for X at Acme", "X at Acme", "Acme - X", "X | Acme Careers". */
export function companyFromTitle(title: string | undefined, jobTitle?: string): string | undefined {
  if (!title) return undefined;
  const t = collapse(title);
  const looking = /^(.{2,60}?)\s+is (?:looking|hiring) for\b/i.exec(t);
  if (looking?.[1]) return looking[1].trim();
  const at = t.match(/\bat ([^|–—-]+?)(?:\s*[|–—-].*)?$/);
  if (at?.[1]) return at[1].trim();
  for (const part of t.split(/\s+[|–—-]\s+/)) {
    const p = part.replace(/\s+(?:careers?|jobs|job board|hiring)$/i, '').trim();
    if (p && p !== jobTitle && !(jobTitle && p.includes(jobTitle)) && !/^(?:careers?|jobs?)$/i.test(p) && (!jobTitle || !jobTitle.includes(p))) return p;
  }
  return undefined;
}

/**
 * A string from the app state a page embeds for its scripts (`window._initialData = {…}`, `__NEXT_DATA__`, Remix
 * context): `"key":"value"`, the first one found. The visible markup of such pages is hashed class names that change
 * weekly; the state's keys do not.
 */
export function appState(doc: Document, key: string): string | undefined {
  // "parent.key": the key inside the parent's object (the first level only)
  const [parent, leaf] = key.includes('.') ? key.split('.') as [string, string] : [undefined, key];
  const value = `"${leaf}"\\s*:\\s*"((?:[^"\\\\]|\\\\.){1,200})"`;
  const re = new RegExp(parent ? `"${parent}"\\s*:\\s*\\{[^{}]*?${value}` : value);
  for (const s of doc.querySelectorAll('script:not([src])')) {
    const m = re.exec(s.textContent ?? '');
    if (!m) continue;
    try {
      return collapse(JSON.parse(`"${m[1]}"`) as string) || undefined;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** An employer's name as pages decorate it: "Careers at Roblox", "Squire Patton Boggs Careers", "… Online Application". */
export function cleanCompany(s: string | undefined): string | undefined {
  const out = collapse(s ?? '')
    .replace(/^(?:careers?|jobs?|work|working|life)\s+(?:at|with)\s+/i, '')
    .replace(/\s*[-–|:]?\s*(?:careers?(?: site| page| portal)?|jobs(?: board)?|job board|online application|talent acquisition|recruiting|recruitment|applicant portal|search firm portal|portal|job openings?)$/i, '')
    .trim();
  return out || undefined;
}

/** What a page calls itself rather than the job: "Jobs", "Open Positions", "Lawcruit Applicant Portal". */
export const GENERIC_TITLE = /^(?:jobs?|careers?|open (?:positions|roles|jobs)|(?:career|job|employment) opportunities|current openings|job (?:details|description|search)|position description|search (?:jobs|results)|.*applicant portal|supporting page|videsktop|home|primary location|job title|position title|job posting)$/i;

/** "Greenberg Traurig is looking for X.", "Hiring X, - New York": the job as the sentence around it names it. */
export function cleanTitle(t: string): string {
  return collapse(t)
    .replace(/^.{2,60}?\s+is (?:looking|hiring) for (?:an? )?/i, '')
    .replace(/^(?:now )?hiring:?\s+/i, '')
    .replace(/\.$/, '')
    .replace(/,\s*-\s*[^,]+$/, '')
    .trim();
}

/**
 * The employer's name as a posting writes it, found through the slugs of its address (an ATS tenant, the employer's
 * own domain): the capitalised name whose letters a slug holds ("ouryahoo" → Yahoo), starts ("wachtelllipton" →
 * "Wachtell, Lipton, Rosen & Katz") or abbreviates ("nrf" → Norton Rose Fulbright). Many ATS pages name the employer
 * nowhere but in the text.
 */
export function employerFromSlugs(slugs: string[], text: string, limit = 4000): string | undefined {
  for (const raw of slugs) {
    const slug = raw.toLowerCase().replace(/[^a-z]/g, '');
    if (slug.length < 3) continue;
    // ranked: the slug is the name's letters, its initials, the start of a longer name, or holds the name
    let best: { name: string; rank: number } | undefined;
    let full: string | undefined;
    for (const m of text.slice(0, limit).matchAll(/\b[A-Z](?:[\w'’-]|&(?=[A-Z]))*(?:(?:,\s+|\s+&\s+|\s+and\s+|\s+)[A-Z](?:[\w'’-]|&(?=[A-Z]))*){0,6}/g)) {
      const words = m[0].split(/[\s,&]+/).filter((w) => w && w !== 'and');
      for (let k = 1; k <= words.length; k++) {
        // "Morgan Lewis’s IP practice": the name ends at its possessive
        if (k > 1 && /[’']s$/.test(words[k - 2]!)) break;
        // "the McGuireWoods Search Firm Portal": nor does it run on into the name of one of its pages
        if (k > 1 && /^(?:portal|search|site|page|careers?|jobs)$/i.test(words[k - 1]!)) break;
        const name = m[0].slice(0, m[0].indexOf(words[k - 1]!) + words[k - 1]!.length).replace(/[’']s$/, '');
        const letters = name.toLowerCase().replace(/[^a-z]/g, '');
        const initials = words.slice(0, k).map((w) => w[0]!.toLowerCase()).join('');
        const rank = letters === slug ? 4 : k >= 2 && initials === slug ? 3 : letters.startsWith(slug) ? 2 : letters.length >= 4 && slug.includes(letters) ? 1 : 0;
        // a longer name of the same rank wins, unless all it adds is a legal form the slug does not spell ("McGuireWoods LLP")
        const longer = rank > 0 && rank === best?.rank && rank <= 2 && name.length > best.name.length && (!LEGAL_FORM.test(name.slice(best.name.length)) || slug.includes(letters));
        if (rank > (best?.rank ?? 0) || longer) best = { name, rank };
        // a firm's full name that starts with the slug ("Wachtell, Lipton, Rosen & Katz", "Freshfields Bruckhaus Deringer")
        if (rank === 2 && (k >= 3 || /[,&]/.test(name)) && name.length > (full?.length ?? 0)) full = name;
      }
    }
    if (full && best && full.toLowerCase().startsWith(best.name.toLowerCase())) return full;
    if (best) return best.name;
  }
  return undefined;
}

const LEGAL_FORM = /^,?\s+(?:LLP|LLC|L\.L\.P\.|Inc|Ltd|PLC|GmbH|AG|SA|LP|PC|P\.C\.)\.?$/i;

/** Labels of an address that name a service, not an employer. */
const SERVICE_LABEL = /^(?:www\d*|jobs?|careers?|career|apply|recruit(?:er|ing)?|hiring|talent|hr|global|en|us|uk|eu|com|net|org|io|co|de|fr|ch|tbe|phg\d*|wd\d+|taleo|micronapps|lawcruit|recsolu|selectminds|referrals|allhires|jobvite|cvmail(?:uk)?|fsr|oraclecloud|fa|us\d|myworkdayjobs|myworkdaysite|greenhouse|lever|ashbyhq|smartrecruiters|jobappnetwork|virecruitselfapply|extranet|phextranet)$/i;

/** Job boards with no adapter of their own: the generic reader serves them, and their name is never the employer. */
const JOB_BOARD_HOST = /(?:^|\.)(?:linkedin|indeed|glassdoor|seek|stepstone|reed|totaljobs|monster|ziprecruiter|welcometothejungle|wellfound|jobindex|workatastartup)\./i;

/** Is this address on a job board (with an adapter or not) rather than an employer's own site? */
export function onJobBoard(url: URL): boolean {
  return !!boardForHost(url.hostname) || JOB_BOARD_HOST.test(url.hostname);
}

/** "SEEK Australia" on seek.com.au, "Jobindex" on jobindex.dk: a name the address spells is the site's own. */
export function namesSite(name: string | undefined, url: URL): boolean {
  const letters = (name ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return !!letters && url.hostname.toLowerCase().split('.').some((l) => l.length >= 3 && !SERVICE_LABEL.test(l) && letters.startsWith(l.replace(/[^a-z0-9]/g, '')));
}

/** Slugs that may name the employer: the address's own labels, its first path segment, an `org` or `company` parameter. */
export function addressSlugs(url: URL): string[] {
  // a job board's own name is never the employer
  if (onJobBoard(url)) return [];
  const labels = url.hostname.split('.').filter((l) => !SERVICE_LABEL.test(l));
  const path = url.pathname.split('/').filter(Boolean)[0];
  const param = url.searchParams.get('org') ?? url.searchParams.get('company') ?? undefined;
  return [...labels, ...(path && !SERVICE_LABEL.test(path) && /^[a-z]{3,20}$/i.test(path) ? [path] : []), ...(param ? [param] : [])];
}

/**
 * "Location: New York", "Company: Krispy Kreme": the facts an ATS prints as a label and its value, by the label's
 * lower-cased text (no colon). The value is the text of the label's box after the label, however the template nests
 * the two (`<span>Location</span><strong>…</strong>`, `<label>Location:</label>…`, `<h2><span>Primary Location</span></h2><span>:</span><span>…</span>`).
 */
export function labelledFields(root: ParentNode, labels: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const label of root.querySelectorAll(labels)) {
    const name = collapse(label.textContent ?? '');
    let box = label.parentElement;
    while (box && collapse(box.textContent ?? '') === name) box = box.parentElement;
    const text = collapse(box?.textContent ?? '');
    const value = text.startsWith(name) ? text.slice(name.length).replace(/^\s*:\s*/, '').trim() : '';
    const key = name.replace(/\s*:$/, '').toLowerCase();
    if (key && value && value.length <= 200) out[key] ??= value;
  }
  return out;
}

/** Whom a site's footer names as its owner: "© White & Case LLP 1996 - 2015", "Copyright © 2019 Paul Hastings LLP." */
export function copyrightHolder(doc: Document): string | undefined {
  for (const el of doc.querySelectorAll('footer, [class*="footer" i], [id*="footer" i], [class*="copyright" i]')) {
    const m = /©\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(\p{Lu}[^©.|\d]{1,60}?)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:[.|]|all rights|$)/iu.exec(collapse(el.textContent ?? ''));
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}

/** "Job Description:", "Description": a box's own label, which names the box and not the job. */
const BOX_LABEL = /^(?:job |position )?description:?$/i;

/** The elements of a posting's body, less the label its box starts with. */
export function withoutBoxLabel(els: Element[]): Element[] {
  return els.filter((el) => !BOX_LABEL.test(collapse(el.textContent ?? '')));
}
