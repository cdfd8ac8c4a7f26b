import type { Change } from '../../shared/schema/tailored-cv';
import type { Cv } from '../../shared/schema/cv';

/**
 * Where every line of a tailored CV came from: each change's `sourceIds` resolved to the master CV's own lines
 * (bullets, entries, the summary, skill groups), so the dashboard can show the master text beside the tailored text.
 */

export interface MasterLine {
  id: string;
  /** What it is: "bullet", "role", "summary", "skills"… */
  kind: string;
  /** Where it sits, e.g. "Data Engineer · Acme". Empty for top-level lines. */
  context: string;
  text: string;
}

export interface DiffRow {
  change: Change;
  /** A short label for the kind of change. */
  label: string;
  /** The tailored text's location, resolved like a source when it is in the master CV. */
  target?: MasterLine;
  sources: MasterLine[];
  /** Source ids that are not in the master CV (shown, never hidden: a change must be traceable). */
  unresolved: string[];
  /** For a reordering: the lines in their new order (its `after` is a list of ids). */
  order?: MasterLine[];
  /**
   * For a reordering, one entry per line of `order`: its place in the master (1-based, absent for a line only the
   * tailored CV holds), whether it moved, and whether another change rewrote it.
   */
  moves?: { from?: number; moved: boolean; rewritten: boolean }[];
}

export const CHANGE_LABELS: Record<Change['kind'], string> = {
  reorder_sections: 'Sections reordered',
  reorder_entries: 'Entries reordered',
  reorder_bullets: 'Bullets reordered',
  reorder_skills: 'Skills reordered',
  rewrite_summary: 'Summary rewritten',
  rewrite_bullet: 'Bullet rewritten',
  emphasize: 'Skills emphasised',
};

/** Every addressable line of a CV by id. */
export function indexCv(cv: Cv): Map<string, MasterLine> {
  const lines = new Map<string, MasterLine>();
  const add = (l: MasterLine) => {
    if (!lines.has(l.id)) lines.set(l.id, l);
  };
  if (cv.basics.summary) add({ id: 'summary', kind: 'summary', context: '', text: cv.basics.summary });
  for (const w of cv.work) {
    const role = [w.position, w.name].filter(Boolean).join(' · ');
    add({ id: w.id, kind: 'role', context: '', text: role });
    if (w.summary) add({ id: `${w.id}:summary`, kind: 'role summary', context: role, text: w.summary });
    for (const h of w.highlights) add({ id: h.id, kind: 'bullet', context: role, text: h.text });
  }
  for (const p of cv.projects) {
    add({ id: p.id, kind: 'project', context: '', text: [p.name, p.description].filter(Boolean).join(' — ') });
    for (const h of p.highlights) add({ id: h.id, kind: 'bullet', context: p.name, text: h.text });
  }
  for (const v of cv.volunteer) {
    const role = [v.position, v.organization].filter(Boolean).join(' · ');
    add({ id: v.id, kind: 'volunteering', context: '', text: role });
    for (const h of v.highlights) add({ id: h.id, kind: 'bullet', context: role, text: h.text });
  }
  for (const e of cv.education) add({ id: e.id, kind: 'education', context: '', text: [[e.studyType, e.area].filter(Boolean).join(' '), e.institution].filter(Boolean).join(', ') });
  for (const s of cv.skills) add({ id: s.id, kind: 'skills', context: s.name, text: s.keywords.length ? s.keywords.join(', ') : s.name });
  for (const c of cv.certificates) add({ id: c.id, kind: 'certificate', context: '', text: [c.name, c.issuer].filter(Boolean).join(', ') });
  for (const a of cv.awards) add({ id: a.id, kind: 'award', context: '', text: [a.title, a.awarder].filter(Boolean).join(', ') });
  for (const p of cv.publications) add({ id: p.id, kind: 'publication', context: '', text: p.name });
  for (const l of cv.languages) add({ id: l.id, kind: 'language', context: '', text: [l.language, l.fluency].filter(Boolean).join(' — ') });
  return lines;
}

/** Section-level ids (`sections`, `skills`, `projects`…) are not lines: they need no resolving. */
const SECTION_IDS = new Set(['sections', 'work', 'projects', 'skills', 'education', 'volunteer', 'awards', 'certificates', 'publications', 'languages', 'interests', 'references']);

/** `tailored` resolves what only the tailored CV holds (a new "key skills" group) when showing a new order. */
export function buildDiff(master: Cv, changes: Change[], tailored?: Cv): DiffRow[] {
  const index = indexCv(master);
  const after = tailored ? indexCv(tailored) : new Map<string, MasterLine>();
  const rewritten = new Set(changes.filter((c) => c.kind === 'rewrite_bullet').map((c) => c.targetId));
  return changes.map((change) => {
    const sources: MasterLine[] = [];
    const unresolved: string[] = [];
    for (const id of change.sourceIds) {
      const line = index.get(id);
      if (line) sources.push(line);
      else if (!SECTION_IDS.has(id)) unresolved.push(id);
    }
    const row: DiffRow = { change, label: CHANGE_LABELS[change.kind] ?? change.kind, target: index.get(change.targetId), sources, unresolved };
    if (change.kind === 'reorder_bullets' || change.kind === 'reorder_entries') {
      const order = change.after.split(',').map((id) => index.get(id.trim()) ?? after.get(id.trim()));
      if (order.length && order.every(Boolean)) {
        row.order = order as MasterLine[];
        const was = change.before.split(',').map((id) => id.trim());
        const moved = movedIds(was, row.order.map((l) => l.id));
        row.moves = row.order.map((l) => ({ ...(was.includes(l.id) ? { from: was.indexOf(l.id) + 1 } : {}), moved: moved.has(l.id), rewritten: rewritten.has(l.id) }));
      }
    }
    return row;
  });
}

/**
 * The lines a reordering really moved: those outside the longest run that kept its relative order. Lifting the ninth
 * bullet to the top moves one bullet, not nine, though every other bullet's number changes.
 */
export function movedIds(before: string[], after: string[]): Set<string> {
  const pos = new Map(before.map((id, i) => [id, i]));
  const seq = after.filter((id) => pos.has(id));
  // longest increasing subsequence of the old positions, in O(n²): a section holds a dozen lines at most
  const best = seq.map(() => 1);
  const prev = seq.map(() => -1);
  for (let i = 0; i < seq.length; i++) {
    for (let j = 0; j < i; j++) {
      if (pos.get(seq[j]!)! < pos.get(seq[i]!)! && best[j]! + 1 > best[i]!) {
        best[i] = best[j]! + 1;
        prev[i] = j;
      }
    }
  }
  const kept = new Set<string>();
  // on a tie the lines that stay are the later ones: what was lifted up is what the tailoring moved
  for (let i = best.lastIndexOf(Math.max(0, ...best)); i >= 0; i = prev[i]!) kept.add(seq[i]!);
  return new Set(after.filter((id) => !kept.has(id)));
}

/** Rewrites first (what a reader checks), then emphasis, then the reorderings. */
export function sortDiff(rows: DiffRow[]): DiffRow[] {
  const rank = (k: Change['kind']) => (k === 'rewrite_summary' ? 0 : k === 'rewrite_bullet' ? 1 : k === 'emphasize' ? 2 : 3);
  return [...rows].sort((a, b) => rank(a.change.kind) - rank(b.change.kind));
}

export interface WordPart {
  text: string;
  op: 'same' | 'added' | 'removed';
}

/** A word-level diff (longest common subsequence) of two short texts, for highlighting a rewritten line. */
export function wordDiff(before: string, after: string): WordPart[] {
  const a = before.split(/(\s+)/).filter((x) => x !== '');
  const b = after.split(/(\s+)/).filter((x) => x !== '');
  if (a.length * b.length > 250_000) return [{ text: before, op: 'removed' }, { text: after, op: 'added' }];
  const dp: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  }
  const out: WordPart[] = [];
  const push = (text: string, op: WordPart['op']) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ text, op });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(a[i]!, 'same');
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) push(a[i++]!, 'removed');
    else push(b[j++]!, 'added');
  }
  while (i < a.length) push(a[i++]!, 'removed');
  while (j < b.length) push(b[j++]!, 'added');
  return out;
}
