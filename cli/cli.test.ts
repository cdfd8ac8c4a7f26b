import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentOf, brainResponder } from '../test/fake-llm/brain';
import { startFakeLlm, type FakeLlm } from '../test/fake-llm/server';
import { ROOT, TEST_KEYS } from '../test/helpers';
import { Run } from '../shared/schema/run';
import { STAGES } from '../shared/pipeline/stages';
import { parseCvText } from '../shared/engine/cv-text-parser';
import { decodeContext } from '../shared/prompt/builder';
import { toJsonResume } from '../shared/schema/json-resume';

const run = promisify(execFile);
const BIN = join(ROOT, 'bin/cvpath.mjs');
const CV = join(ROOT, 'examples/cv.txt');
const JOB = join(ROOT, 'examples/job.txt');

async function cvpath(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/_(API_KEY|BASE_URL)$/.test(k)));
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...clean, ...env }, cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let fake: FakeLlm;
let dir: string;
const envFor = (p: 'openai' | 'anthropic' | 'gemini'): Record<string, string> =>
  p === 'openai' ? { OPENAI_API_KEY: TEST_KEYS.openai, OPENAI_BASE_URL: `${fake.url}/v1` } : p === 'anthropic' ? { ANTHROPIC_API_KEY: TEST_KEYS.anthropic, ANTHROPIC_BASE_URL: fake.url } : { GEMINI_API_KEY: TEST_KEYS.gemini, GEMINI_BASE_URL: fake.url };
beforeAll(async () => {
  fake = await startFakeLlm({ responder: brainResponder() });
  dir = await mkdtemp(join(tmpdir(), 'cvpath-cli-'));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe('cvpath tailor', () => {
  it('with no key runs the offline engine and writes the four files', async () => {
    const out = join(dir, 'offline');
    const r = await cvpath(['tailor', '--cv', CV, '--job', JOB, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Match \d+ → \d+/);
    expect(r.stdout).toContain('Gaps');
    for (const s of STAGES) expect(r.stderr).toContain(s);
    for (const f of ['tailored.json', 'analysis.json', 'score.json', 'run.json']) {
      expect(JSON.parse(await readFile(join(out, f), 'utf8'))).toBeTruthy();
    }
    expect(Run.safeParse(JSON.parse(await readFile(join(out, 'run.json'), 'utf8'))).success).toBe(true);
  });

  const models = { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5', gemini: 'gemini-2.0-flash' } as const;

  it.each(['openai', 'anthropic', 'gemini'] as const)('--provider %s: runs all six stages through the real SDK, in its wire format', async (p) => {
    const r = await cvpath(['tailor', '--cv', CV, '--job', JOB, '--provider', `${p}:${models[p]}`, '--json'], envFor(p));
    expect(r.code, r.stderr).toBe(0);
    const parsed = Run.parse(JSON.parse(r.stdout));
    expect(parsed.stages.map((s) => s.provider)).toEqual(Array(6).fill(p));
    expect(fake.requests.map((q) => agentOf(q)).sort()).toEqual([...STAGES].sort());
    for (const q of fake.requests) {
      expect(q.format).toBe(p);
      expect(q.model).toBe(models[p]);
      if (p === 'openai') {
        expect(q.path).toBe('/v1/chat/completions');
        expect(q.headers.authorization).toBe(`Bearer ${TEST_KEYS.openai}`);
        expect((q.body as { messages: { role: string }[] }).messages[0]!.role).toBe('system');
      } else if (p === 'anthropic') {
        expect(q.path).toBe('/v1/messages');
        expect(q.headers['anthropic-version']).toBeTruthy();
        expect(typeof (q.body as { system: unknown }).system).toBe('string');
      } else {
        expect(q.path).toBe(`/v1beta/models/${models[p]}:generateContent`);
        expect(q.headers['x-goog-api-key']).toBe(TEST_KEYS.gemini);
        expect((q.body as { systemInstruction: unknown }).systemInstruction).toBeTruthy();
      }
    }
    expect(parsed.totals.inputTokens).toBeGreaterThan(0);
    // --json prints only the Run: no key anywhere in it
    for (const k of Object.values(TEST_KEYS)) expect(r.stdout + r.stderr).not.toContain(k);
  });

  it('--agent-provider gives one agent its own chain', async () => {
    const r = await cvpath(['tailor', '--cv', CV, '--job', JOB, '--provider', 'offline', '--agent-provider', 'CV_TAILOR=gemini:gemini-2.0-flash;JOB_ANALYZER=anthropic:claude-haiku-4-5', '--json'], { ...envFor('gemini'), ...envFor('anthropic') });
    expect(r.code, r.stderr).toBe(0);
    const parsed = Run.parse(JSON.parse(r.stdout));
    const by = Object.fromEntries(parsed.stages.map((s) => [s.stage, s.provider]));
    expect(by).toMatchObject({ CV_TAILOR: 'gemini', JOB_ANALYZER: 'anthropic', CV_PARSER: 'offline', JOB_PARSER: 'offline' });
    expect(fake.requests.map((q) => `${agentOf(q)}:${q.format}`).sort()).toEqual(['CV_TAILOR:gemini', 'JOB_ANALYZER:anthropic']);
  });

  it('prints one clear line and exits non-zero for an unknown provider', async () => {
    const r = await cvpath(['tailor', '--cv', CV, '--job', JOB, '--provider', 'mistral:large']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/PROVIDER_CONFIG/);
  });

  it('a missing key is a clear error naming the variable to set, and the offline engine still finishes the run', async () => {
    const r = await cvpath(['tailor', '--cv', CV, '--job', JOB, '--provider', 'openai:gpt-4o-mini,offline']);
    expect(r.code).toBe(0);
    const r2 = await cvpath(['tailor', '--cv', CV, '--job', JOB, '--provider', 'openai:gpt-4o-mini', '--json']);
    const parsed = Run.parse(JSON.parse(r2.stdout));
    expect(parsed.stages.some((s) => s.attempts.some((a) => /OPENAI_API_KEY/.test(a.message ?? '')))).toBe(true);
  });
});

describe('documents on the command line', () => {
  const FIX = join(ROOT, 'shared/__fixtures__/pdf');

  it('import reads a PDF (two columns, by a browser) into the CV', async () => {
    const r = await cvpath(['import', join(FIX, 'chromium-marketing-two-column.pdf'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const cv = JSON.parse(r.stdout);
    expect(cv.basics.email).toMatch(/@example\.(com|org)$/);
    expect(cv.work.length).toBeGreaterThanOrEqual(3);
  });

  it('a scanned PDF (no text layer) is refused with what to do, never an invented CV', async () => {
    const { scannedPdf } = await import('../test/fuzz/documents');
    const f = join(dir, 'scan.pdf');
    await writeFile(f, await scannedPdf());
    const r = await cvpath(['import', f, '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/PDF_NO_TEXT/);
  });

  it('tailor takes a PDF CV and writes tailored.pdf and cover-letter.pdf; export and cover-letter work alone', async () => {
    const out = join(dir, 'docs');
    const r = await cvpath(['tailor', '--cv', join(FIX, 'latex-finance-single.pdf'), '--job', join(ROOT, 'shared/__fixtures__/pairs/finance/job.txt'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['tailored.pdf', 'cover-letter.pdf']) expect((await readFile(join(out, f))).subarray(0, 5).toString()).toBe('%PDF-');
    const v1a = join(dir, 'a.pdf');
    const v1b = join(dir, 'b.pdf');
    expect((await cvpath(['export', join(out, 'tailored.json'), '--out', v1a, '--engine', 'v1', '--format', 'letter'])).code).toBe(0);
    expect((await cvpath(['export', join(out, 'tailored.json'), '--out', v1b, '--engine', 'v1', '--format', 'letter'])).code).toBe(0);
    expect(Buffer.compare(await readFile(v1a), await readFile(v1b))).toBe(0);
    const docx = join(dir, 'letter.docx');
    const c = await cvpath(['cover-letter', '--cv', CV, '--job', JOB, '--out', docx]);
    expect(c.code, c.stderr).toBe(0);
    expect((await readFile(docx)).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('cvpath import and score', () => {
  it('import --json prints a Cv with ids', async () => {
    const r = await cvpath(['import', CV, '--json']);
    expect(r.code).toBe(0);
    const cv = JSON.parse(r.stdout);
    expect(cv.basics.name).toBeTruthy();
    expect(cv.work[0].id).toBe('w1');
    expect(cv.work[0].highlights[0].id).toBe('w1h1');
  });

  it('import reads through a configured provider, the offline reader as fallback and cross-check', async () => {
    const r = await cvpath(['import', CV, '--provider', 'openai:gpt-4o-mini'], envFor('openai'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Reading with openai:gpt-4o-mini');
    expect(fake.requests.map(agentOf)).toEqual(['CV_PARSER']);
    expect(r.stdout).toMatch(/Experience \(\d+\)/);
    for (const k of Object.values(TEST_KEYS)) expect(r.stdout + r.stderr).not.toContain(k);
  });

  it('import lists on stderr the fields the model and the offline reader read differently', async () => {
    fake.setResponder((req) => {
      const resume = toJsonResume(parseCvText(String((decodeContext(req.user)!.context as { cv: string }).cv)).cv) as { work: { startDate?: string }[] };
      resume.work[0]!.startDate = resume.work[0]!.startDate!.slice(0, 4);
      return { type: 'text', text: JSON.stringify(resume) };
    });
    try {
      const r = await cvpath(['import', CV, '--json', '--provider', 'openai:gpt-4o-mini'], envFor('openai'));
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).work[0].startDate).toBe('2021');
      expect(r.stderr).toContain('cvpath: check work.0.startDate: openai:gpt-4o-mini read "2021", the offline reader "2021-04"');
    } finally {
      fake.setResponder(brainResponder());
    }
  });

  it('import falls back to the offline reader with a coded note when the model answers nonsense', async () => {
    fake.setResponder(() => ({ type: 'text', text: 'no JSON here' }));
    try {
      const offline = await cvpath(['import', CV, '--json']);
      const r = await cvpath(['import', CV, '--json', '--provider', 'openai:gpt-4o-mini'], envFor('openai'));
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(offline.stdout));
      expect(r.stderr).toMatch(/the offline reader was used: .*\[PROVIDER_BAD_OUTPUT\]/);
    } finally {
      fake.setResponder(brainResponder());
    }
  });

  it('import reads a JSON Resume', async () => {
    const f = join(dir, 'resume.json');
    await writeFile(f, JSON.stringify({ basics: { name: 'Zoë Ødegaard' }, work: [{ company: 'Fjord Freight', position: 'Planner', startDate: '2020-01', highlights: ['Cut empty miles by 9%'] }] }));
    const r = await cvpath(['import', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Zoë Ødegaard');
    expect(r.stdout).toContain('Planner — Fjord Freight');
  });

  it('score prints the match and each requirement', async () => {
    const r = await cvpath(['score', '--cv', CV, '--job', JOB]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Match \d+\/100/);
    expect(r.stdout).toMatch(/✓ \[must\]/);
  });

  it.each([
    [['import', 'nope.txt'], 'INPUT_UNREADABLE'],
    [['tailor', '--cv', CV], 'INPUT_INVALID'],
    [['import', CV, '--bogus'], 'INPUT_INVALID'],
    [['frobnicate'], 'INPUT_INVALID'],
  ])('bad usage %j → one clear line, non-zero exit', async (args, code) => {
    const r = await cvpath(args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(code);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a broken PDF, an empty file, a binary file and a file over 10 MB each get a distinct, actionable error', async () => {
    const pdf = join(dir, 'cv.txt'); // a PDF whatever its name says: the bytes decide
    await writeFile(pdf, '%PDF-1.7\n...');
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '  \n');
    const bin = join(dir, 'bin.txt');
    await writeFile(bin, Buffer.from([1, 2, 0, 3, 0]));
    const big = join(dir, 'big.txt');
    await writeFile(big, Buffer.alloc(11 * 1024 * 1024, 97));
    const cases: [string, RegExp][] = [[pdf, /PDF_(CORRUPT|TRUNCATED)/], [empty, /CV_EMPTY/], [bin, /not a text file/], [big, /INPUT_TOO_LARGE/]];
    for (const [f, re] of cases) {
      const r = await cvpath(['import', f]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(re);
    }
  });
});
