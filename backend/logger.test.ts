import { describe, expect, it } from 'vitest';
import { describeError, fingerprint, memoryLogger, redact } from './logger';

describe('the logger', () => {
  it('keeps only allowed fields, in their shape, and drops everything else whatever it holds', () => {
    const logger = memoryLogger();
    logger.info('request', {
      requestId: 'req-1', method: 'POST', path: '/v1/sync/push', status: 200, durationMs: 1.5, moved: { jobs: 2, note: 'x' },
      user: { email: 'a@b.co', name: 'Ada' }, title: 'Senior Engineer, call +44 20 7946 0958', err: new Error('boom'),
      // an allowed name with content in it is dropped too
      path2: '/x', code: 'Senior Engineer at Acme',
    });
    expect(JSON.parse(logger.lines[0]!)).toEqual({
      time: expect.any(String), level: 'info', msg: 'request', requestId: 'req-1', method: 'POST', path: '/v1/sync/push', status: 200, durationMs: 1.5, moved: { jobs: 2 },
    });
  });

  it('withholds a message made from data, keeping its fingerprint', () => {
    const logger = memoryLogger();
    logger.error('Failed query: insert into "jobs" values ($1) params: Senior Engineer,+44 20 7946 0958');
    const line = JSON.parse(logger.lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', msg: 'message withheld', msgFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(logger.lines[0]).not.toContain('7946');
  });

  it('fingerprints an error by its kind, not its content: the same failure on two records is one fingerprint', () => {
    const failed = (content: string) => {
      const e = new Error(`Failed query: insert into "jobs" ("title") values ($1) params: ${content}`);
      e.stack = `Error: ${e.message}\n    at write (/srv/backend/sync/push.ts:210:11)\n    at push (/srv/backend/sync/push.ts:90:3)`;
      return e;
    };
    expect(fingerprint(failed('Engineer, call 0151 496 0000'))).toBe(fingerprint(failed('Nurse')));
    expect(fingerprint(failed('x'))).not.toBe(fingerprint(new TypeError('other')));
    const wrapped = Object.assign(new Error('Failed query: … params: Ada'), { cause: Object.assign(new Error('invalid byte sequence'), { code: '22021' }) });
    expect(describeError(wrapped)).toEqual({ fingerprint: expect.any(String), errorName: 'Error', code: '22021' });
  });

  it('redact (for the console, not the log) removes keys, credentials in URLs and e-mail addresses', () => {
    expect(redact('key sk-ant-abcdefghijklmnop and Bearer abc.def.ghijklmnop')).toBe('key [redacted] and Bearer [redacted]');
    expect(redact('postgres://cvpath:hunter2@db.internal:5432/cvpath')).toBe('postgres://[redacted]@db.internal:5432/cvpath');
    expect(redact('mail ada.lovelace+cv@example.co.uk now')).toBe('mail [email] now');
  });
});
