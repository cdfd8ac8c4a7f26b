import { createHash } from 'node:crypto';
import { redactSecrets } from '../shared/errors';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/**
 * The only fields a log line may carry. Redaction by deny-list (drop what looks like a key or an e-mail) let a job's
 * title and a phone number through, inside a database error's message: content has no shape to recognise. So a line
 * keeps what is on this list, in the shape given here, and drops everything else, whatever it holds.
 */
const ALLOWED: Record<string, 'id' | 'number' | 'counts'> = {
  requestId: 'id',
  method: 'id',
  /** A route template or a path whose variable segments are replaced (see request-log). */
  path: 'id',
  status: 'number',
  durationMs: 'number',
  /** An error code: ours, or a database's SQLSTATE. */
  code: 'id',
  errorName: 'id',
  /** What tells two errors apart without their content: see `fingerprint`. */
  fingerprint: 'id',
  signal: 'id',
  /** The development mail transport's file (a time stamp in the data folder). */
  file: 'id',
  database: 'id',
  /** Rows moved by a guest's merge, per table. */
  moved: 'counts',
};

/** Ids, codes, route templates: short, and nothing in them but what such things are made of. */
const ID = /^[\w.:/*[\]-]{1,120}$/;
/** A message is a constant sentence; one made from data (a library's own message) is replaced by its fingerprint. */
const MESSAGE = /^[a-z][\w ,;:()'.-]{0,100}$/i;

function allowed(kind: 'id' | 'number' | 'counts', value: unknown): unknown {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  if (kind === 'id') return typeof value === 'string' && ID.test(value) ? value : typeof value === 'number' ? value : undefined;
  if (!value || typeof value !== 'object') return undefined;
  const counts = Object.entries(value).filter(([k, v]) => /^\w{1,40}$/.test(k) && typeof v === 'number');
  return Object.fromEntries(counts);
}

/** The fields of a log line that may be written: allowed names with values of their kind; the rest is dropped. */
export function allowFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    const kind = ALLOWED[k];
    if (!kind) continue;
    const kept = allowed(kind, v);
    if (kept !== undefined) out[k] = kept;
  }
  return out;
}

/**
 * A short hash that groups errors of one kind: the message with every value taken out (quoted text, numbers, the
 * parameters of a failed query), and the code locations of the stack. The same bug gives the same fingerprint
 * whatever record it met, and nothing of the record can be read back from it.
 */
export function fingerprint(err: unknown): string {
  const e = err instanceof Error ? err : new Error(String(err));
  const template = e.message
    .replace(/\bparams:[\s\S]*$/, '')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '?')
    .replace(/\$\d+/g, '$')
    .replace(/\d+/g, '0')
    .slice(0, 500);
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 5)
    .map((l) => l.replace(/\(?[^()\s]*[/\\]([^/\\]+):(\d+):\d+\)?/, '$1:$2').trim());
  return createHash('sha256').update(`${e.name}\n${template}\n${frames.join('\n')}`).digest('hex').slice(0, 16);
}

/** What may be logged of an error: its class, its code (ours or the database's SQLSTATE) and its fingerprint. */
export function describeError(err: unknown): LogFields {
  const fields: LogFields = { fingerprint: fingerprint(err) };
  if (err instanceof Error) fields.errorName = err.name;
  for (let e: unknown = err, i = 0; e && i < 3; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) {
      fields.code = code;
      break;
    }
  }
  return fields;
}

/**
 * Removes keys, tokens and e-mail addresses from a string. Only for text that must reach a person whole (the
 * server's start-up failure on the console); log lines go through the allow-list instead.
 */
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const URL_CREDENTIALS = /([a-z][\w+.-]*:\/\/)[^\s/@]+@/gi;
export function redact(value: string): string {
  return redactSecrets(value).replace(URL_CREDENTIALS, '$1[redacted]@').replace(EMAIL, '[email]');
}

/** One JSON object per line: easy to grep here and to ship to a log store in production. */
export function createLogger(write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Logger {
  const log = (level: LogLevel) => (msg: string, fields: LogFields = {}) => {
    const message = MESSAGE.test(msg) ? { msg } : { msg: 'message withheld', msgFingerprint: fingerprint(new Error(msg)) };
    write(JSON.stringify({ time: new Date().toISOString(), level, ...message, ...allowFields(fields) }));
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that keeps its lines, for tests; with `also`, each line goes there too (the suite's log files). */
export function memoryLogger(also?: (line: string) => void): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    ...createLogger((line) => {
      lines.push(line);
      also?.(line);
    }),
  };
}
