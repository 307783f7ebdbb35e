/**
 * Session state: which extract is open, and the attempt to open another.
 * The open extract is replaced only when a new one has loaded completely, so a failed
 * attempt leaves it intact.
 */
import { create } from 'zustand';
import type { ExtractHandle, OpenSecret } from '../../shared/host/contract';
import type { ExtractErrorInfo } from '../../shared/extract/errors';
import { SOCIAL_BALANCE_PACK } from '../../shared/indicators/packs/index';
import { getHost } from '../host';
import { openExtract, type LoadStage, type LoadedExtract } from '../engine/open-extract';
import { useViewStore } from './view';

export type OpeningState =
  | { phase: 'choosing'; error?: ExtractErrorInfo }
  | { phase: 'passphrase'; handle: ExtractHandle; error?: ExtractErrorInfo }
  | { phase: 'loading'; handle: ExtractHandle; stage: LoadStage };

interface SessionState {
  opening: OpeningState | null;
  current: LoadedExtract | null;
  startOpening(): void;
  chooseDemo(): Promise<void>;
  chooseFile(): Promise<void>;
  submitSecret(secret: OpenSecret): Promise<void>;
  cancelOpening(): void;
  closeExtract(): void;
}

function unexpected(err: unknown): ExtractErrorInfo {
  return { code: 'unreadable-file', detail: err instanceof Error ? err.message : String(err) };
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  opening: { phase: 'choosing' },
  current: null,

  startOpening() {
    set({ opening: { phase: 'choosing' } });
  },

  async chooseDemo() {
    try {
      const handle = await getHost().openDemoExtract();
      set({ opening: { phase: 'passphrase', handle } });
    } catch (err) {
      set({ opening: { phase: 'choosing', error: unexpected(err) } });
    }
  },

  async chooseFile() {
    try {
      const handle = await getHost().pickExtractFile();
      if (!handle) return;
      if (handle.encryption === 'unknown') {
        // Not something a passphrase or key opens: get the precise reason (no key
        // derivation runs for such files) and say it before asking for anything.
        const result = await getHost().decryptExtract(handle, { kind: 'passphrase', passphrase: '' });
        void getHost().releaseExtract(handle);
        set({ opening: { phase: 'choosing', error: result.ok ? { code: 'not-an-extract' } : result.error } });
        return;
      }
      set({ opening: { phase: 'passphrase', handle } });
    } catch (err) {
      set({ opening: { phase: 'choosing', error: unexpected(err) } });
    }
  },

  async submitSecret(secret) {
    const opening = get().opening;
    if (opening?.phase !== 'passphrase') return;
    const { handle } = opening;
    set({ opening: { phase: 'loading', handle, stage: 'decrypting' } });
    const result = await openExtract(getHost(), handle, secret, SOCIAL_BALANCE_PACK, (stage) =>
      set({ opening: { phase: 'loading', handle, stage } }),
    ).catch((err: unknown) => ({ ok: false as const, error: unexpected(err) }));
    if (!result.ok) {
      set({ opening: { phase: 'passphrase', handle, error: result.error } });
      return;
    }
    get().current?.engine.terminate();
    void getHost().releaseExtract(handle);
    useViewStore.getState().resetFor(result.extract);
    set({ current: result.extract, opening: null });
  },

  cancelOpening() {
    const opening = get().opening;
    if (opening && opening.phase !== 'choosing') void getHost().releaseExtract(opening.handle);
    set({ opening: get().current ? null : { phase: 'choosing' } });
  },

  closeExtract() {
    get().current?.engine.terminate();
    set({ current: null, opening: { phase: 'choosing' } });
  },
}));
