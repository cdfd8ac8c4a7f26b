import { RUN_PORT_PREFIX } from '../messaging/protocol';
import type { RunTaskRecord } from '../store/db';

/** The part of `browser.runtime.Port` this needs, so tests can pass a plain object. */
export interface RunPort {
  name: string;
  postMessage(message: unknown): void;
  onDisconnect: { addListener(fn: () => void): void };
  disconnect?(): void;
}

/**
 * The pages and content scripts following a run, by run id: each connects on a port named `run:<runId>` and receives
 * every change of that run's task. A new follower first gets the task as it stands, so joining late (or reconnecting
 * after a worker restart) misses nothing.
 */
export class RunPorts {
  private readonly byRun = new Map<string, Set<RunPort>>();

  constructor(private readonly current: (runId: string) => Promise<RunTaskRecord | undefined>) {}

  /** For `browser.runtime.onConnect`: ports with other names are left to whoever else listens. */
  connect = (port: RunPort): void => {
    if (!port.name.startsWith(RUN_PORT_PREFIX)) return;
    const runId = port.name.slice(RUN_PORT_PREFIX.length);
    let set = this.byRun.get(runId);
    if (!set) this.byRun.set(runId, (set = new Set()));
    set.add(port);
    port.onDisconnect.addListener(() => this.drop(runId, port));
    this.current(runId).then(
      (task) => {
        if (task) this.post(runId, port, task);
        else {
          // the run was deleted (with its application, or all data): nothing will ever come, so say so by closing
          this.drop(runId, port);
          port.disconnect?.();
        }
      },
      () => {},
    );
  };

  broadcast = (task: RunTaskRecord): void => {
    for (const port of this.byRun.get(task.id) ?? []) this.post(task.id, port, task);
  };

  followers(runId: string): number {
    return this.byRun.get(runId)?.size ?? 0;
  }

  private post(runId: string, port: RunPort, task: RunTaskRecord): void {
    try {
      port.postMessage(task);
    } catch {
      this.drop(runId, port); // the page closed between two updates
    }
  }

  private drop(runId: string, port: RunPort): void {
    const set = this.byRun.get(runId);
    set?.delete(port);
    if (set && !set.size) this.byRun.delete(runId);
  }
}
