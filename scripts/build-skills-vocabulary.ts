/**
 * Compiles the O*NET technology skills (scripts/vocabulary/onet-technology-skills.tsv, see SOURCE.md there) into the
 * compact lookup the offline engine reads: shared/engine/vocabulary/onet-technology.generated.ts. The output is
 * committed so a fresh clone builds without this step; a test checks it is what this script makes of the data.
 *
 *   npm run build:vocabulary                                           # recompile from the vendored TSV
 *   npx tsx scripts/build-skills-vocabulary.ts --from "Technology Skills.txt"   # refresh the TSV from an O*NET release
 *
 * Each entry is one line, `|`-separated: the product's name first (how the engine names it in gaps and keywords),
 * then the other ways postings write it. A form prefixed `!` counts only written in capitals (an acronym: SAS, XML);
 * `~` marks a single ordinary-looking word (Word, Access, Project, Teams) that counts only capitalised and in a
 * skills context ("Proficiency in Word, Excel", "experience with Access").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
export const TSV = join(ROOT, 'scripts/vocabulary/onet-technology-skills.tsv');
export const OUT = join(ROOT, 'shared/engine/vocabulary/onet-technology.generated.ts');

interface Row { example: string; commodity: string; occupations: number; hot: boolean; demand: boolean }

/** The vendored rows: one per O*NET example with the number of occupations that list it. */
export function readRows(tsv = readFileSync(TSV, 'utf8')): Row[] {
  return tsv.trim().split('\n').slice(1).map((l) => {
    const [example = '', commodity = '', occupations = '0', hot = 'N', demand = 'N'] = l.split('\t');
    return { example, commodity, occupations: +occupations, hot: hot === 'Y', demand: demand === 'Y' };
  });
}

/** Turns O*NET's own file (one row per occupation and example) into the vendored TSV. */
function refresh(from: string): void {
  const lines = readFileSync(from, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const by = new Map<string, { commodity: string; occ: Set<string>; hot: boolean; demand: boolean }>();
  for (const [soc = '', example = '', , commodity = '', hot, demand] of lines) {
    const e = by.get(example) ?? { commodity, occ: new Set<string>(), hot: false, demand: false };
    e.occ.add(soc);
    e.hot ||= hot === 'Y';
    e.demand ||= demand === 'Y';
    by.set(example, e);
  }
  const out = ['Example\tCommodity Title\tOccupations\tHot Technology\tIn Demand'];
  for (const [example, e] of [...by].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push(`${example}\t${e.commodity}\t${e.occ.size}\t${e.hot ? 'Y' : 'N'}\t${e.demand ? 'Y' : 'N'}`);
  writeFileSync(TSV, `${out.join('\n')}\n`);
}

/** Kept: what at least two occupations use, or what O*NET flags as hot or in demand (the rest is a long tail of niche products). */
const keep = (r: Row) => r.occupations >= 2 || r.hot || r.demand;

/** A generic description ("Accounting software", "Word processing software") rather than a product's name. */
const isDescription = (name: string) => /^[A-Z][a-z-]+(?: [a-z][\w-]*)* software$/.test(name);

/** Single capitalised words that read as ordinary English ("Word", "Access", "Teams"): a skills context decides. */
const ordinaryWord = (form: string) => /^[A-Z][a-z]+$/.test(form) || form.length <= 2;

/**
 * Vendors: a name's first word that begins several products and is never written in lower case in the data
 * ("Microsoft", "Atlassian", "Autodesk"), with its second word when most of its products share it ("Thomson Reuters").
 */
/** Words the data itself writes in lower case: ordinary words, whatever a product's name capitalises. */
const dictionary = (rows: Row[]) => new Set(rows.flatMap((r) => `${r.example} ${r.commodity}`.split(/[\s,()/]+/)).filter((w) => /^[a-z]/.test(w)));

function vendors(rows: Row[], lower: Set<string>): Set<string> {
  const first = new Map<string, string[]>();
  for (const r of rows) {
    const ws = r.example.split(' ');
    if (ws.length > 1) first.set(ws[0]!, [...(first.get(ws[0]!) ?? []), r.example]);
  }
  const out = new Set<string>();
  for (const [w, names] of first) {
    if (names.length < 3 || lower.has(w.toLowerCase()) || !/^[A-Z]/.test(w)) continue;
    const seconds = new Map<string, number>();
    for (const n of names) {
      const s = n.split(' ').slice(0, 2).join(' ');
      seconds.set(s, (seconds.get(s) ?? 0) + 1);
    }
    const [two, count] = [...seconds].sort((a, b) => b[1] - a[1])[0]!;
    out.add(count >= names.length * 0.6 && two.split(' ').length === 2 && names.some((n) => n.split(' ').length > 2) ? two : w);
  }
  // "The MathWorks MATLAB": a vendor whose name starts with the article
  for (const r of rows) if (/^The [A-Z]\w+ \S/.test(r.example)) out.add(r.example.split(' ').slice(0, 2).join(' '));
  return out;
}

/** Whether an acronym spells the initials of the words before it ("Structured query language SQL", "Point of sale POS"). */
function spelledOut(words: string[], acronym: string): string | undefined {
  const n = acronym.length;
  for (const k of [n, n - 1]) {
    if (k < 2 || words.length < k) continue;
    const tail = words.slice(-k);
    const initials = tail.map((w) => w[0]!.toUpperCase()).join('');
    if (initials === acronym || (k === n - 1 && acronym.startsWith(initials))) return tail.join(' ');
  }
  return undefined;
}

/** Names that, without their vendor, are everyday words a posting writes capitalised in a heading or a list. */
const PLAIN_WORDS = new Set('Learn Meet Cloud Database Sites Ads Drive Jersey Notes Exchange Dynamics Central Classroom Analytics Workspace Slides Sheets Docs Audition Ant Pig Hive Maya Bamboo Domino Helix Keynote Concur'.split(' '));

const COMPANY_WORD = /^(?:Software|Systems|Solutions|Technologies|Technology|Group|Corporation|Corp|Inc|Labs|Healthcare)\b\s*/;

/** The ways to write one product: its name, without its vendor, its trailing acronym alone and its spelled-out words. */
function forms(r: Row, vendorNames: Set<string>, lower: Set<string>): string[] {
  const name = r.example;
  const base = name.replace(/ software$/, '').trim();
  if (isDescription(name)) return [name];
  const out = [base];
  // "Amazon Web Services AWS", "Adobe Experience Manager (AEM)": the acronym and the words it abbreviates
  const acr = /^(.*\S)\s+\(?([A-Z][A-Z0-9]{1,5})\)?$/.exec(base);
  const spelled = acr ? spelledOut(acr[1]!.split(' '), acr[2]!) : undefined;
  const widelyUsed = r.occupations >= 10 || r.hot || r.demand;
  if (acr && spelled) {
    // a short acronym is someone else's too (ATS, DOE, COM): alone it names only a product everybody knows
    const alone = acr[2]!.length >= 4 || widelyUsed;
    // "A programming language APL": words that open with an article are a phrase, not a name
    const words = /^(?:a|an|the)\b/i.test(spelled) ? [] : [spelled];
    return [...new Set([base, ...(alone ? [acr[2]!] : []), ...words])];
  }
  const vendor = [...vendorNames].find((v) => base.startsWith(`${v} `));
  const product = vendor ? base.slice(vendor.length + 1).replace(COMPANY_WORD, '') : base;
  // a product whose name alone is an ordinary word ("Microsoft Word", "Quest Central") is written so only when it is
  // one everybody knows
  // without its vendor a name must still be a name: not "IDE", "real estate", "Financial Analysis" or "@Risk"
  const plain = product.split(' ').every((w) => lower.has(w.toLowerCase()));
  const single = !product.includes(' ');
  const keepProduct = product !== base && product.length > 3 && /^[A-Za-z0-9]/.test(product) && /[A-Z0-9]/.test(product) && (single ? !ordinaryWord(product) || (widelyUsed && !PLAIN_WORDS.has(product)) : !plain);
  if (keepProduct) out.push(product);
  return [...new Set(out)];
}

export function compile(rows = readRows()): string {
  const lower = dictionary(rows);
  const vendorNames = vendors(rows, lower);
  const lines: string[] = [];
  for (const r of rows.filter(keep)) {
    const fs = forms(r, vendorNames, lower);
    const [canonical, ...rest] = fs;
    // a one-word name that is also an ordinary word once folded ("Act!", "Swift") counts only capitalised, in context
    const mark = (f: string) => (/^[A-Z][A-Z0-9]{1,5}$/.test(f) ? `!${f}` : ordinaryWord(f) || (!f.includes(' ') && (lower.has(f.toLowerCase().replace(/[^a-z]/g, '')) || /[^A-Za-z0-9+#./-]/.test(f))) ? `~${f}` : f);
    lines.push([mark(canonical!), ...rest.map(mark)].join('|'));
  }
  return `/* Generated by scripts/build-skills-vocabulary.ts from the O*NET 29.2 Database (Technology Skills), by the U.S. Department of
 * Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 licence; see
 * scripts/vocabulary/SOURCE.md. O*NET® is a trademark of USDOL/ETA. Do not edit: run the script. */
export const ONET_TECHNOLOGY = ${JSON.stringify(lines.join('\n'))};
`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const at = process.argv.indexOf('--from');
  if (at > 0 && process.argv[at + 1]) refresh(process.argv[at + 1]!);
  writeFileSync(OUT, compile());
  console.log(`wrote ${OUT}`);
}
