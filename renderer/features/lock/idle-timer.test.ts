import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startIdleTimer } from './idle-timer';

describe('idle timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('locks once after the limit without activity, not before', () => {
    const onIdle = vi.fn();
    startIdleTimer(15 * 60_000, onIdle);
    vi.advanceTimersByTime(14 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000 + 15_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('activity restarts the count; a stopped timer never fires', () => {
    const onIdle = vi.fn();
    const timer = startIdleTimer(5 * 60_000, onIdle);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(4 * 60_000);
      timer.touch();
    }
    expect(onIdle).not.toHaveBeenCalled();
    timer.stop();
    vi.advanceTimersByTime(60 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('a machine that slept past the limit locks at the first check after waking', () => {
    const onIdle = vi.fn();
    startIdleTimer(15 * 60_000, onIdle);
    // Sleep: the clock jumps, no timers ran in between.
    vi.setSystemTime(Date.now() + 3 * 60 * 60_000);
    vi.advanceTimersByTime(15_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
