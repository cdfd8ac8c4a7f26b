import { browser } from 'wxt/browser';
import { CvPathError, isCvPathError } from '../../shared/errors';
import type { Envelope, MessageType, Reply, Req, Res } from './protocol';

export * from './protocol';

function unwrap<T extends MessageType>(reply: Reply<T> | undefined, type: T): Res<T> {
  if (!reply) throw new CvPathError('INTERNAL', `No part of CVPath answered "${type}".`, { hint: 'Reload the page; if it keeps happening, reload the extension from chrome://extensions.' });
  if (!reply.ok) throw new CvPathError(reply.error.code as never, reply.error.message, { hint: reply.error.hint });
  return reply.data;
}

/** Sends a typed message to the background worker. */
export async function send<T extends MessageType>(type: T, data: Req<T>): Promise<Res<T>> {
  const reply = await browser.runtime.sendMessage<Envelope<T>, Reply<T> | undefined>({ cvpath: 1, type, data });
  return unwrap(reply, type);
}

export type Handlers = { [T in MessageType]?: (data: Req<T>, sender: { tabId?: number; url?: string }) => Promise<Res<T>> | Res<T> };

/** Answers the typed messages this context handles; errors become `{ok:false, error}` with a code and a hint. */
export function handleMessages(handlers: Handlers): () => void {
  const listener = (msg: unknown, sender: { tab?: { id?: number }; url?: string }) => {
    const m = msg as Partial<Envelope>;
    if (!m || m.cvpath !== 1 || typeof m.type !== 'string') return undefined;
    const h = handlers[m.type] as ((d: unknown, s: { tabId?: number; url?: string }) => unknown) | undefined;
    if (!h) return undefined;
    return (async (): Promise<Reply<MessageType>> => {
      try {
        return { ok: true, data: (await h(m.data, { tabId: sender.tab?.id, url: sender.url })) as Res<MessageType> };
      } catch (e) {
        if (isCvPathError(e)) return { ok: false, error: e.toJSON() };
        return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), hint: 'Try again; if it keeps happening, reload the extension.' } };
      }
    })();
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
