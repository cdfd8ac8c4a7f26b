import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { jobFromText } from '../shared/engine/job-text-parser';
import type { ProviderSpec } from '../shared/providers/types';
import type { JobPosting } from '../shared/schema/job-posting';

export const ROOT = join(import.meta.dirname, '..');
export const PAIRS_DIR = join(ROOT, 'shared/__fixtures__/pairs');
export const NOW = new Date('2026-11-01T00:00:00Z');

export interface Pair {
  name: string;
  cvText: string;
  jobText: string;
  job: JobPosting;
  expected: {
    basics: { name: string; email: string; phone: string };
    work: { company: string; position: string; startDate: string | null; endDate: string | null; current: boolean; bulletCount: number }[];
    education: { institution: string; studyType: string; area: string; endDate: string | null }[];
    underplayed: string[];
    gaps: string[];
  };
}

export function loadPairs(): Pair[] {
  const dirs = readdirSync(PAIRS_DIR).sort().map((d) => join(PAIRS_DIR, d));
  dirs.push(join(ROOT, 'examples'));
  return dirs.map((dir) => {
    const cvText = readFileSync(join(dir, 'cv.txt'), 'utf8');
    const jobText = readFileSync(join(dir, 'job.txt'), 'utf8');
    return { name: dir.split('/').pop()!, cvText, jobText, job: jobFromText(jobText), expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Pair['expected'] };
  });
}

export const TEST_KEYS = { openai: 'sk-test-openai-0123456789abcdef', anthropic: 'sk-ant-test-0123456789abcdef', gemini: 'AIzaTEST-gemini-0123456789abcdefghij' };

export function fakeSpec(provider: 'openai' | 'anthropic' | 'gemini', url: string): ProviderSpec {
  if (provider === 'openai') return { provider, model: 'gpt-4o-mini', apiKey: TEST_KEYS.openai, baseUrl: `${url}/v1` };
  if (provider === 'anthropic') return { provider, model: 'claude-haiku-4-5', apiKey: TEST_KEYS.anthropic, baseUrl: url };
  return { provider, model: 'gemini-2.0-flash', apiKey: TEST_KEYS.gemini, baseUrl: url };
}

/**
 * Bundles TypeScript for the browser (as an extension would) and runs it in a V8 context holding only web-platform
 * globals: no require, process or Buffer. Returns the context so a test can call what the bundle put on globalThis.
 */
export async function runInWebContext(entry: string): Promise<Record<string, unknown>> {
  const { build } = await import('esbuild');
  const vm = await import('node:vm');
  const out = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true, platform: 'browser', format: 'iife', write: false, logLevel: 'silent',
    mainFields: ['browser', 'module', 'main'], conditions: ['browser'],
  });
  if (out.errors.length) throw new Error(out.errors.map((e) => e.text).join('\n'));
  const code = out.outputFiles[0]!.text;
  if (/require\(["']node:/.test(code)) throw new Error('the browser bundle requires a node: module');
  const web = {
    crypto: globalThis.crypto, TextEncoder, TextDecoder, AbortController, AbortSignal, performance, structuredClone,
    setTimeout, clearTimeout, URL, URLSearchParams, console, queueMicrotask, Event, EventTarget, fetch, Headers, Request, Response,
    FormData, Blob, ReadableStream, DOMException, btoa, atob,
  };
  const ctx = vm.createContext({ ...web }) as Record<string, unknown>;
  ctx.globalThis = ctx;
  ctx.self = ctx;
  vm.runInContext(code, ctx);
  for (const name of ['process', 'Buffer', 'require']) {
    if (vm.runInContext(`typeof ${name}`, ctx) !== 'undefined') throw new Error(`${name} leaked into the web context`);
  }
  return ctx;
}
