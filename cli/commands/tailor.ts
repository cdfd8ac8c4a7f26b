import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CvPathError } from '../../shared/errors';
import { runPipeline } from '../../shared/pipeline/pipeline';
import type { PipelineEvent } from '../../shared/pipeline/events';
import { STAGES, type StageId } from '../../shared/pipeline/stages';
import type { ProviderSpec } from '../../shared/providers/types';
import { defaultChain, parseChain } from '../../shared/providers/parse-chain';
import type { Run } from '../../shared/schema/run';
import { parseArgs } from '../args';
import { parseFormat, writeCoverLetter, writeCvPdf } from '../documents';
import type { Io } from '../io';
import { printRequirements, truncate } from '../print';
import { readCvInput, readJobInput } from '../read-input';

/** `cvpath tailor`: the six stages with live progress, the result, and with --out the PDFs and the run's record. */
export async function cmdTailor(argv: string[], io: Io): Promise<number> {
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
