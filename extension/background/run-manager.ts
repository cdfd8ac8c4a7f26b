import { CvPathError, redactSecrets } from '../../shared/errors';
import type { PipelineEvent } from '../../shared/pipeline/events';
import { runPipeline, type PipelineOptions } from '../../shared/pipeline/pipeline';
import type { StageCache } from '../../shared/pipeline/cache';
import { stamp } from '../store/clock';
import { db as defaultDb, recordChange, type CvPathDb, type RunTaskRecord } from '../store/db';
import { notFound } from '../store/errors';
import { newApplication } from '../store/jobs';
import { resolveChain } from '../store/settings';
import { DexieStageCache } from '../store/stage-cache';
import { failTask, finishTask } from './run-finish';
import { loadRunInputs, resolveCvVersionId } from './run-inputs';
import { applyEvent, initialStages, taskError, type TaskError } from './run-task';

export const RUN_TIMING = {
  /** How often a running task says it is alive, besides every progress write. */
  heartbeatMs: 5_000,
  /** A running task silent this long belongs to a worker that died. Three missed heartbeats. */
  staleMs: 15_000,
  /** Progress is written at most this often; followers on a port get every event at once. */
  flushMs: 250,
};

/** A task is started at most this often: a worker that dies twice on the same run will not do better a third time. */
export const MAX_STARTS = 2;

const STOP_WAIT_MS = 2_000;

const INTERRUPTED: TaskError = {
  code: 'ABORTED',
  message: 'The run was interrupted twice before it could finish (the browser stopped CVPath in the middle).',
  hint: "Start it again. If it keeps stopping, choose a faster model or the offline engine in CVPath's options.",
};

export interface RunManagerDeps {
  db?: CvPathDb;
  /** The clock, in epoch ms. */
  now?: () => number;
  /** Sends a task's new state to whoever follows that run (the `run:<id>` ports). */
  broadcast?: (task: RunTaskRecord) => void;
  /** Keeps the worker alive; returns the release. Held while any run is in progress. */
  keepAlive?: () => () => void;
  pipeline?: typeof runPipeline;
  /** Pipeline options that are the worker's to choose (tests pass a quick caller). */
  pipelineOptions?: Pick<PipelineOptions, 'caller' | 'budgetMs' | 'prompt' | 'allowOfflineFallback'>;
  cache?: StageCache;
  timing?: Partial<typeof RUN_TIMING>;
  log?: (message: string) => void;
}

interface ActiveRun {
  id: string;
  task: RunTaskRecord;
  controller: AbortController;
  /** Set when this worker must write nothing more for the run: it "died", or the task was deleted. */
  abandoned: boolean;
  /** Writes for one task go one after another, so a late progress write never lands after the final one. */
  queue: Promise<void>;
  flushTimer?: ReturnType<typeof setTimeout>;
  heartbeat?: ReturnType<typeof setInterval>;
  release: () => void;
  done: Promise<void>;
}

/**
 * Runs tailorings in the background worker and makes them survive it. A run is a `runTasks` row while it works
 * (stages, events, heartbeat) and, once finished, one immutable `runs` record written in the same transaction that ends
 * the task. Nothing is written half: a worker that dies mid-run leaves a `running` task with an old heartbeat and no
 * run record, which `resume()` starts again (finished stages come back from the stage cache) or, after two starts,
 * fails with a message that says what to do.
 */
export class RunManager {
  private readonly d: CvPathDb;
  private readonly now: () => number;
  private readonly broadcast: (task: RunTaskRecord) => void;
  private readonly keepAlive: () => () => void;
  private readonly pipeline: typeof runPipeline;
  private readonly cache: StageCache;
  private readonly timing: typeof RUN_TIMING;
  private readonly log: (message: string) => void;
  /** Runs this worker owns: reserved before their task row exists, so a resume running alongside never takes them. */
  private readonly owned = new Set<string>();
  private readonly active = new Map<string, ActiveRun>();
  private resuming: Promise<ResumeReport> | undefined;
  private stopped = false;

  constructor(private readonly deps: RunManagerDeps = {}) {
    this.d = deps.db ?? defaultDb();
    this.now = deps.now ?? Date.now;
    this.broadcast = deps.broadcast ?? (() => {});
    this.keepAlive = deps.keepAlive ?? (() => () => {});
    this.pipeline = deps.pipeline ?? runPipeline;
    this.cache = deps.cache ?? new DexieStageCache(this.d);
    this.timing = { ...RUN_TIMING, ...deps.timing };
    this.log = deps.log ?? ((m) => console.warn(m));
  }

  /**
   * Starts tailoring a CV version (by default the active CV's current one) to a stored job, and returns at once with
   * the run's id; progress goes to the task row and the run's ports. Asking again while the same run is in progress
   * returns that run instead of starting a second one.
   */
  async start(req: { jobId: string; cvVersionId?: string }): Promise<{ runId: string }> {
    if (this.stopped) throw new CvPathError('INTERNAL', 'CVPath is restarting.', { hint: 'Try again in a moment.' });
    const d = this.d;
    const cvVersionId = await resolveCvVersionId(d, req.cvVersionId);
    const runId = crypto.randomUUID();
    this.owned.add(runId);
    try {
      const at = stamp(this.now());
      const r = await d.transaction('rw', [d.jobs, d.applications, d.runTasks, d.outbox], async (tx) => {
        const job = await d.jobs.get(req.jobId);
        if (!job) throw notFound('This job', 'Open the posting again and click "Tailor my CV".');
        let app = await d.applications.where('jobId').equals(job.id).first();
        if (!app) {
          app = newApplication(job, at);
          await d.applications.add(app);
          await recordChange(tx, 'application', app.id);
        }
        const same = await d.runTasks
          .where('applicationId')
          .equals(app.id)
          .filter((t) => t.status === 'running' && t.cvVersionId === cvVersionId && (this.owned.has(t.id) || !this.isStale(t)))
          .first();
        if (same) return { existing: same.id, task: undefined };
        const task: RunTaskRecord = {
          id: runId, applicationId: app.id, jobId: job.id, cvVersionId, status: 'running', attempts: 1,
          startedAt: at, heartbeatAt: at, updatedAt: at, stages: initialStages(), events: [],
        };
        await d.runTasks.add(task);
        return { existing: undefined, task };
      });
      if (!r.task) {
        this.owned.delete(runId);
        return { runId: r.existing };
      }
      this.launch(r.task);
      return { runId };
    } catch (e) {
      this.owned.delete(runId);
      throw e;
    }
  }

  /**
   * Takes over the runs a dead worker left `running`: at a cold start all of them (a fresh worker owns none), later
   * only those whose heartbeat is stale. Each is started again, or failed if it was already started twice. Calls made
   * while one is under way share it.
   */
  resume(opts: { coldStart?: boolean } = {}): Promise<ResumeReport> {
    this.resuming ??= this.resumeNow(opts.coldStart ?? false).finally(() => {
      this.resuming = undefined;
    });
    return this.resuming;
  }

  /** The run's task as it stands: from memory while this worker runs it, else from the database. */
  async task(runId: string): Promise<RunTaskRecord | undefined> {
    return this.active.get(runId)?.task ?? (await this.d.runTasks.get(runId));
  }

  get running(): string[] {
    return [...this.active.keys()];
  }

  /** Resolves once every run in progress has ended (finished, failed, or abandoned by `stop`). */
  async whenIdle(): Promise<void> {
    while (this.active.size) await Promise.all([...this.active.values()].map((a) => a.done));
  }

  /**
   * Behaves as a worker that dies now: every run in progress is cancelled and nothing more is written for it, leaving
   * its task `running` for the next worker to resume. For shutdown and for tests.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const a of this.active.values()) this.abandon(a);
    // the pipeline honours the abort at once; should a provider call not, shutting down does not wait for it
    await Promise.race([this.whenIdle(), new Promise((r) => setTimeout(r, STOP_WAIT_MS))]);
  }

  private isStale(t: RunTaskRecord): boolean {
    return this.now() - Date.parse(t.heartbeatAt) >= this.timing.staleMs;
  }

  private async resumeNow(coldStart: boolean): Promise<ResumeReport> {
    const report: ResumeReport = { resumed: [], failed: [] };
    if (this.stopped) return report;
    const d = this.d;
    const running = await d.runTasks.where('status').equals('running').toArray();
    for (const t of running) {
      if (this.owned.has(t.id) || (!coldStart && !this.isStale(t))) continue;
      this.owned.add(t.id);
      try {
        if (t.attempts >= MAX_STARTS) {
          const failed = await failTask(d, t.id, INTERRUPTED, stamp(this.now()));
          this.owned.delete(t.id);
          if (failed) {
            this.broadcast(failed);
            report.failed.push(t.id);
          }
          continue;
        }
        const at = stamp(this.now());
        const claimed = await d.transaction('rw', d.runTasks, async () => {
          const fresh = await d.runTasks.get(t.id);
          // changed since it was read: someone else (another resume, a delete) got there first
          if (!fresh || fresh.status !== 'running' || fresh.attempts !== t.attempts) return undefined;
          const next: RunTaskRecord = { ...fresh, attempts: fresh.attempts + 1, heartbeatAt: at, updatedAt: at, stages: initialStages(), events: [] };
          await d.runTasks.put(next);
          return next;
        });
        if (!claimed) {
          this.owned.delete(t.id);
          continue;
        }
        this.launch(claimed);
        report.resumed.push(t.id);
      } catch (e) {
        this.owned.delete(t.id);
        this.log(`CVPath could not resume run ${t.id}: ${redactSecrets(e instanceof Error ? e.message : String(e))}`);
      }
    }
    return report;
  }

  private launch(task: RunTaskRecord): void {
    let finished!: () => void;
    const a: ActiveRun = {
      id: task.id, task, controller: new AbortController(), abandoned: false, queue: Promise.resolve(),
      release: this.keepAlive(), done: new Promise<void>((r) => (finished = r)),
    };
    this.owned.add(task.id);
    this.active.set(task.id, a);
    a.heartbeat = setInterval(() => this.beat(a), this.timing.heartbeatMs);
    this.broadcast(task);
    void this.execute(a).finally(() => {
      this.quiet(a);
      a.release();
      this.active.delete(a.id);
      this.owned.delete(a.id);
      finished();
    });
  }

  private async execute(a: ActiveRun): Promise<void> {
    try {
      const inputs = await loadRunInputs(this.d, a.task);
      const { chain, chains } = await resolveChain(inputs.settings, this.d);
      if (a.abandoned) return;
      const run = await this.pipeline(
        { cv: inputs.version.cv, job: inputs.job.posting },
        {
          ...this.deps.pipelineOptions,
          chain,
          ...(Object.keys(chains).length ? { chains } : {}),
          cache: this.cache,
          signal: a.controller.signal,
          now: new Date(this.now()),
          onEvent: (e) => this.progress(a, e),
        },
      );
      await this.settle(a, (at) => finishTask(this.d, a.task, run, inputs.settings.privacy.keepRunInputs, at));
    } catch (e) {
      // the pipeline throws only for inputs it cannot work with; the rest (a deleted job, an unreadable key) is ours
      await this.settle(a, (at) => failTask(this.d, a.id, taskError(e), at));
    }
  }

  private progress(a: ActiveRun, e: PipelineEvent): void {
    if (a.abandoned) return;
    a.task = applyEvent(a.task, e, stamp(this.now()));
    this.broadcast(a.task);
    a.flushTimer ??= setTimeout(() => {
      a.flushTimer = undefined;
      void this.enqueue(a, () => this.writeProgress(a)); // the queue logs its own failures and never rejects
    }, this.timing.flushMs);
  }

  private beat(a: ActiveRun): void {
    const at = stamp(this.now());
    a.task = { ...a.task, heartbeatAt: at };
    // the queue logs its own failures and never rejects
    void this.enqueue(a, async () => {
      if ((await this.d.runTasks.update(a.id, { heartbeatAt: at })) === 0) this.abandon(a);
    });
  }

  private async writeProgress(a: ActiveRun): Promise<void> {
    const { stages, events, heartbeatAt, updatedAt } = a.task;
    // no row to update: the task was deleted (with its application, or with all data); stop spending on it
    if ((await this.d.runTasks.update(a.id, { stages, events, heartbeatAt, updatedAt })) === 0) this.abandon(a);
  }

  /** Writes the task's end, after any progress write still queued, unless this worker has let the run go. */
  private async settle(a: ActiveRun, write: (at: string) => Promise<RunTaskRecord | undefined>): Promise<void> {
    this.quiet(a);
    await this.enqueue(a, async () => {
      const task = await write(stamp(this.now()));
      if (!task) return;
      a.task = task;
      this.broadcast(task);
    });
  }

  private enqueue(a: ActiveRun, write: () => Promise<void>): Promise<void> {
    a.queue = a.queue
      .then(() => (a.abandoned ? undefined : write()))
      .catch((e: unknown) => this.log(`CVPath could not save the progress of run ${a.id}: ${redactSecrets(e instanceof Error ? e.message : String(e))}`));
    return a.queue;
  }

  private quiet(a: ActiveRun): void {
    clearInterval(a.heartbeat);
    clearTimeout(a.flushTimer);
    a.flushTimer = undefined;
  }

  private abandon(a: ActiveRun): void {
    a.abandoned = true;
    this.quiet(a);
    a.controller.abort();
  }
}

export interface ResumeReport {
  /** Runs started again. */
  resumed: string[];
  /** Runs given up on: they had been started twice already. */
  failed: string[];
}
