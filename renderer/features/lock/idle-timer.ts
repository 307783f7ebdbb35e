/**
 * Idle detection for the lock: any of the analyst's input counts as activity; when none has
 * come for the chosen time, `onIdle` runs once. Time is read from Date.now at each check, so
 * a machine that slept past the limit locks on waking.
 */
export const IDLE_MINUTE_CHOICES = [5, 10, 15, 30, 60] as const;
export const DEFAULT_IDLE_MINUTES = 15;

/** The events that count as the analyst being there. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export interface IdleTimer {
  /** Record activity now. */
  touch(): void;
  stop(): void;
}

export function startIdleTimer(limitMs: number, onIdle: () => void, checkEveryMs = Math.min(15_000, limitMs / 4)): IdleTimer {
  let last = Date.now();
  let stopped = false;
  const interval = setInterval(() => {
    if (stopped || Date.now() - last < limitMs) return;
    stopped = true;
    clearInterval(interval);
    onIdle();
  }, checkEveryMs);
  return {
    touch() {
      last = Date.now();
    },
    stop() {
      stopped = true;
      clearInterval(interval);
    },
  };
}
