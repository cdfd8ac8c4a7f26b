import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CvPathError, isCvPathError, redactSecrets } from '../shared/errors';
import { parseJob } from '../shared/engine/job-text-parser';
import { analyze, cvItems, matchRequirement } from '../shared/engine/matcher';
import { parseCvText } from '../shared/engine/cv-text-parser';
import { computeScore } from '../shared/engine/score';
import { runPipeline } from '../shared/pipeline/pipeline';
import type { PipelineEvent } from '../shared/pipeline/events';
import { STAGES, type StageId } from '../shared/pipeline/stages';
import type { ProviderSpec } from '../shared/providers/types';
import { defaultChain, parseChain } from '../shared/providers/parse-chain';
import type { Run } from '../shared/schema/run';
import type { RequirementMatch } from '../shared/schema/analysis';
import { parseArgs } from './args';
import { parseEngine, parseFormat, writeCoverLetter, writeCvPdf } from './documents';
import { readCvInput, readJobInput } from './read-input';
import { cmdImport } from './import';
import { cmdScrape } from './scrape';

const USAGE = `cvpath — tailor a master CV to a job posting, honestly.

Usage:
  cvpath import <cv.pdf|cv.docx|cv.txt|cv.md|cv.json> [--provider LIST] [--json]
  cvpath export <cv.json> --out <file.pdf> [--format a4|letter] [--engine v1|v2]
  cvpath cover-letter --cv <file> --job <file> --out <file.pdf|file.docx> [--format a4|letter]
  cvpath tailor --cv <file> --job <file.txt|file.json> [--out DIR] [--format a4|letter] [--provider LIST] [--agent-provider AGENT=LIST;…] [--budget SECONDS] [--json]
  cvpath score  --cv <file> --job <file> [--json]
  cvpath scrape <page.html> --url <address of the page> [--json]

--provider takes an ordered chain, e.g. openai:gpt-4o-mini,anthropic:claude-haiku-4-5,gemini:gemini-2.0-flash,offline
Keys and base URLs come from OPENAI_API_KEY / OPENAI_BASE_URL, ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL,
GEMINI_API_KEY / GEMINI_BASE_URL, OPENROUTER_API_KEY, OLLAMA_BASE_URL. With nothing configured the offline engine runs.
--agent-provider gives one agent its own chain, e.g. "CV_TAILOR=anthropic:claude-sonnet-4-5,offline;JOB_PARSER=offline".`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  env: Record<string, string | undefined>;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'import':
        return await cmdImport(rest, io);
      case 'tailor':
        return await cmdTailor(rest, io);
      case 'score':
        return await cmdScore(rest, io);
      case 'export':
        return await cmdExport(rest, io);
      case 'cover-letter':
        return await cmdCoverLetter(rest, io);
      case 'scrape':
        return await cmdScrape(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        throw new CvPathError('INPUT_INVALID', `Unknown command "${cmd}".`, { hint: 'Run "cvpath help" for the commands.' });
    }
  } catch (e) {
    const err = isCvPathError(e) ? e : new CvPathError('INTERNAL', e instanceof Error ? e.message : String(e));
    io.err(redactSecrets(`cvpath: ${err.message}${err.hint ? ` ${err.hint}` : ''} [${err.code}]`));
    return err.code === 'INPUT_INVALID' && /Unknown (command|option)|needs a value|Usage/.test(err.message) ? 2 : 1;
  }
}

async function cmdTailor(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, { cv: 'string', job: 'string', out: 'string', provider: 'string', 'agent-provider': 'string', json: 'boolean', budget: 'string', format: 'string' });
  if (typeof a.flags.cv !== 'string' || typeof a.flags.job !== 'string') throw new CvPathError('INPUT_INVALID', 'Usage: cvpath tailor --cv <file> --job <file> [--out DIR] [--provider LIST] [--json]');
  const chain = typeof a.flags.provider === 'string' ? parseChain(a.flags.provider, io.env) : defaultChain(io.env);
  const [cvIn, job] = await Promise.all([readCvInput(a.flags.cv), readJobInput(a.flags.job)]);
  const json = a.flags.json === true;
  const onEvent = json ? undefined : progressPrinter(io);
  const budgetMs = typeof a.flags.budget === 'string' ? Number(a.flags.budget) * 1000 : undefined;
  if (budgetMs !== undefined && !(budgetMs > 0)) throw new CvPathError('INPUT_INVALID', `--budget takes a number of seconds, e.g. --budget 60 (got "${a.flags.budget}").`);
  if (!json) io.err(`Tailoring with ${chain.map((c) => (c.provider === 'offline' ? 'offline engine' : `${c.provider}:${c.model}`)).join(' → ')}`);
  const chains = typeof a.flags['agent-provider'] === 'string' ? parseAgentChains(a.flags['agent-provider'], io.env) : undefined;
  const run = await runPipeline({ ...cvIn, job }, { chain, chains, onEvent, budgetMs });
  if (typeof a.flags.out === 'string') await writeOutputs(a.flags.out, run, parseFormat(a.flags.format));
  if (json) io.out(JSON.stringify(run, null, 2));
  else printRun(run, io, typeof a.flags.out === 'string' ? a.flags.out : undefined);
  if (run.status === 'failed') {
    io.err(`cvpath: ${run.error?.message ?? 'the run failed'} [${run.error?.code ?? 'STAGE_FAILED'}]`);
    return 1;
  }
  return 0;
}

async function cmdExport(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, { out: 'string', format: 'string', engine: 'string' });
  const file = a.positional[0];
  if (!file || typeof a.flags.out !== 'string') throw new CvPathError('INPUT_INVALID', 'Usage: cvpath export <cv.json> --out <file.pdf> [--format a4|letter] [--engine v1|v2]');
  const input = await readCvInput(file);
  const cv = input.cv ?? parseCvText(input.cvText!).cv;
  const bytes = await writeCvPdf(cv, a.flags.out, { format: parseFormat(a.flags.format), engine: parseEngine(a.flags.engine) });
  io.out(`Wrote ${a.flags.out} (${(bytes / 1024).toFixed(1)} KB); it passed the round-trip check.`);
  return 0;
}

async function cmdCoverLetter(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, { cv: 'string', job: 'string', out: 'string', format: 'string' });
  if (typeof a.flags.cv !== 'string' || typeof a.flags.job !== 'string' || typeof a.flags.out !== 'string') throw new CvPathError('INPUT_INVALID', 'Usage: cvpath cover-letter --cv <file> --job <file> --out <file.pdf|file.docx>');
  const [cvIn, job] = await Promise.all([readCvInput(a.flags.cv), readJobInput(a.flags.job)]);
  const cv = cvIn.cv ?? parseCvText(cvIn.cvText!).cv;
  const bytes = await writeCoverLetter({ cv, job, path: a.flags.out, format: parseFormat(a.flags.format) });
  io.out(`Wrote ${a.flags.out} (${(bytes / 1024).toFixed(1)} KB).`);
  return 0;
}

async function cmdScore(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, { cv: 'string', job: 'string', json: 'boolean' });
  if (typeof a.flags.cv !== 'string' || typeof a.flags.job !== 'string') throw new CvPathError('INPUT_INVALID', 'Usage: cvpath score --cv <file> --job <file> [--json]');
  const [cvIn, jobPosting] = await Promise.all([readCvInput(a.flags.cv), readJobInput(a.flags.job)]);
  const cv = cvIn.cv ?? parseCvText(cvIn.cvText!).cv;
  const job = parseJob(jobPosting);
  const now = new Date();
  const analysis = analyze(cv, job, { now });
  const items = cvItems(cv);
  const score = computeScore({ master: cv, tailored: cv, job, before: analysis, afterMatches: job.requirements.map((r) => matchRequirement(r, cv, items, { now })), violations: [] });
  if (a.flags.json) {
    io.out(JSON.stringify({ match: score.before, figures: analysis.figures, matches: analysis.matches, knockouts: analysis.knockouts, ats: score.ats }, null, 2));
    return 0;
  }
  io.out(`Match ${score.before.match}/100 for "${jobPosting.title}"${jobPosting.company ? ` at ${jobPosting.company}` : ''}`);
  io.out(`  must-haves met ${analysis.figures.mustHave.met}/${analysis.figures.mustHave.total} (partial ${analysis.figures.mustHave.partial}), keyword coverage ${score.before.keywordCoverage}%, evidence visibility ${score.before.prominence}%`);
  printRequirements(job.requirements, analysis.matches, io);
  const failed = score.ats.filter((c) => !c.passed);
  io.out(failed.length ? `ATS checks: ${failed.map((c) => c.message).join(' ')}` : 'ATS checks: all passed.');
  return 0;
}

/** "CV_TAILOR=anthropic:claude-sonnet-4-5,offline;JOB_PARSER=offline" → a chain per agent. */
function parseAgentChains(text: string, env: Record<string, string | undefined>): Partial<Record<StageId, ProviderSpec[]>> {
  const out: Partial<Record<StageId, ProviderSpec[]>> = {};
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [stage, list] = part.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!(STAGES as readonly string[]).includes(stage) || !list) throw new CvPathError('PROVIDER_CONFIG', `--agent-provider: "${part}" is not AGENT=LIST.`, { hint: `Agents: ${STAGES.join(', ')}.` });
    out[stage as StageId] = parseChain(list, env);
  }
  return out;
}

function progressPrinter(io: Io): (e: PipelineEvent) => void {
  return (e) => {
    if (e.type === 'stage_finished') {
      const who = e.cached ? 'cached' : e.offlineFallback ? 'offline (fallback)' : e.provider === 'offline' ? 'offline' : `${e.provider}:${e.model}`;
      const tokens = e.inputTokens + e.outputTokens ? `  ${e.inputTokens}+${e.outputTokens} tok  $${e.costUsd.toFixed(4)}` : '';
      io.err(`  ✓ ${e.stage.padEnd(19)} ${who.padEnd(28)} ${String(Math.round(e.durationMs)).padStart(6)} ms${tokens}`);
    } else if (e.type === 'attempt' && e.outcome !== 'ok' && e.outcome !== 'repaired') {
      io.err(`    ! ${e.stage} ${e.provider}:${e.model} ${e.outcome}${e.errorKind ? ` (${e.errorKind})` : ''}`);
    }
  };
}

function printRequirements(reqs: { id: string; text: string; kind: string }[], matches: RequirementMatch[], io: Io) {
  for (const r of reqs) {
    const m = matches.find((x) => x.requirementId === r.id);
    const mark = m?.status === 'met' ? '✓' : m?.status === 'partial' ? '~' : '✗';
    const ev = m?.evidence[0] ? `  ← "${truncate(m.evidence[0].quote, 70)}"` : '';
    io.out(`  ${mark} [${r.kind}] ${truncate(r.text, 80)}${ev}`);
  }
}

function printRun(run: Run, io: Io, outDir: string | undefined) {
  if (run.status === 'failed') return;
  const { analysis, score, tailored, parsedJob } = run.outputs;
  if (!analysis || !score || !tailored || !parsedJob) return;
  io.out(`\n${run.inputs.job.title}${run.inputs.job.company ? ` — ${run.inputs.job.company}` : ''}`);
  io.out(`Match ${score.before.match} → ${score.after.match} (${score.delta >= 0 ? '+' : ''}${score.delta})   evidence visibility ${score.before.prominence}% → ${score.after.prominence}%   keyword coverage ${score.after.keywordCoverage}%`);
  const f = analysis.figures;
  io.out(`Must-haves: ${f.mustHave.met} met, ${f.mustHave.partial} partial, ${f.mustHave.missing} missing of ${f.mustHave.total}.  Nice-to-haves: ${f.niceToHave.met} met of ${f.niceToHave.total}.`);
  io.out('\nRequirements:');
  printRequirements(parsedJob.requirements, analysis.matches, io);
  const risks = analysis.knockouts.filter((k) => k.status !== 'ok');
  if (risks.length) {
    io.out('\nScreening risks:');
    for (const k of risks) io.out(`  ! ${k.kind}: ${k.message}`);
  }
  if (analysis.coaching.length) {
    io.out('\nGaps — honest next steps:');
    for (const c of analysis.coaching.slice(0, 6)) io.out(`  - ${c.advice}`);
  }
  io.out(`\nChanges (${tailored.changes.length}):`);
  for (const c of tailored.changes.slice(0, 12)) io.out(`  • ${c.kind.replace(/_/g, ' ')} ${c.targetId}${c.reason ? ` — ${c.reason}` : ''}`);
  if (tailored.cv.basics.summary) io.out(`\nSummary now reads:\n  ${tailored.cv.basics.summary}`);
  const v = score.faithfulness.violations;
  io.out(`\nFaithfulness: ${v.length ? `${v.length} unsupported claim(s) ${v.map((x) => `${x.kind} "${truncate(x.value, 30)}" ${x.action}`).join('; ')}` : 'every fact traces to your master CV.'}`);
  const fallbacks = run.stages.filter((s) => s.offlineFallback).map((s) => s.stage);
  if (fallbacks.length) io.out(`Offline fallback used for: ${fallbacks.join(', ')} (the providers failed; see run.json).`);
  io.out(`Tokens: ${run.totals.inputTokens} in / ${run.totals.outputTokens} out   Cost: $${run.totals.costUsd.toFixed(4)}   Time: ${Math.round(run.totals.durationMs)} ms`);
  if (outDir) io.out(`Written: ${['tailored.pdf', 'cover-letter.pdf', 'tailored.json', 'analysis.json', 'score.json', 'run.json'].map((f) => join(outDir, f)).join(', ')}`);
}

async function writeOutputs(dir: string, run: Run, format: 'a4' | 'letter') {
  await mkdir(dir, { recursive: true });
  const write = (name: string, v: unknown) => writeFile(join(dir, name), `${JSON.stringify(v, null, 2)}\n`);
  await write('run.json', run);
  if (run.status === 'succeeded') {
    const o = run.outputs;
    await Promise.all([write('tailored.json', o.tailored), write('analysis.json', o.analysis), write('score.json', o.score)]);
    await writeCvPdf(structuredClone(o.tailored!.cv), join(dir, 'tailored.pdf'), { format, engine: 'v2' });
    await writeCoverLetter({ cv: structuredClone(o.tailored!.cv), job: run.inputs.job, analysis: o.analysis, parsedJob: o.parsedJob, path: join(dir, 'cover-letter.pdf'), format, date: new Date(run.createdAt) });
  }
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

// Run when started as `tsx cli/main.ts` (npm run demo); bin/cvpath.mjs imports main() and runs it itself.
const isEntry = !!process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  const code = await main(process.argv.slice(2), { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`), env: process.env });
  process.exitCode = code;
}
