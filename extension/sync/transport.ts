import type { SyncTransport } from '../../shared/sync/engine';
import { PullResponse, PushResponse, type Mutation, type MutationResult, type PushRequest } from '../../shared/sync/protocol';
import type { Api } from './api';
import { ServerError } from './server-error';

/** A push or a pull carries up to 1,000 records: they get longer than a sign-in to arrive. */
export const SYNC_TIMEOUT_MS = 60_000;

/**
 * The most a push request carries. The engine already caps a batch near this (`MAX_PUSH_BYTES`); the transport keeps
 * to it as well, and adapts to a server whose limit is lower than its default 2 MB (a strict proxy in front of it).
 */
export const PUSH_TARGET_BYTES = 1_000_000;

const bytes = (m: Mutation) => new TextEncoder().encode(JSON.stringify(m)).length;

/** Consecutive parts of at most `target` bytes (a mutation larger than that alone is a part of its own). */
export function splitBySize(mutations: Mutation[], target = PUSH_TARGET_BYTES): Mutation[][] {
  const parts: Mutation[][] = [];
  let part: Mutation[] = [];
  let size = 0;
  for (const m of mutations) {
    const b = bytes(m);
    if (part.length && size + b > target) {
      parts.push(part);
      part = [];
      size = 0;
    }
    part.push(m);
    size += b;
  }
  if (part.length) parts.push(part);
  return parts;
}

/**
 * The engine's transport over the typed client: push and pull, answers checked against the protocol. A push is sent
 * in parts small enough for the server; a part it still finds too large is halved, and one record too large on its own
 * is answered "rejected" here (it can never be pushed; the user sees why) instead of blocking every later change.
 */
export function httpTransport(api: Api, target = PUSH_TARGET_BYTES): SyncTransport {
  const checked = async <T>(res: Response, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T> => {
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new ServerError('INTERNAL', `The server at ${api.serverUrl} answered in a form this extension does not understand.`, { hint: 'Update the extension and the server to the same version.', status: res.status });
    return parsed.data;
  };
  const pushPart = async (deviceId: string, mutations: Mutation[]): Promise<MutationResult[]> => {
    try {
      const res = await api.call(() => api.client.v1.sync.push.$post({ json: { deviceId, mutations } }, { init: { signal: AbortSignal.timeout(SYNC_TIMEOUT_MS) } }));
      return (await checked(res, PushResponse)).results;
    } catch (e) {
      if (!(e instanceof ServerError && e.code === 'PAYLOAD_TOO_LARGE')) throw e;
      if (mutations.length === 1) {
        const m = mutations[0]!;
        return [{ mutationId: m.mutationId, status: 'rejected', code: 'TOO_LARGE', error: `This ${m.entity} is too large for the server (${Math.round(bytes(m) / 1024)} KB), so it stays on this device.` }];
      }
      const half = Math.ceil(mutations.length / 2);
      return [...(await pushPart(deviceId, mutations.slice(0, half))), ...(await pushPart(deviceId, mutations.slice(half)))];
    }
  };
  return {
    async push(request: PushRequest) {
      const results: MutationResult[] = [];
      for (const part of splitBySize(request.mutations, target)) results.push(...(await pushPart(request.deviceId, part)));
      return { results };
    },
    async pull(cursor: number, limit: number) {
      const res = await api.call(() => api.client.v1.sync.pull.$get({ query: { cursor: String(cursor), limit: String(limit) } }, { init: { signal: AbortSignal.timeout(SYNC_TIMEOUT_MS) } }));
      return checked(res, PullResponse);
    },
  };
}
