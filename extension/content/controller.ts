import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { isCvPathError } from '../../shared/errors';
import type { JobWarning } from '../../shared/schema/job-posting';
import { RUN_PORT_PREFIX, send } from '../messaging';
import { showsPosting } from '../../shared/sites/probe';
import type { RunTaskRecord } from '../store/db';
import { PageControl, type ControlState } from './control';

/** Single-page boards render the new posting some time after the URL changes: look again at these delays (ms). */
const RECHECK_DELAYS = [0, 250, 750, 1500, 3000, 6000];

/**
 * Watches a page for job postings (also across single-page navigation), shows the control on them, and runs a
 * tailoring when it is clicked. Every entry point is guarded: whatever goes wrong here, the page keeps working.
 *
 * It carries no reader: which element shows a posting at an address is the worker's answer (from the board adapters,
 * once per address), and the posting is read by the reader script the worker injects when the control is clicked.
 * So this script, on every page of every board, stays a few kilobytes however many readers the extension gains.
 */
export function watchJobPages(ctx: ContentScriptContext): void {
  let control: PageControl | undefined;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let runUrl: string | undefined;
  let warnings: JobWarning[] = [];
  let setupMs = 0;
  /** The worker's answer for each address this page has had: what shows a posting there. */
  const probes = new Map<string, Promise<string | null>>();

  const guard = <A extends unknown[]>(fn: (...a: A) => void | Promise<void>) => (...a: A) => {
    try {
      const r = fn(...a);
      if (r instanceof Promise) r.catch((e) => fail(e));
    } catch (e) {
      fail(e);
    }
  };
  const fail = (e: unknown) => {
    if (!ctx.isValid) return; // the extension was reloaded or updated: this script is an orphan and must stay silent
    const err = isCvPathError(e) ? e : undefined;
    const msg = e instanceof Error ? e.message : String(e);
    const contextGone = /Extension context invalidated|Receiving end does not exist/i.test(msg);
    setState({
      kind: 'error',
      message: contextGone ? 'CVPath was updated or restarted.' : err?.message ?? `Something went wrong: ${msg}`,
      hint: contextGone ? 'Reload this page to use it again.' : err?.hint,
      action: err?.code === 'CV_EMPTY' ? 'options' : 'retry',
    });
  };
  const setState = (s: ControlState) => control?.set(s);

  const ensureControl = () => {
    control ??= new PageControl(document, {
      tailor: guard(tailor),
      openResult: guard(async (runId: string) => void (await send('dashboard:open', { path: `/run/${runId}` }))),
      openOptions: guard(async () => void (await send('options:open', {}))),
    });
    control.mount();
    return control;
  };

  // the user may have turned the control off (options → privacy); until the worker says, assume it is wanted
  let showControl = true;
  send('page:config', {}).then(
    (c) => {
      showControl = c.showPageControl;
      if (!showControl && !port) control?.unmount();
    },
    () => {},
  );

  /** The worker's answer for an address, asked once; undefined when it could not answer (asked again next look). */
  const probeFor = (href: string): Promise<string | null | undefined> => {
    let p = probes.get(href);
    if (!p) {
      p = send('page:probe', { url: href }).then((r) => r.selector);
      probes.set(href, p);
    }
    return p.catch(() => {
      probes.delete(href);
      return undefined;
    });
  };

  const check = async () => {
    const href = location.href;
    const selector = await probeFor(href);
    // no answer, or navigated meanwhile (the look for the new address decides): leave the page as it is
    if (selector === undefined || location.href !== href) return false;
    const t0 = performance.now();
    const isJob = showsPosting(document, selector);
    if (isJob && showControl) ensureControl();
    else if (control?.mounted && !port) control.unmount();
    setupMs += performance.now() - t0;
    if (control) control.host.dataset.setupMs = setupMs.toFixed(2);
    return isJob;
  };

  /** Looks again until the posting has rendered; once the control is up there is nothing more to find. */
  const recheckSoon = () => {
    let found = false;
    for (const delay of RECHECK_DELAYS) ctx.setTimeout(guard(async () => {
      if (!found) found = await check();
    }), delay);
  };

  async function tailor(): Promise<void> {
    ensureControl();
    setState({ kind: 'reading' });
    const { posting } = await send('page:read', {});
    if (!posting) {
      setState({ kind: 'error', message: 'CVPath could not find a job posting on this page.', hint: 'Open the posting itself (not a list of jobs), wait for it to load, then try again.', action: 'retry' });
      return;
    }
    warnings = posting.warnings ?? [];
    const { jobId } = await send('job:save', { posting });
    const { runId } = await send('run:start', { jobId });
    runUrl = location.href;
    setState({ kind: 'run', warnings });
    follow(runId);
  }

  /** Follows a run's progress; when the worker restarts mid-run the port drops, and we reconnect to the resumed run. */
  function follow(runId: string, silentConnects = 0): void {
    port?.disconnect();
    const p = browser.runtime.connect({ name: RUN_PORT_PREFIX + runId });
    port = p;
    let last: RunTaskRecord | undefined;
    p.onMessage.addListener((task: RunTaskRecord) => {
      last = task;
      setState({ kind: 'run', task, warnings });
      if (task.status !== 'running') {
        p.disconnect();
        if (port === p) port = undefined;
      }
    });
    p.onDisconnect.addListener(() => {
      if (port !== p) return;
      port = undefined;
      if (!ctx.isValid || (last && last.status !== 'running')) return;
      // a worker restart drops the port and the resumed run answers the next one; a run that never answers again
      // was deleted (from the dashboard, or with all data), and following it further would wake the worker forever
      const silent = last ? 0 : silentConnects + 1;
      if (silent >= 3) {
        setState({ kind: 'error', message: 'This run is no longer there: it was deleted, or its data was cleared.', hint: 'Start a new one if you still want a tailored CV for this job.', action: 'retry' });
        return;
      }
      ctx.setTimeout(guard(() => follow(runId, silent)), 1000);
    });
  }

  ctx.onInvalidated(() => {
    port?.disconnect();
    control?.unmount();
  });
  ctx.addEventListener(window, 'wxt:locationchange', guard((e: { newUrl?: URL }) => {
    // a new posting in the same tab: the old run's panel no longer describes this page. The event comes before
    // location.href changes (Navigation API), so the new address is the event's own
    const next = e.newUrl?.href ?? location.href;
    if (runUrl && runUrl !== next) {
      // the run goes on in the background and lands in the dashboard; this page stops following it
      port?.disconnect();
      port = undefined;
      runUrl = undefined;
      setState({ kind: 'idle' });
    }
    recheckSoon();
  }));
  recheckSoon();
}
