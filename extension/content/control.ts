import { STAGE_LABELS, STAGES } from '../../shared/pipeline/stages';
import type { JobWarning } from '../../shared/schema/job-posting';
import type { RunTaskRecord } from '../store/db';
import { CONTROL_CSS } from './control.css';
import { HOST_TAG } from './host';

export type ControlState =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'run'; task?: RunTaskRecord; warnings: JobWarning[] }
  | { kind: 'error'; message: string; hint?: string; action?: 'options' | 'retry' };

export interface ControlActions {
  tailor(): void;
  openResult(runId: string): void;
  openOptions(): void;
}

/**
 * The "Tailor my CV" control: one small button in the corner, and a panel that shows the run. It is plain DOM (no
 * framework) so that the content script stays small and costs the page next to nothing.
 */
export class PageControl {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private readonly wrap: HTMLDivElement;
  private state: ControlState = { kind: 'idle' };
  private open = false;

  constructor(private readonly doc: Document, private readonly actions: ControlActions) {
    this.host = doc.createElement(HOST_TAG);
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = CONTROL_CSS;
    this.wrap = doc.createElement('div');
    this.wrap.className = 'wrap';
    this.root.append(style, this.wrap);
    this.render();
  }

  /** Attached to <html> rather than <body>: single-page apps often replace <body>'s children, rarely <html>'s. */
  mount(): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
  }

  unmount(): void {
    this.host.remove();
  }

  get mounted(): boolean {
    return this.host.isConnected;
  }

  set(state: ControlState): void {
    this.state = state;
    if (state.kind !== 'idle') this.open = true;
    this.render();
  }

  private el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
    const e = this.doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  private button(label: string, testid: string, onClick: () => void, secondary = false): HTMLButtonElement {
    const b = this.el('button', { type: 'button', class: secondary ? 'btn secondary' : 'btn', 'data-testid': testid }, label);
    b.addEventListener('click', (e) => {
      if (e.isTrusted) onClick(); // only the user's own click: a page script must not spend their key or credits
    });
    return b;
  }

  private render(): void {
    this.wrap.replaceChildren();
    if (this.open && this.state.kind !== 'idle') this.wrap.append(this.panel());
    const pill = this.el('button', { type: 'button', class: 'pill', 'data-testid': 'tailor', 'aria-label': 'Tailor my CV to this job with CVPath' });
    pill.append(this.el('span', { class: 'mark', 'aria-hidden': 'true' }, 'CV'), this.doc.createTextNode('Tailor my CV'));
    pill.addEventListener('click', (e) => {
      if (!e.isTrusted) return; // only the user's own click: a page script must not start runs on their key
      if (this.state.kind === 'idle' || this.state.kind === 'error' || (this.state.kind === 'run' && this.state.task && this.state.task.status !== 'running')) this.actions.tailor();
      else this.toggle();
    });
    this.wrap.append(pill);
  }

  private toggle(): void {
    this.open = !this.open;
    this.render();
  }

  private panel(): HTMLElement {
    const p = this.el('section', { class: 'panel', 'data-testid': 'panel', role: 'status', 'aria-live': 'polite' });
    const head = this.el('div', { class: 'head' });
    const s = this.state;
    const status = s.kind === 'run' ? s.task?.status : undefined;
    const title = s.kind === 'reading' ? 'Reading this job…' : s.kind === 'error' ? 'CVPath could not tailor your CV' : status === 'succeeded' ? 'Your tailored CV is ready' : status === 'failed' ? 'The run failed' : 'Tailoring your CV…';
    head.append(this.el('div', { class: 'title' }, title));
    const close = this.el('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×');
    close.addEventListener('click', (e) => {
      if (e.isTrusted) this.toggle();
    });
    head.append(close);
    p.append(head);

    if (s.kind === 'error') {
      p.append(this.el('div', { class: 'err', 'data-testid': 'control-error' }, s.hint ? `${s.message} ${s.hint}` : s.message));
      const actions = this.el('div', { class: 'actions' });
      if (s.action === 'options') actions.append(this.button('Open CVPath options', 'open-options', () => this.actions.openOptions()));
      actions.append(this.button('Try again', 'retry', () => this.actions.tailor(), true));
      p.append(actions);
      return p;
    }
    if (s.kind !== 'run') return p;

    if (s.warnings.length) {
      const w = this.el('div', { class: 'warn', 'data-testid': 'page-warnings' });
      const injection = s.warnings.some((x) => x.code === 'prompt_injection');
      const hidden = s.warnings.some((x) => x.code === 'hidden_text');
      w.textContent = [
        injection ? 'This page contains instructions aimed at AI tools. CVPath removed them; they never reach a model.' : '',
        hidden ? 'This page hides text from readers. CVPath left the hidden text out.' : '',
      ].filter(Boolean).join(' ') || s.warnings.map((x) => x.message).join(' ');
      for (const x of s.warnings) w.setAttribute(`data-${x.code.replace(/_/g, '-')}`, '1');
      p.append(w);
    }
    const task = s.task;
    const list = this.el('ol');
    for (const stage of STAGES) {
      const st = task?.stages[stage];
      const li = this.el('li', { 'data-testid': `stage-${stage}`, 'data-status': st?.status ?? 'pending' });
      li.append(this.el('span', { class: 'dot' }, STAGE_LABELS[stage]));
      li.append(this.el('span', { class: 'sub' }, st?.durationMs !== undefined && st.status === 'succeeded' ? `${(st.durationMs / 1000).toFixed(1)} s` : ''));
      list.append(li);
    }
    p.append(list);

    if (task?.status === 'succeeded' && task.summary) {
      const score = this.el('div', { class: 'score', 'aria-label': `Match ${task.summary.before} before, ${task.summary.after} after` });
      score.append(
        this.el('span', { class: 'num', 'data-testid': 'match-before' }, String(task.summary.before)),
        this.el('span', { class: 'arrow' }, '→'),
        this.el('span', { class: 'num after', 'data-testid': 'match-after' }, String(task.summary.after)),
        this.el('span', { class: 'sub' }, 'match'),
      );
      p.append(score);
      p.append(this.el('div', { class: 'sub' }, `${task.summary.met} requirements met · ${task.summary.missing} missing`));
      const actions = this.el('div', { class: 'actions' });
      actions.append(this.button('Open result & download', 'open-result', () => this.actions.openResult(task.id)));
      p.append(actions);
    } else if (task?.status === 'failed') {
      const e = task.error;
      p.append(this.el('div', { class: 'err', 'data-testid': 'control-error' }, e ? `${e.message}${e.hint ? ` ${e.hint}` : ''}` : 'The run failed.'));
      const actions = this.el('div', { class: 'actions' });
      actions.append(this.button('Try again', 'retry', () => this.actions.tailor()));
      p.append(actions);
    }
    return p;
  }
}
