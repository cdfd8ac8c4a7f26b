import { describe, expect, it } from 'vitest';
import type { RunTaskRecord } from '../store/db';
import { RunPorts, type RunPort } from './run-ports';

function port(name: string, opts: { broken?: boolean } = {}) {
  const got: unknown[] = [];
  const onDisconnect: (() => void)[] = [];
  const p: RunPort & { got: unknown[]; disconnect(): void } = {
    name,
    got,
    postMessage: (m) => {
      if (opts.broken) throw new Error('Attempting to use a disconnected port object');
      got.push(m);
    },
    onDisconnect: { addListener: (fn) => onDisconnect.push(fn) },
    disconnect: () => onDisconnect.forEach((f) => f()),
  };
  return p;
}

const task = (id: string, status: RunTaskRecord['status'] = 'running') => ({ id, status }) as RunTaskRecord;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('RunPorts', () => {
  it('sends a new follower the task as it stands, then every change of that run only', async () => {
    const ports = new RunPorts(async (id) => (id === 'r1' ? task('r1') : undefined));
    const a = port('run:r1');
    const b = port('run:r2');
    ports.connect(a);
    ports.connect(b);
    await tick();
    expect(a.got).toEqual([task('r1')]);
    expect(b.got).toEqual([]);
    ports.broadcast(task('r1', 'succeeded'));
    expect(a.got.at(-1)).toEqual(task('r1', 'succeeded'));
    expect(b.got).toEqual([]);
  });

  it('ignores ports that are not run ports, and forgets closed or broken ones', async () => {
    const ports = new RunPorts(async () => undefined);
    ports.connect(port('other-feature'));
    expect(ports.followers('other-feature')).toBe(0);
    const a = port('run:r1');
    const broken = port('run:r1', { broken: true });
    ports.connect(a);
    ports.connect(broken);
    expect(ports.followers('r1')).toBe(2);
    ports.broadcast(task('r1'));
    expect(ports.followers('r1')).toBe(1);
    a.disconnect();
    expect(ports.followers('r1')).toBe(0);
    expect(() => ports.broadcast(task('r1'))).not.toThrow();
  });
});
