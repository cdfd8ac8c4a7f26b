/**
 * Markup that arrives as a string (JSON-LD descriptions, Readability's output) is parsed in a <template>: its content
 * is inert in a browser (no scripts run, no images load) and linkedom supports it the same way.
 */
export function fragment(doc: Document, html: string): DocumentFragment {
  const t = doc.createElement('template');
  t.innerHTML = html;
  return t.content;
}

/** `&lt;p&gt;` → `<p>`: decodes one level of entities, as the HTML parser would inside text. */
export function decodeEntities(doc: Document, s: string): string {
  // raw "<" escaped first, so the only markup the parser sees is the entities themselves
  const f = fragment(doc, `<div>${s.replace(/</g, '&lt;')}</div>`);
  return f.querySelector('div')?.textContent ?? s;
}

/** Markup that was escaped before it was put in a string (once or twice): text that shows tags as `&lt;p&gt;`. */
export function looksEscaped(s: string): boolean {
  return /&(?:amp;)*lt;\/?(?:p|br|ul|ol|li|div|strong|b|em|h[1-6]|span)\b/i.test(s) && !/<\/?(?:p|br|ul|li|div)\b/i.test(s);
}
