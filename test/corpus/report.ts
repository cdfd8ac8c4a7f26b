import type { CvScore } from './score-cvs';
import type { PageScore } from './score-pages';

/** The accuracy tables `npm run accuracy` prints and the corpus test prints beside its assertions. */

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export interface PageTotals {
  pages: number;
  exact: number;
  failed: number;
  boards: number;
}

export function pageTotals(scores: PageScore[]): PageTotals {
  return { pages: scores.length, exact: scores.filter((s) => s.exact).length, failed: scores.filter((s) => s.failed).length, boards: new Set(scores.map((s) => s.board)).size };
}

export function pageReport(scores: PageScore[], verbose = false): string {
  const boards = [...new Set(scores.map((s) => s.board))].sort();
  const rows = boards.map((b) => {
    const of = scores.filter((s) => s.board === b);
    const exact = of.filter((s) => s.exact).length;
    return [b, String(of.length), String(exact), pct(exact, of.length), [...new Set(of.map((s) => s.via ?? '—'))].join(',')];
  });
  const t = pageTotals(scores);
  rows.push(['total', String(t.pages), String(t.exact), pct(t.exact, t.pages), `${t.failed} failed`]);
  const out = [`Job pages: ${t.pages} from ${t.boards} boards`, table(['board', 'pages', 'exact', 'share', 'read by'], rows)];
  if (verbose) for (const s of scores) if (!s.exact) out.push(`  ✗ ${s.id}: ${s.misses.join('; ')}`);
  return out.join('\n');
}

export interface CvTotals {
  files: number;
  families: number;
  fields: number;
  right: number;
  worstFamily: { family: string; share: number } | null;
}

export function cvTotals(scores: CvScore[]): CvTotals {
  const fams = [...new Set(scores.map((s) => s.family))];
  const share = (of: CvScore[]) => {
    const f = of.flatMap((s) => s.fields);
    return f.length ? f.filter((x) => x.ok).length / f.length : 0;
  };
  const worst = fams.map((family) => ({ family, share: share(scores.filter((s) => s.family === family)) })).sort((a, b) => a.share - b.share)[0] ?? null;
  const all = scores.flatMap((s) => s.fields);
  return { files: scores.length, families: fams.length, fields: all.length, right: all.filter((f) => f.ok).length, worstFamily: worst };
}

export function cvReport(scores: CvScore[], verbose = false): string {
  const fams = [...new Set(scores.map((s) => s.family))].sort();
  const kinds = ['contact', 'roles', 'bullets', 'education', 'skills', 'not roles'] as const;
  const kindOf = (field: string): (typeof kinds)[number] =>
    /^(name|email|phone)$/.test(field) ? 'contact' : / bullet$/.test(field) ? 'bullets' : /^work\[/.test(field) || field === 'no phantom role' ? 'roles' : /^education/.test(field) ? 'education' : /^skill /.test(field) ? 'skills' : 'not roles';
  const row = (name: string, of: CvScore[]) => {
    const f = of.flatMap((s) => s.fields);
    const cells = kinds.map((k) => {
      const x = f.filter((y) => kindOf(y.field) === k);
      return x.length ? pct(x.filter((y) => y.ok).length, x.length) : '—';
    });
    return [name, String(of.length), ...cells, pct(f.filter((y) => y.ok).length, f.length)];
  };
  const rows = fams.map((fam) => row(fam, scores.filter((s) => s.family === fam)));
  rows.push(row('total', scores));
  const t = cvTotals(scores);
  const out = [`CV PDFs: ${t.files} from ${t.families} template families, ${t.fields} fields`, table(['family', 'files', ...kinds, 'all fields'], rows)];
  if (verbose) for (const s of scores) for (const f of s.fields) if (!f.ok) out.push(`  ✗ ${s.id} ${f.field}: ${f.detail ?? ''}`);
  return out.join('\n');
}
