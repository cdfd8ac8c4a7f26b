import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { CvPathError } from '../errors';
import { isRetryableStatus, missingKeyError, parseRetryAfter, ProviderError, toProviderError } from './provider-error';

describe('parseRetryAfter', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it('reads seconds, HTTP dates and retry-after-ms', () => {
    expect(parseRetryAfter(h({ 'retry-after': '3' }))).toBe(3000);
    expect(parseRetryAfter(h({ 'retry-after': '0.5' }))).toBe(500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter(h({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }), now)).toBe(7000);
    expect(parseRetryAfter(h({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(h({ 'retry-after-ms': '1250', 'retry-after': '9' }))).toBe(1250);
  });
  it('ignores absent or garbage values', () => {
    expect(parseRetryAfter(h({}))).toBeUndefined();
    expect(parseRetryAfter(h({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('ProviderError', () => {
  it('is a CvPathError with a code per kind', () => {
    const e = new ProviderError({ provider: 'openai', kind: 'rate_limit', message: 'x', status: 429 });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(CvPathError);
    expect(e.name).toBe('ProviderError');
    expect(e.code).toBe('PROVIDER_RATE_LIMITED');
    expect(e.retryable).toBe(true);
    expect(e.toJSON()).toMatchObject({ code: 'PROVIDER_RATE_LIMITED', provider: 'openai', kind: 'rate_limit', status: 429, retryable: true });
  });

  it('marks 408, 409, 429 and 5xx retryable', () => {
    for (const s of [408, 409, 429, 500, 502, 503, 504, 529]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 413, 422]) expect(isRetryableStatus(s)).toBe(false);
  });

  it('redacts key-shaped strings and the exact secrets given', () => {
    const e = new ProviderError({
      provider: 'openai',
      kind: 'auth',
      message: 'bad key sk-proj-abcdefghijklmnop and Bearer abcdefghijk and weird-key-123456',
      secrets: ['weird-key-123456'],
    });
    expect(e.message).not.toMatch(/sk-proj-abcdefghijklmnop|abcdefghijk\b|weird-key-123456/);
    expect(inspect(e)).not.toContain('weird-key-123456');
  });

  it('names the variable to set when the key is missing', () => {
    const e = missingKeyError('openrouter');
    expect(e.kind).toBe('config');
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('OPENROUTER_API_KEY');
  });
});

describe('toProviderError', () => {
  it('maps the OpenAI SDK error classes', () => {
    expect(toProviderError('openai', new APIConnectionTimeoutError()).kind).toBe('timeout');
    expect(toProviderError('openai', new APIUserAbortError()).kind).toBe('aborted');
    expect(toProviderError('openai', new APIConnectionError({ message: 'Connection error.' })).kind).toBe('network');
    const rl = toProviderError('openai', APIError.generate(429, { error: { message: 'slow down' } }, undefined, new Headers({ 'retry-after-ms': '800' })));
    expect(rl).toMatchObject({ kind: 'rate_limit', status: 429, retryable: true, retryAfterMs: 800 });
    expect(toProviderError('openai', APIError.generate(404, { error: { message: 'no model' } }, undefined, new Headers())).kind).toBe('bad_request');
    expect(toProviderError('openai', APIError.generate(403, { error: { message: 'no' } }, undefined, new Headers())).kind).toBe('auth');
    expect(toProviderError('openai', APIError.generate(408, undefined, undefined, new Headers()))).toMatchObject({ kind: 'timeout', retryable: true });
    expect(toProviderError('openai', APIError.generate(409, undefined, undefined, new Headers()))).toMatchObject({ retryable: true });
  });

  it('maps fetch-level failures', () => {
    expect(toProviderError('gemini', new TypeError('fetch failed'))).toMatchObject({ kind: 'network', retryable: true });
    expect(toProviderError('gemini', new DOMException('The operation was aborted.', 'AbortError'))).toMatchObject({ kind: 'aborted', retryable: false });
    expect(toProviderError('gemini', Object.assign(new Error('x'), { name: 'AbortError' })).kind).toBe('aborted');
    expect(toProviderError('openai', new SyntaxError('Unexpected end of JSON input')).kind).toBe('bad_output');
  });

  it('passes ProviderErrors through unchanged', () => {
    const e = new ProviderError({ provider: 'openai', kind: 'config', message: 'x' });
    expect(toProviderError('openai', e)).toBe(e);
  });
});
