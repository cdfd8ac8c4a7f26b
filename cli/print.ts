import type { RequirementMatch } from '../shared/schema/analysis';
import type { Io } from './io';

export function printRequirements(reqs: { id: string; text: string; kind: string }[], matches: RequirementMatch[], io: Io) {
  for (const r of reqs) {
    const m = matches.find((x) => x.requirementId === r.id);
    const mark = m?.status === 'met' ? '✓' : m?.status === 'partial' ? '~' : '✗';
    const ev = m?.evidence[0] ? `  ← "${truncate(m.evidence[0].quote, 70)}"` : '';
    io.out(`  ${mark} [${r.kind}] ${truncate(r.text, 80)}${ev}`);
  }
}

export function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
