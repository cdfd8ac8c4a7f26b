/** The control's styles, inside its shadow root: nothing leaks into the page and the page's CSS cannot reach in. */
export const CONTROL_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.wrap { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; }
.pill { display: inline-flex; align-items: center; gap: 8px; border: 1px solid #c9d3df; background: #fff; color: #1d4ed8; border-radius: 999px;
  padding: 8px 14px 8px 10px; font: 600 13px/1 system-ui, sans-serif; cursor: pointer; box-shadow: 0 2px 10px rgba(15, 23, 42, .12); }
.pill:hover { background: #f5f8ff; }
.pill:focus-visible, button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
.mark { width: 18px; height: 18px; border-radius: 5px; background: #1d4ed8; color: #fff; display: grid; place-items: center; font-size: 11px; font-weight: 700; }
.panel { width: 300px; background: #fff; border: 1px solid #d5dde7; border-radius: 12px; box-shadow: 0 8px 28px rgba(15, 23, 42, .18); padding: 14px; margin-bottom: 10px; }
.head { display: flex; justify-content: space-between; align-items: start; gap: 8px; margin-bottom: 8px; }
.title { font-weight: 600; font-size: 13px; }
.sub { color: #52606d; font-size: 12px; }
.close { border: 0; background: none; color: #52606d; font-size: 16px; cursor: pointer; line-height: 1; padding: 2px 4px; }
ol { list-style: none; margin: 8px 0; padding: 0; }
li { display: flex; justify-content: space-between; padding: 3px 0; color: #52606d; }
li[data-status="running"] { color: #1d4ed8; }
li[data-status="succeeded"] { color: #1f2933; }
li[data-status="failed"] { color: #b42318; }
li .dot::before { content: "○ "; }
li[data-status="running"] .dot::before { content: "◐ "; }
li[data-status="succeeded"] .dot::before { content: "✓ "; color: #15803d; }
li[data-status="failed"] .dot::before { content: "✕ "; }
.score { display: flex; align-items: baseline; gap: 8px; margin: 6px 0 4px; }
.num { font-size: 26px; font-weight: 700; }
.num.after { color: #15803d; }
.arrow { color: #52606d; }
.warn { background: #fff7ed; border: 1px solid #fed7aa; color: #9a3412; border-radius: 8px; padding: 8px; margin: 8px 0; font-size: 12px; }
.err { background: #fef3f2; border: 1px solid #fecdca; color: #b42318; border-radius: 8px; padding: 8px; margin: 8px 0; font-size: 12px; }
.actions { display: flex; gap: 8px; margin-top: 10px; }
.btn { flex: 1; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; border-radius: 8px; padding: 7px 10px; font: 600 12px system-ui, sans-serif; cursor: pointer; }
.btn.secondary { background: #fff; color: #1d4ed8; }
`;
