/**
 * The idle lock: while an extract is open, no input for the chosen minutes drops it (the
 * engine's worker is terminated) and asks for the key again. Also a "Lock" button and the
 * choice of minutes in the header.
 */
import { useEffect } from 'react';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { getHost } from '../../host';
import { useLockStore } from '../../stores/lock';
import { useSessionStore } from '../../stores/session';
import { ACTIVITY_EVENTS, IDLE_MINUTE_CHOICES, startIdleTimer } from './idle-timer';

export function useIdleLock(): void {
  const open = useSessionStore((s) => s.current !== null);
  const lock = useSessionStore((s) => s.lock);
  const minutes = useLockStore((s) => s.idleMinutes);
  useEffect(() => {
    if (!open) return;
    const timer = startIdleTimer(minutes * 60_000, () => lock({ kind: 'idle', minutes }));
    const touch = () => timer.touch();
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, touch, { capture: true, passive: true });
    return () => {
      timer.stop();
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, touch, { capture: true });
    };
  }, [open, minutes, lock]);
  // The screen locked or the machine went to sleep (Electron): lock at once.
  useEffect(() => (open ? getHost().onSystemLock(() => lock({ kind: 'system' })) : undefined), [open, lock]);
}

export function LockControls() {
  const t = useT();
  const lock = useSessionStore((s) => s.lock);
  const { idleMinutes, setIdleMinutes } = useLockStore();
  return (
    <>
      <button type="button" onClick={() => lock({ kind: 'manual' })} data-testid="lock-now">
        {t('lockNow')}
      </button>
      <label className="lock-after">
        {t('lockAfter')}
        <select value={idleMinutes} onChange={(e) => setIdleMinutes(Number(e.target.value))} data-testid="idle-minutes">
          {IDLE_MINUTE_CHOICES.map((m) => (
            <option key={m} value={m}>
              {fill(t('lockMinutes'), { minutes: m })}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
