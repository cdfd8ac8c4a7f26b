import { describe, expect, it } from 'vitest';
import { memoryLogger, redact } from './logger';

describe('redact', () => {
  it('removes keys, tokens, credentials in URLs and e-mail addresses from strings', () => {
    expect(redact('key sk-ant-abcdefghijklmnop and Bearer abc.def.ghijklmnop')).toBe('key [redacted] and Bearer [redacted]');
    expect(redact('postgres://cvpath:hunter2@db.internal:5432/cvpath')).toBe('postgres://[redacted]@db.internal:5432/cvpath');
    expect(redact('mail ada.lovelace+cv@example.co.uk now')).toBe('mail [email] now');
  });

  it('drops the values of secret-looking fields, at any depth', () => {
    expect(redact({ user: { email: 'a@b.co', password: 'x', name: 'ok' }, headers: [{ authorization: 'Basic abc' }] })).toEqual({
      user: { email: '[redacted]', password: '[redacted]', name: 'ok' },
      headers: [{ authorization: '[redacted]' }],
    });
  });

  it('applies to every line the logger writes, message included', () => {
    const logger = memoryLogger();
    logger.error('failed for ada@example.com', { err: new Error('sk-proj-abcdefghijklmnopqrst rejected') });
    const line = JSON.parse(logger.lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', msg: 'failed for [email]', err: { name: 'Error', message: '[redacted] rejected' } });
  });
});
