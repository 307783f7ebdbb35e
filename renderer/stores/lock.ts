/** The idle lock's setting: minutes without activity before the open extract is dropped. Kept on this machine. */
import { create } from 'zustand';
import { DEFAULT_IDLE_MINUTES, IDLE_MINUTE_CHOICES } from '../features/lock/idle-timer';

const KEY = 'bydelsmonitor.idle-minutes';

function stored(): number {
  try {
    const n = Number(globalThis.localStorage?.getItem(KEY));
    return (IDLE_MINUTE_CHOICES as readonly number[]).includes(n) ? n : DEFAULT_IDLE_MINUTES;
  } catch {
    return DEFAULT_IDLE_MINUTES;
  }
}

interface LockState {
  idleMinutes: number;
  setIdleMinutes(minutes: number): void;
}

export const useLockStore = create<LockState>()((set) => ({
  idleMinutes: stored(),
  setIdleMinutes(minutes) {
    if (!(IDLE_MINUTE_CHOICES as readonly number[]).includes(minutes)) return;
    try {
      globalThis.localStorage?.setItem(KEY, String(minutes));
    } catch {
      // Storage refused (private window): the choice holds for this session only.
    }
    set({ idleMinutes: minutes });
  },
}));
