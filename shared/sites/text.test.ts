import { describe, expect, it } from 'vitest';
import { parse } from './__fixtures__/load';
import { elementText } from './text';

const text = (html: string) => elementText(parse(`<html><body><div id="x">${html}</div></body></html>`).getElementById('x')!);

describe('elementText', () => {
  it('separates paragraphs, headings and lists with blank lines, and items with single newlines', () => {
    expect(text('<h2>About</h2><p>We make  maps.\n  Good ones.</p><ul><li>One</li><li>Two</li></ul><p>End.</p>')).toBe('About\n\nWe make maps. Good ones.\n\n- One\n- Two\n\nEnd.');
  });

  it('indents nested lists under their item, and keeps a second paragraph of an item with it', () => {
    expect(text('<ul><li>Parent<ul><li>Child</li></ul></li><li><p>First</p><p>Second</p></li></ul>')).toBe('- Parent\n  - Child\n- First\n  Second');
  });

  it('turns <br> into newlines, double <br> into paragraphs, and "•" lines into bullets', () => {
    expect(text('<span><b>Skills</b><br>• SQL<br>• Python<br><br>Thanks!<br>Line two</span>')).toBe('Skills\n\n- SQL\n- Python\n\nThanks!\nLine two');
  });

  it('decodes entities, drops zero-width characters, scripts, styles and buttons', () => {
    expect(text('<p>R&amp;D&nbsp;team &lt;3 &#8364;5\u200b0</p><script>alert(1)</script><style>p{}</style><button>Show more</button>')).toBe('R&D team <3 €50');
  });

  it('reads a definition list as "Term: value" lines and a table row as cells', () => {
    expect(text('<dl><dt>Location</dt><dd>Leeds</dd><dt>Type</dt><dd>Full-time</dd></dl><table><tr><td>Base</td><td>£40k</td></tr></table>')).toBe('Location: Leeds\n\nType: Full-time\n\nBase | £40k');
  });

  it('never truncates: 2,000 items all come out', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `<li>Requirement number ${i}</li>`).join('');
    const out = text(`<ul>${items}</ul><p>Final sentence.</p>`);
    expect(out.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(2000);
    expect(out.endsWith('Final sentence.')).toBe(true);
  });

  it('leaves out what skip says, with everything inside it', () => {
    const el = parse('<div id="x"><p>Keep</p><p class="h">Drop <b>this</b></p></div>').getElementById('x')!;
    expect(elementText(el, { skip: (e) => e.classList.contains('h') })).toBe('Keep');
  });
});
