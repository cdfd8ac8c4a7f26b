import { Hono } from 'hono';
import type { Config } from '../config';
import { openApiDocument, type RouteDocs } from '../openapi';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** `/openapi.json` and a plain docs page listing it (no scripts, so it works under the strict CSP). */
export function docsRoutes(config: Pick<Config, 'version'>, docs: RouteDocs[]) {
  const document = openApiDocument(config.version, docs);
  const rows = Object.entries(document.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape((op as { summary: string }).summary)}</td></tr>`),
    )
    .join('\n');
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CVPath API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}td{padding:.25rem .75rem;border-bottom:1px solid #ddd}</style>
</head><body><h1>CVPath API <small>${escape(config.version)}</small></h1>
<p>The machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
Every error answers <code>{ "error": { "code", "message" } }</code> with a code from <code>shared/errors</code>.</p>
<table>
${rows}
</table></body></html>`;
  return new Hono()
    .get('/openapi.json', (c) => c.json(document, 200))
    .get('/docs', (c) => c.html(page, 200));
}
