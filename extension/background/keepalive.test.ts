import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeepalive } from './keepalive';

describe('createKeepalive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings every interval while anything holds it, and stops when the last hold is released', () => {
    const ping = vi.fn(async () => ({}));
    const k = createKeepalive(ping, 20_000);
    vi.advanceTimersByTime(60_000);
    expect(ping).not.toHaveBeenCalled();
    const a = k.hold();
    const b = k.hold();
    vi.advanceTimersByTime(40_000);
    expect(ping).toHaveBeenCalledTimes(2); // one timer for both holds
    a();
    a(); // releasing twice counts once
    expect(k.holds).toBe(1);
    vi.advanceTimersByTime(20_000);
    expect(ping).toHaveBeenCalledTimes(3);
    b();
    vi.advanceTimersByTime(100_000);
    expect(ping).toHaveBeenCalledTimes(3);
  });

  it('survives a ping that throws or rejects', () => {
    const k = createKeepalive(() => {
      throw new Error('worker going away');
    }, 10);
    const release = k.hold();
    expect(() => vi.advanceTimersByTime(50)).not.toThrow();
    release();
    const r = createKeepalive(() => Promise.reject(new Error('x')), 10).hold();
    expect(() => vi.advanceTimersByTime(50)).not.toThrow();
    r();
  });
});
