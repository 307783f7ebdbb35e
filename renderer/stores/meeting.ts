/**
 * Meeting mode: a briefing pack opened on its own, with no extract. The file's bytes are
 * held only until it is opened (an encrypted one until its passphrase is given).
 */
import { create } from 'zustand';
import { openBriefingBytes } from '../../shared/briefing/file';
import type { BriefingPack } from '../../shared/briefing/schema';
import type { LocalizedText } from '../../shared/indicators/pack';
import { getHost } from '../host';

interface MeetingState {
  briefing: BriefingPack | null;
  /** A chosen file that needs its passphrase. */
  pending: { name: string; bytes: Uint8Array | null } | null;
  problem: LocalizedText | null;
  opening: boolean;
  chooseFile(): Promise<void>;
  submitPassphrase(passphrase: string): Promise<void>;
  cancel(): void;
  close(): void;
}

export const useMeetingStore = create<MeetingState>()((set, get) => ({
  briefing: null,
  pending: null,
  problem: null,
  opening: false,

  async chooseFile() {
    try {
      const file = await getHost().openBriefingFile();
      if (!file) return;
      set({ opening: true, problem: null });
      const result = await openBriefingBytes(file.bytes, null);
      if (result.ok) set({ briefing: result.briefing, pending: null, opening: false });
      else set({ pending: result.needsPassphrase ? file : null, problem: result.needsPassphrase ? null : result.problem, opening: false });
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      set({ opening: false, problem: { da: `filen kunne ikke læses (${detail})`, en: `the file could not be read (${detail})` } });
    }
  },

  async submitPassphrase(passphrase) {
    const pending = get().pending;
    if (!pending) return;
    set({ opening: true, problem: null });
    const result = await openBriefingBytes(pending.bytes, passphrase);
    if (result.ok) set({ briefing: result.briefing, pending: null, opening: false });
    else set({ problem: result.problem, pending: result.needsPassphrase ? pending : null, opening: false });
  },

  cancel: () => set({ pending: null, problem: null, opening: false }),
  close: () => set({ briefing: null, pending: null, problem: null }),
}));
