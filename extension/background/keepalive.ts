/** Chrome stops an idle extension service worker after 30 s; any extension API call resets that clock. */
export const KEEPALIVE_MS = 20_000;

/**
 * Keeps the worker alive while something holds it: `hold()` returns the release. While at least one hold is open,
 * `ping` runs every `intervalMs`, so a run waiting minutes on a slow model is not cut off for idleness.
 */
export function createKeepalive(ping: () => unknown, intervalMs = KEEPALIVE_MS): { hold(): () => void; readonly holds: number } {
  let holds = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    try {
      Promise.resolve(ping()).catch(() => {});
    } catch {
      // a ping that fails still did its job of touching the API, or the worker is going away anyway
    }
  };
  return {
    hold() {
      holds++;
      timer ??= setInterval(tick, intervalMs);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--holds === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    get holds() {
      return holds;
    },
  };
}
