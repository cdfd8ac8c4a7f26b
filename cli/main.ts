import { CvPathError, isCvPathError, redactSecrets } from '../shared/errors';
import type { Command, Io } from './io';
import { packageVersion } from './package-root';

/**
 * The dispatcher. Each command's module is imported only when that command runs, so `--help` and `--version` answer
 * without loading the engine, the PDF libraries or the provider SDKs (the built file splits them into chunks).
 */
const COMMANDS = {
  import: async () => (await import('./commands/import')).cmdImport,
  tailor: async () => (await import('./commands/tailor')).cmdTailor,
  score: async () => (await import('./commands/score')).cmdScore,
  export: async () => (await import('./commands/export')).cmdExport,
  'cover-letter': async () => (await import('./commands/cover-letter')).cmdCoverLetter,
  scrape: async () => (await import('./scrape')).cmdScrape,
} satisfies Record<string, () => Promise<Command>>;

const USAGE = `cvpath — tailor a master CV to a job posting, honestly.

Usage:
  cvpath import <cv.pdf|cv.docx|cv.txt|cv.md|cv.json> [--provider LIST] [--json]
  cvpath export <cv.json> --out <file.pdf> [--format a4|letter] [--engine v1|v2]
  cvpath cover-letter --cv <file> --job <file> --out <file.pdf|file.docx> [--format a4|letter]
  cvpath tailor --cv <file> --job <file.txt|file.json> [--out DIR] [--format a4|letter] [--provider LIST] [--agent-provider AGENT=LIST;…] [--budget SECONDS] [--json]
  cvpath score  --cv <file> --job <file> [--json]
  cvpath scrape <page.html> --url <address of the page> [--json]
  cvpath --version

--provider takes an ordered chain, e.g. openai:gpt-4o-mini,anthropic:claude-haiku-4-5,gemini:gemini-2.0-flash,offline
Keys and base URLs come from OPENAI_API_KEY / OPENAI_BASE_URL, ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL,
GEMINI_API_KEY / GEMINI_BASE_URL, OPENROUTER_API_KEY, OLLAMA_BASE_URL. With nothing configured the offline engine runs.
--agent-provider gives one agent its own chain, e.g. "CV_TAILOR=anthropic:claude-sonnet-4-5,offline;JOB_PARSER=offline".`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
      io.out(USAGE);
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === '--version' || cmd === '-v') {
      io.out(packageVersion());
      return 0;
    }
    const load = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd as keyof typeof COMMANDS] : undefined;
    if (!load) throw new CvPathError('INPUT_INVALID', `Unknown command "${cmd}".`, { hint: 'Run "cvpath help" for the commands.' });
    const run = await load();
    return await run(rest, io);
  } catch (e) {
    const err = isCvPathError(e) ? e : new CvPathError('INTERNAL', e instanceof Error ? e.message : String(e));
    io.err(redactSecrets(`cvpath: ${err.message}${err.hint ? ` ${err.hint}` : ''} [${err.code}]`));
    return err.code === 'INPUT_INVALID' && /Unknown (command|option)|needs a value|Usage/.test(err.message) ? 2 : 1;
  }
}
