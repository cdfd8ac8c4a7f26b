import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';

/** What a saved page must yield; `null` location means the page does not say, and we must not invent one. */
export interface Expected {
  url: string;
  via: string;
  title: string;
  company: string;
  location: string | null;
  remote?: string;
  employmentType?: string;
  salary?: string;
  descriptionIncludes: string[];
  descriptionExcludes: string[];
  descriptionStartsWith?: string;
  descriptionEndsWith?: string;
  warnings: string[];
  failures?: string[];
  /** Injected instructions that must never reach a model. */
  payloads?: string[];
  hiddenExcerpts?: string[];
}

export interface Fixture {
  board: string;
  name: string;
  html: string;
  expected: Expected;
}

const DIR = import.meta.dirname;

export function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const board of readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(join(DIR, board)).filter((f) => f.endsWith('.html')).sort()) {
      const name = file.replace(/\.html$/, '');
      out.push({ board, name, html: readFileSync(join(DIR, board, file), 'utf8'), expected: JSON.parse(readFileSync(join(DIR, board, `${name}.expected.json`), 'utf8')) as Expected });
    }
  }
  return out;
}

export function fixture(board: string, name: string): Fixture {
  const f = listFixtures().find((x) => x.board === board && x.name === name);
  if (!f) throw new Error(`no fixture ${board}/${name}`);
  return f;
}

export function parse(html: string): Document {
  return parseHTML(html).document;
}
