import { redactSecrets } from '../shared/errors';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** Field names whose values are never written, whatever they hold. */
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|^key$|email|phone/i;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const URL_CREDENTIALS = /([a-z][\w+.-]*:\/\/)[^\s/@]+@/gi;

/** Removes keys, tokens and e-mail addresses from anything about to be logged. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value).replace(URL_CREDENTIALS, '$1[redacted]@').replace(EMAIL, '[email]');
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]));
}

/** One JSON object per line: easy to grep here and to ship to a log store in production. */
export function createLogger(write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Logger {
  const log = (level: LogLevel) => (msg: string, fields: LogFields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, msg: redact(msg), ...(redact(fields) as LogFields) }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that keeps its lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, ...createLogger((line) => lines.push(line)) };
}
