import {
  APIConnectionError as AnthropicConnectionError,
  APIConnectionTimeoutError as AnthropicTimeoutError,
  APIError as AnthropicAPIError,
  APIUserAbortError as AnthropicAbortError,
  AnthropicError,
} from '@anthropic-ai/sdk';
import {
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIError,
  GoogleGenerativeAIFetchError,
  GoogleGenerativeAIResponseError,
} from '@google/generative-ai';
import {
  APIConnectionError as OpenAIConnectionError,
  APIConnectionTimeoutError as OpenAITimeoutError,
  APIError as OpenAIAPIError,
  APIUserAbortError as OpenAIAbortError,
  OpenAIError,
} from 'openai';
import { CvPathError, redactSecrets, type ErrorCode } from '../errors';
import type { ProviderId } from './types';

export const PROVIDER_ERROR_KINDS = [
  'auth',
  'rate_limit',
  'server',
  'timeout',
  'network',
  'bad_request',
  'aborted',
  'circuit_open',
  'config',
  'bad_output',
] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

const CODE_BY_KIND: Record<ProviderErrorKind, ErrorCode> = {
  auth: 'PROVIDER_AUTH',
  rate_limit: 'PROVIDER_RATE_LIMITED',
  server: 'PROVIDER_UNAVAILABLE',
  timeout: 'PROVIDER_TIMEOUT',
  network: 'PROVIDER_UNAVAILABLE',
  // A 400/404 is nearly always a wrong model name or base URL: something the user configures.
  bad_request: 'PROVIDER_CONFIG',
  aborted: 'ABORTED',
  circuit_open: 'PROVIDER_CIRCUIT_OPEN',
  config: 'PROVIDER_CONFIG',
  bad_output: 'PROVIDER_BAD_OUTPUT',
};

/** The error code of a kind recorded in a Run's attempts (where only the kind survives, not the error). */
export function codeForKind(kind: string | undefined): ErrorCode {
  return CODE_BY_KIND[kind as ProviderErrorKind] ?? 'PROVIDER_UNAVAILABLE';
}

export const API_KEY_ENV: Record<ProviderId, string | undefined> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  gemini: 'GEMINI_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
  ollama: undefined,
  offline: undefined,
};

export interface ProviderErrorInit {
  provider: ProviderId;
  kind: ProviderErrorKind;
  message: string;
  status?: number;
  retryable?: boolean;
  retryAfterMs?: number;
  hint?: string;
  /** Exact strings (the API key in use) to scrub on top of the pattern-based redaction. */
  secrets?: ReadonlyArray<string | undefined>;
}

/**
 * The only error an adapter or the chain throws. It extends CvPathError so the command line,
 * extension and backend show it like every other error (code + hint) without special cases.
 */
export class ProviderError extends CvPathError {
  readonly provider: ProviderId;
  readonly kind: ProviderErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(init: ProviderErrorInit) {
    super(CODE_BY_KIND[init.kind], scrub(init.message, init.secrets), init.hint === undefined ? undefined : { hint: scrub(init.hint, init.secrets) });
    this.name = 'ProviderError';
    this.provider = init.provider;
    this.kind = init.kind;
    this.status = init.status;
    this.retryable = init.retryable ?? defaultRetryable(init.kind, init.status);
    this.retryAfterMs = init.retryAfterMs;
  }

  override toJSON(): { code: ErrorCode; message: string; hint?: string } & Record<string, unknown> {
    return { ...super.toJSON(), provider: this.provider, kind: this.kind, status: this.status, retryable: this.retryable, retryAfterMs: this.retryAfterMs };
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function defaultRetryable(kind: ProviderErrorKind, status: number | undefined): boolean {
  if (status !== undefined && (kind === 'rate_limit' || kind === 'server' || kind === 'timeout')) return isRetryableStatus(status);
  return kind === 'rate_limit' || kind === 'server' || kind === 'timeout' || kind === 'network';
}

function scrub(text: string, secrets: ReadonlyArray<string | undefined> | undefined): string {
  let out = text;
  for (const s of secrets ?? []) {
    // Short strings would shred ordinary words; real keys are long.
    if (s && s.length >= 6) out = out.split(s).join('[redacted]');
  }
  return redactSecrets(out);
}

export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 402 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limit';
  if (status === 409 || status >= 500) return 'server';
  return 'bad_request';
}

/**
 * Milliseconds to wait from `retry-after-ms` (OpenAI/Anthropic extension) or `retry-after`
 * (seconds or an HTTP date). Undefined when absent or unparseable.
 */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined | null, now: number = Date.now()): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return Math.round(n);
  }
  const ra = headers.get('retry-after');
  if (ra === null || ra.trim() === '') return undefined;
  const secs = Number(ra);
  if (Number.isFinite(secs)) return secs >= 0 ? Math.round(secs * 1000) : undefined;
  const date = Date.parse(ra);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Gemini puts the wait in the body: details[{ '@type': '...RetryInfo', retryDelay: '37s' }]. */
function geminiRetryDelay(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const delay = (d as { retryDelay?: unknown } | null)?.retryDelay;
    if (typeof delay === 'string') {
      const m = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
      if (m?.[1]) return Math.round(Number(m[1]) * 1000);
    }
  }
  return undefined;
}

/** Google answers a bad key with 400 INVALID_ARGUMENT + ErrorInfo reason API_KEY_INVALID, not 401. */
function geminiKeyInvalid(details: unknown, message: string): boolean {
  if (Array.isArray(details) && details.some((d) => (d as { reason?: unknown } | null)?.reason === 'API_KEY_INVALID')) return true;
  return /API key not valid/i.test(message);
}

function hintFor(provider: ProviderId, kind: ProviderErrorKind): string | undefined {
  const env = API_KEY_ENV[provider];
  switch (kind) {
    case 'auth':
      return env ? `Check ${env}: the provider rejected the key.` : 'Check the credentials for this provider.';
    case 'rate_limit':
      return 'Wait a moment, or add another provider to the chain so CVPath can fail over.';
    case 'bad_request':
      return 'Check the model name and base URL for this provider.';
    case 'config':
      return env ? `Set ${env}.` : undefined;
    case 'timeout':
    case 'network':
    case 'server':
      return 'The provider is unreachable or struggling; try again or use another provider.';
    default:
      return undefined;
  }
}

function make(provider: ProviderId, kind: ProviderErrorKind, message: string, secrets: ReadonlyArray<string | undefined> | undefined, extra: { status?: number; retryAfterMs?: number; retryable?: boolean } = {}): ProviderError {
  const hint = hintFor(provider, kind);
  return new ProviderError({ provider, kind, message: `${provider}: ${message}`, secrets, ...extra, ...(hint ? { hint } : {}) });
}

function isAbortLike(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'AbortError' || (typeof DOMException !== 'undefined' && err instanceof DOMException && err.name === 'AbortError');
}

function fromHttp(provider: ProviderId, status: number, message: string, retryAfterMs: number | undefined, secrets: ReadonlyArray<string | undefined> | undefined): ProviderError {
  const kind = kindForStatus(status);
  return make(provider, kind, message, secrets, { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}

/**
 * Maps whatever an SDK (or fetch) threw into one ProviderError. `secrets` are the exact key(s)
 * in use, scrubbed even when they do not look like a key (a server may echo one back).
 */
export function toProviderError(provider: ProviderId, err: unknown, secrets?: ReadonlyArray<string | undefined>): ProviderError {
  if (err instanceof ProviderError) return err;
  const message = (err instanceof Error ? err.message : String(err)).replace(/^\[GoogleGenerativeAI Error\]:\s*/, '');

  // Order matters: timeout and abort are subclasses of the connection error, itself an APIError.
  if (err instanceof OpenAITimeoutError || err instanceof AnthropicTimeoutError) return make(provider, 'timeout', 'request timed out', secrets);
  if (err instanceof OpenAIAbortError || err instanceof AnthropicAbortError) return make(provider, 'aborted', 'request was aborted', secrets);
  if (err instanceof OpenAIConnectionError || err instanceof AnthropicConnectionError) {
    const cause = (err as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `${message} (${cause.message})` : message;
    return make(provider, 'network', `connection failed: ${detail}`, secrets);
  }
  // `instanceof` on the SDKs' generic APIError leaves its type arguments `any`: name the headers' type back
  const headersOf = (e: OpenAIAPIError | AnthropicAPIError): Headers | undefined => (e as { headers?: Headers }).headers;
  if (err instanceof AnthropicAPIError && typeof err.status === 'number' && err.apiMessage) {
    // The SDK's own message is the whole JSON body; the API's message alone reads better.
    return fromHttp(provider, err.status, `${err.status} ${err.type ?? 'error'}: ${err.apiMessage}`, parseRetryAfter(headersOf(err)), secrets);
  }
  if (err instanceof OpenAIAPIError || err instanceof AnthropicAPIError) {
    if (typeof err.status === 'number') return fromHttp(provider, err.status, message, parseRetryAfter(headersOf(err)), secrets);
    return make(provider, 'network', message, secrets);
  }
  if (err instanceof GoogleGenerativeAIFetchError) {
    if (typeof err.status === 'number') {
      if (err.status === 400 && geminiKeyInvalid(err.errorDetails, message)) return make(provider, 'auth', message, secrets, { status: 400, retryable: false });
      return fromHttp(provider, err.status, message, geminiRetryDelay(err.errorDetails), secrets);
    }
    return make(provider, 'network', message, secrets);
  }
  if (err instanceof GoogleGenerativeAIAbortError) return make(provider, 'aborted', 'request was aborted', secrets);
  if (err instanceof GoogleGenerativeAIResponseError) return make(provider, 'bad_output', message, secrets, { retryable: false });
  if (err instanceof GoogleGenerativeAIError) {
    // The SDK wraps fetch failures ("Error fetching from ...: fetch failed") in its base class.
    if (/error fetching from/i.test(message)) return make(provider, 'network', message, secrets);
    return make(provider, 'bad_request', message, secrets, { retryable: false });
  }
  if (err instanceof OpenAIError || err instanceof AnthropicError) {
    // Thrown before any request: missing credentials, browser guard, bad options.
    return make(provider, 'config', message, secrets, { retryable: false });
  }
  if (isAbortLike(err)) return make(provider, 'aborted', 'request was aborted', secrets);
  if (err instanceof TypeError) {
    // fetch reports connection refused/reset and truncated bodies ("terminated") as TypeError.
    const cause = (err as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `${message} (${cause.message})` : message;
    return make(provider, 'network', detail, secrets);
  }
  if (err instanceof SyntaxError) return make(provider, 'bad_output', `unreadable response: ${message}`, secrets, { retryable: true });
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number') return fromHttp(provider, status, message, undefined, secrets);
  return make(provider, 'server', message, secrets, { retryable: false });
}

/** The error for a provider that needs a key and has none. */
export function missingKeyError(provider: ProviderId): ProviderError {
  const env = API_KEY_ENV[provider];
  return new ProviderError({
    provider,
    kind: 'config',
    retryable: false,
    message: `${provider}: no API key. Set ${env ?? 'the API key'} to use ${provider}.`,
    hint: `Set ${env ?? 'the API key'}, or remove ${provider} from the provider chain.`,
  });
}

/**
 * The key and model one attempt uses, checked the same way by every adapter: a missing key names the variable to
 * set, and the spec's model wins (one request is replayed down the chain, each link with its own model).
 */
export function resolveCall(provider: ProviderId, spec: { apiKey?: string; model: string }, req: { model: string }, fallbackKey?: string): { apiKey: string; model: string } {
  const apiKey = spec.apiKey?.trim() || fallbackKey;
  if (!apiKey) throw missingKeyError(provider);
  const model = (spec.model || req.model).trim();
  if (!model) throw new ProviderError({ provider, kind: 'config', retryable: false, message: `${provider}: no model given` });
  return { apiKey, model };
}
