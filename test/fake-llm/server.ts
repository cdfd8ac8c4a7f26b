/**
 * A local fake LLM that speaks the real OpenAI, Anthropic and Gemini wire formats, so tests and
 * benchmarks run the official SDKs end to end without a network or a key. Node only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { encode } from 'gpt-tokenizer';

export type FakeFormat = 'openai' | 'anthropic' | 'gemini';

export interface FakeRequest {
  format: FakeFormat;
  method: string;
  path: string;
  model: string;
  system: string;
  /** Every user message's text, joined with newlines. */
  user: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: unknown;
  at: number;
}

export type FakeBehaviour =
  | { type: 'text'; text: string; delayMs?: number; /** `length` mimics hitting max tokens. */ stop?: 'end' | 'length' }
  | { type: 'status'; status: number; retryAfterSec?: number; message?: string; /** Sent verbatim instead of the provider's error shape. */ body?: unknown }
  | { type: 'hang' }
  | { type: 'drop' }
  | { type: 'truncated-body'; text?: string };

export type FakeResponder = (req: FakeRequest) => FakeBehaviour | Promise<FakeBehaviour>;

export interface FakeLlmOptions {
  responder?: FakeResponder;
}

export interface FakeLlm {
  /** `http://127.0.0.1:PORT`, no trailing slash. OpenAI clients want `${url}/v1`. */
  url: string;
  requests: FakeRequest[];
  setResponder(fn: FakeResponder): void;
  close(): Promise<void>;
}

export const DEFAULT_ANSWER = '{"ok":true}';
const defaultResponder: FakeResponder = () => ({ type: 'text', text: DEFAULT_ANSWER });

export function countTokens(text: string): number {
  return text ? encode(text).length : 0;
}

// ---- request parsing -------------------------------------------------------------------------

interface Route {
  format: FakeFormat;
  model?: string;
}

const GEMINI_PATH = /^\/v1(?:beta)?\/models\/([^/:]+):generateContent$/;

function route(method: string, path: string): Route | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/v1/chat/completions') return { format: 'openai' };
  if (path === '/v1/messages') return { format: 'anthropic' };
  const m = GEMINI_PATH.exec(path);
  if (m?.[1]) return { format: 'gemini', model: decodeURIComponent(m[1]) };
  return undefined;
}

/** For a 404 we still answer in the caller's dialect, guessed from its headers and path. */
function guessFormat(path: string, headers: Record<string, string>): FakeFormat {
  if (headers['x-api-key'] !== undefined || headers['anthropic-version'] !== undefined) return 'anthropic';
  if (headers['x-goog-api-key'] !== undefined || /:(?:stream)?generateContent/i.test(path) || path.startsWith('/v1beta')) return 'gemini';
  return 'openai';
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
      .filter(Boolean)
      .join('\n');
  }
  if (content && typeof content === 'object') {
    const o = content as { text?: unknown; parts?: unknown };
    if (typeof o.text === 'string') return o.text;
    if (o.parts !== undefined) return textOf(o.parts);
  }
  return '';
}

function extract(format: FakeFormat, body: unknown): { model: string; system: string; user: string } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const list = (v: unknown): Array<Record<string, unknown>> => (Array.isArray(v) ? (v as Array<Record<string, unknown>>) : []);
  if (format === 'openai') {
    const msgs = list(b.messages);
    return {
      model: typeof b.model === 'string' ? b.model : '',
      system: msgs.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => textOf(m.content)).join('\n'),
      user: msgs.filter((m) => m.role === 'user').map((m) => textOf(m.content)).join('\n'),
    };
  }
  if (format === 'anthropic') {
    return {
      model: typeof b.model === 'string' ? b.model : '',
      system: textOf(b.system),
      user: list(b.messages).filter((m) => m.role === 'user').map((m) => textOf(m.content)).join('\n'),
    };
  }
  return {
    model: '',
    system: textOf(b.systemInstruction ?? b.system_instruction),
    user: list(b.contents).filter((c) => c.role === undefined || c.role === 'user').map((c) => textOf(c.parts)).join('\n'),
  };
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

// ---- response bodies -------------------------------------------------------------------------

let counter = 0;

function successBody(format: FakeFormat, req: FakeRequest, text: string, stop: 'end' | 'length'): unknown {
  const input = countTokens(req.system) + countTokens(req.user);
  const output = countTokens(text);
  counter++;
  if (format === 'openai') {
    return {
      id: `chatcmpl-fake${counter}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: req.model,
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: stop === 'length' ? 'length' : 'stop' }],
      usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
      system_fingerprint: 'fp_fake',
    };
  }
  if (format === 'anthropic') {
    return {
      id: `msg_fake${counter}`,
      type: 'message',
      role: 'assistant',
      model: req.model,
      content: [{ type: 'text', text }],
      stop_reason: stop === 'length' ? 'max_tokens' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: input, output_tokens: output, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    };
  }
  return {
    candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: stop === 'length' ? 'MAX_TOKENS' : 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: input, candidatesTokenCount: output, totalTokenCount: input + output },
    modelVersion: req.model,
  };
}

const OPENAI_ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Country, region, or territory not supported' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist or you do not have access to it.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests. Please try again later.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later' },
};

const ANTHROPIC_ERRORS: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'],
  500: ['api_error', 'Internal server error'],
  529: ['overloaded_error', 'Overloaded'],
};

const GOOGLE_STATUS: Record<number, [string, string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', 'Request had invalid authentication credentials.'],
  403: ['PERMISSION_DENIED', 'The caller does not have permission.'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  429: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
  500: ['INTERNAL', 'An internal error has occurred.'],
  503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
  504: ['DEADLINE_EXCEEDED', 'Deadline exceeded.'],
};

function errorBody(format: FakeFormat, status: number, message: string | undefined, retryAfterSec: number | undefined): unknown {
  if (format === 'openai') {
    const e = OPENAI_ERRORS[status] ?? (status >= 500 ? OPENAI_ERRORS[500] : OPENAI_ERRORS[400])!;
    return { error: { message: message ?? e.message, type: e.type, param: null, code: e.code } };
  }
  if (format === 'anthropic') {
    const [type, msg] = ANTHROPIC_ERRORS[status] ?? (status >= 500 ? ANTHROPIC_ERRORS[500] : ANTHROPIC_ERRORS[400])!;
    return { type: 'error', error: { type, message: message ?? msg }, request_id: `req_fake${counter}` };
  }
  const [statusName, msg] = GOOGLE_STATUS[status] ?? (status >= 500 ? GOOGLE_STATUS[500] : GOOGLE_STATUS[400])!;
  const error: Record<string, unknown> = { code: status, message: message ?? msg, status: statusName };
  // Google states the wait in the body (RetryInfo), which is the only place its SDK can see it.
  if (retryAfterSec !== undefined) error.details = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSec}s` }];
  return { error };
}

function requestIdHeader(format: FakeFormat): Record<string, string> {
  if (format === 'openai') return { 'x-request-id': `req_fake${counter}` };
  if (format === 'anthropic') return { 'request-id': `req_fake${counter}` };
  return {};
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

// ---- server ----------------------------------------------------------------------------------

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeLlm(opts: FakeLlmOptions = {}): Promise<FakeLlm> {
  let responder: FakeResponder = opts.responder ?? defaultResponder;
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const headers = lowerHeaders(req);
    const raw = await readBody(req);
    let body: unknown = undefined;
    let bodyOk = true;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        bodyOk = false;
        body = raw;
      }
    }
    const r = route(method, path);
    const format = r?.format ?? guessFormat(path, headers);
    const parts = extract(format, body);
    const fake: FakeRequest = { format, method, path, model: r?.model ?? parts.model, system: parts.system, user: parts.user, headers, body, at: Date.now() };
    requests.push(fake);

    if (!r) {
      sendJson(res, 404, errorBody(format, 404, `Unknown request URL: ${method} ${path}.`, undefined), requestIdHeader(format));
      return;
    }
    if (!bodyOk) {
      sendJson(res, 400, errorBody(format, 400, 'We could not parse the JSON body of your request.', undefined), requestIdHeader(format));
      return;
    }

    let behaviour: FakeBehaviour;
    try {
      behaviour = await responder(fake);
    } catch (e) {
      sendJson(res, 500, errorBody(format, 500, `fake responder threw: ${e instanceof Error ? e.message : String(e)}`, undefined));
      return;
    }

    switch (behaviour.type) {
      case 'text': {
        const send = (): void => {
          if (!res.destroyed) sendJson(res, 200, successBody(format, fake, behaviour.text, behaviour.stop ?? 'end'), requestIdHeader(format));
        };
        if (behaviour.delayMs && behaviour.delayMs > 0) {
          const t = setTimeout(() => {
            timers.delete(t);
            send();
          }, behaviour.delayMs);
          timers.add(t);
        } else send();
        return;
      }
      case 'status': {
        const extra: Record<string, string> = { ...requestIdHeader(format) };
        if (behaviour.retryAfterSec !== undefined) extra['retry-after'] = String(behaviour.retryAfterSec);
        sendJson(res, behaviour.status, behaviour.body ?? errorBody(format, behaviour.status, behaviour.message, behaviour.retryAfterSec), extra);
        return;
      }
      case 'hang':
        // Keep the socket open with no answer; close() or the client's abort ends it.
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'truncated-body': {
        const text = JSON.stringify(successBody(format, fake, behaviour.text ?? DEFAULT_ANSWER, 'end'));
        const bytes = Buffer.from(text, 'utf8');
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
        // Destroy after the half is flushed: ending the response would leave a keep-alive socket waiting forever.
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
        return;
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500);
        res.end();
      }
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setResponder(fn: FakeResponder): void {
      responder = fn;
    },
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        // Hung requests would keep server.close() waiting forever.
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}

// ---- chaos helpers: bad answers an LLM really gives -----------------------------------------

/** Prose with no JSON in it at all. */
export function malformed(text: string): string {
  return `I am sorry, I cannot format that as requested. Here is a summary instead: ${text.replace(/[{}[\]"]/g, '').replace(/\s+/g, ' ').trim()}`;
}

/** Cut in the middle, as when the output hits max tokens. */
export function truncateJson(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

/** The JSON inside a code fence, with chatter before and after. */
export function wrapInProse(text: string): string {
  return `Sure! Here is the JSON you asked for:\n\n\`\`\`json\n${text}\n\`\`\`\n\nLet me know if you would like any changes.`;
}

/** A comma after the last member of every object and array. */
export function withTrailingCommas(text: string): string {
  let pretty: string;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text.replace(/([^\s[{,])(\s*[}\]])/g, '$1,$2');
  }
  // Pretty-printed JSON has a newline before each closing bracket of a non-empty container.
  return pretty.replace(/([^\s[{,])(\n\s*[}\]])/g, '$1,$2');
}
