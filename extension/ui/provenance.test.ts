import { describe, expect, it } from 'vitest';
import { fromJsonResume } from '../../shared/schema/json-resume';
import type { Change } from '../../shared/schema/tailored-cv';
import { buildDiff, movedIds, indexCv, sortDiff, wordDiff } from './provenance';

const master = fromJsonResume({
  basics: { name: 'Jane Doe', summary: 'Data engineer who builds reliable pipelines.' },
  work: [
    { name: 'Acme', position: 'Data Engineer', startDate: '2020-01', highlights: ['Built Airflow pipelines for 40 teams', 'Cut warehouse cost by 30%'] },
    { name: 'Globex', position: 'Analyst', startDate: '2017-01', endDate: '2019-12', highlights: ['Wrote SQL reports'] },
  ],
  skills: [{ name: 'Data', keywords: ['SQL', 'Python', 'Airflow'] }],
});

const change = (c: Partial<Change> & Pick<Change, 'kind' | 'targetId' | 'sourceIds'>): Change => ({ before: '', after: '', requirementIds: [], ...c });

describe('provenance: changed lines → the master lines they came from', () => {
  it('indexes bullets with the role they belong to', () => {
    const idx = indexCv(master);
    expect(idx.get('w1h2')).toEqual({ id: 'w1h2', kind: 'bullet', context: 'Data Engineer · Acme', text: 'Cut warehouse cost by 30%' });
    expect(idx.get('summary')?.text).toBe('Data engineer who builds reliable pipelines.');
    expect(idx.get('s1')?.text).toBe('SQL, Python, Airflow');
  });

  it('resolves a rewritten summary to every master line it drew on', () => {
    const [row] = buildDiff(master, [change({ kind: 'rewrite_summary', targetId: 'summary', sourceIds: ['summary', 'w1h1'], before: 'Data engineer who builds reliable pipelines.', after: 'Data engineer who builds Airflow pipelines.' })]);
    expect(row!.sources.map((s) => s.text)).toEqual(['Data engineer who builds reliable pipelines.', 'Built Airflow pipelines for 40 teams']);
    expect(row!.unresolved).toEqual([]);
    expect(row!.label).toBe('Summary rewritten');
  });

  it('reports source ids the master CV does not hold instead of hiding them', () => {
    const [row] = buildDiff(master, [change({ kind: 'rewrite_bullet', targetId: 'w1h1', sourceIds: ['w1h1', 'w9h9'] })]);
    expect(row!.sources.map((s) => s.id)).toEqual(['w1h1']);
    expect(row!.unresolved).toEqual(['w9h9']);
    expect(row!.target?.context).toBe('Data Engineer · Acme');
  });

  it('shows a bullet reordering as the bullets in their new order; section ids need no resolving', () => {
    const rows = buildDiff(master, [
      change({ kind: 'reorder_bullets', targetId: 'w1', sourceIds: ['w1h1', 'w1h2'], before: 'w1h1,w1h2', after: 'w1h2,w1h1' }),
      change({ kind: 'reorder_sections', targetId: 'sections', sourceIds: ['sections'], before: 'work,skills', after: 'skills,work' }),
    ]);
    expect(rows[0]!.order?.map((l) => l.text)).toEqual(['Cut warehouse cost by 30%', 'Built Airflow pipelines for 40 teams']);
    expect(rows[1]!.unresolved).toEqual([]);
  });

  it('marks only the lines a reordering really moved, and those another change rewrote', () => {
    // the ninth bullet lifted to the top: one move, though the other eight each went down a place
    const nine = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8', 'b9'];
    expect([...movedIds(nine, ['b9', ...nine.slice(0, 8)])]).toEqual(['b9']);
    expect([...movedIds(['a', 'b', 'c'], ['a', 'b', 'c'])]).toEqual([]);
    expect(movedIds(['a', 'b', 'c', 'd'], ['d', 'c', 'a', 'b']).size).toBe(2);
    const [row] = buildDiff(master, [
      change({ kind: 'reorder_bullets', targetId: 'w1', sourceIds: ['w1h1', 'w1h2'], before: 'w1h1,w1h2', after: 'w1h2,w1h1' }),
      change({ kind: 'rewrite_bullet', targetId: 'w1h2', sourceIds: ['w1h2'] }),
    ]);
    expect(row!.moves).toEqual([{ from: 2, moved: true, rewritten: true }, { from: 1, moved: false, rewritten: false }]);
  });

  it('resolves lines that only the tailored CV holds when showing a new order', () => {
    const tailored = { ...master, skills: [{ id: 's9', name: 'Key skills for this role', keywords: ['Airflow'] }, ...master.skills] };
    const [row] = buildDiff(master, [change({ kind: 'reorder_entries', targetId: 'skills', sourceIds: ['s1'], before: 's1', after: 's9,s1' })], tailored);
    expect(row!.order?.map((l) => l.id)).toEqual(['s9', 's1']);
  });

  it('puts rewrites before reorderings', () => {
    const rows = sortDiff(buildDiff(master, [change({ kind: 'reorder_sections', targetId: 'sections', sourceIds: ['sections'] }), change({ kind: 'rewrite_bullet', targetId: 'w1h1', sourceIds: ['w1h1'] })]));
    expect(rows.map((r) => r.change.kind)).toEqual(['rewrite_bullet', 'reorder_sections']);
  });
});

describe('wordDiff', () => {
  it('marks added and removed words and keeps the rest', () => {
    const parts = wordDiff('Built pipelines for 40 teams', 'Built Airflow pipelines for 40 teams');
    expect(parts.filter((p) => p.op === 'added').map((p) => p.text.trim())).toEqual(['Airflow']);
    expect(parts.filter((p) => p.op === 'removed')).toEqual([]);
    expect(parts.map((p) => p.text).join('')).toBe('Built Airflow pipelines for 40 teams');
  });

  it('rebuilds both texts from its parts', () => {
    const a = 'Cut warehouse cost by 30% in 2021';
    const b = 'Cut cloud warehouse cost by 30%';
    const parts = wordDiff(a, b);
    expect(parts.filter((p) => p.op !== 'added').map((p) => p.text).join('')).toBe(a);
    expect(parts.filter((p) => p.op !== 'removed').map((p) => p.text).join('')).toBe(b);
  });
});
