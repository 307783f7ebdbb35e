/**
 * Session state: which extract is open, and the attempt to open another.
 * The open extract is replaced only when a new one has loaded completely, so a failed
 * attempt leaves it intact.
 */
import { create } from 'zustand';
import type { ExtractHandle, OpenSecret } from '../../shared/host/contract';
import type { ExtractErrorInfo } from '../../shared/extract/errors';
import type { IndicatorPack } from '../../shared/indicators/pack';
import { getHost } from '../host';
import { analysePack } from '../engine/analyse-pack';
import { openExtract, type LoadStage, type LoadedExtract } from '../engine/open-extract';
import { usePacksStore } from './packs';
import { useViewStore } from './view';
import { extractKey, loadView, saveView, validView, type SavedView } from './saved-view';

/** Why an open extract was dropped and its key is asked for again. */
export type LockReason = { kind: 'idle'; minutes: number } | { kind: 'manual' } | { kind: 'system' } | { kind: 'closed-engine'; detail: string };

export type OpeningState =
  | { phase: 'choosing'; error?: ExtractErrorInfo }
  | { phase: 'passphrase'; handle: ExtractHandle; error?: ExtractErrorInfo; locked?: LockReason }
  | { phase: 'loading'; handle: ExtractHandle; stage: LoadStage };

interface SessionState {
  opening: OpeningState | null;
  current: LoadedExtract | null;
  /** The id of a pack being computed on the open extract, if any. */
  computingPackId: string | null;
  startOpening(): void;
  chooseDemo(): Promise<void>;
  chooseFile(): Promise<void>;
  submitSecret(secret: OpenSecret): Promise<void>;
  cancelOpening(): void;
  closeExtract(): void;
  /**
   * Drops the open extract (the engine's worker is terminated, every decrypted byte and result
   * with it) and asks for its key again; the analyst's choices are kept and restored on reopening.
   */
  lock(reason: LockReason): void;
  /** Computes another pack on the open extract; on failure the current pack stays and the problems are shown. */
  choosePack(pack: IndicatorPack): Promise<boolean>;
}

function unexpected(err: unknown): ExtractErrorInfo {
  return { code: 'unreadable-file', detail: err instanceof Error ? err.message : String(err) };
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  opening: { phase: 'choosing' },
  current: null,
  computingPackId: null,

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
    const result = await openExtract(getHost(), handle, secret, usePacksStore.getState().chosen(), (stage) =>
      set({ opening: { phase: 'loading', handle, stage } }),
    ).catch((err: unknown) => ({ ok: false as const, error: unexpected(err) }));
    if (!result.ok) {
      set({ opening: { phase: 'passphrase', handle, error: result.error, ...(opening.locked ? { locked: opening.locked } : {}) } });
      return;
    }
    const previous = get().current;
    previous?.engine.terminate();
    // The handle (a reference to the encrypted file, no plaintext) stays while the extract is
    // open, so that a lock can ask for the key again; the replaced extract's is released.
    if (previous && previous.handle.id !== handle.id) void getHost().releaseExtract(previous.handle);
    stopSaving();
    useViewStore.getState().resetFor(result.extract);
    set({ current: result.extract, opening: null });
    result.extract.engine.onFailure((failure) => {
      if (get().current?.engine === result.extract.engine) get().lock({ kind: 'closed-engine', detail: failure.message });
    });
    await resumeView(result.extract, get().choosePack);
  },

  cancelOpening() {
    const opening = get().opening;
    const current = get().current;
    if (opening && opening.phase !== 'choosing' && opening.handle.id !== current?.handle.id) void getHost().releaseExtract(opening.handle);
    set({ opening: current ? null : { phase: 'choosing' } });
  },

  closeExtract() {
    stopSaving();
    const current = get().current;
    current?.engine.terminate();
    if (current) void getHost().releaseExtract(current.handle);
    set({ current: null, opening: { phase: 'choosing' }, computingPackId: null });
  },

  lock(reason) {
    const current = get().current;
    if (!current) return;
    stopSaving();
    current.engine.terminate();
    set({ current: null, opening: { phase: 'passphrase', handle: current.handle, locked: reason }, computingPackId: null });
  },

  async choosePack(pack) {
    const packs = usePacksStore.getState();
    const current = get().current;
    if (!current) {
      packs.adopt(pack);
      return true;
    }
    set({ computingPackId: pack.id });
    try {
      const result = await analysePack(current.engine, pack, current.manifest, current.layers);
      // The extract was closed or replaced while this pack was computed: drop the result.
      if (get().current !== current) return false;
      if (!result.ok) {
        packs.showProblems({ source: pack.label, problems: result.problems });
        return false;
      }
      // Only a pack that computed on this extract joins the list (a refused one never does).
      packs.adopt(pack);
      useViewStore.getState().showPack(result.analysis.pack);
      set({ current: { ...current, analysis: result.analysis } });
      return true;
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      packs.showProblems({
        source: pack.label,
        problems: [{ indicatorId: null, field: '', message: { da: `pakken kunne ikke beregnes på dette udtræk (${detail})`, en: `the pack could not be computed on this extract (${detail})` } }],
      });
      return false;
    } finally {
      set({ computingPackId: null });
    }
  },
}));

// ---------------------------------------------------------------------------------------
// The view of an extract survives closing and reopening it (ids and choices only).

let unsubscribe: (() => void) | null = null;

function stopSaving(): void {
  unsubscribe?.();
  unsubscribe = null;
}

function currentView(): SavedView {
  const v = useViewStore.getState();
  return {
    packId: usePacksStore.getState().chosenId,
    indicatorId: v.indicatorId,
    period: v.period,
    layerId: v.layerId,
    selectedAreaId: v.selectedAreaId,
    compareIds: v.compareIds,
    baseline: v.baseline,
    smoothing: v.smoothing,
    classMethod: v.classMethod,
  };
}

async function resumeView(extract: LoadedExtract, choosePack: (pack: IndicatorPack) => Promise<boolean>): Promise<void> {
  const key = extractKey(extract.manifest);
  const saved = loadView(key);
  if (saved) {
    const view = validView(saved, extract.manifest, new Set(extract.areas.map((a) => a.id)));
    const packs = usePacksStore.getState();
    // A pack of the analyst's own is only known in the session that loaded it.
    const pack = packs.all().find((p) => p.id === view.packId);
    if (pack && pack.id !== packs.chosenId) await choosePack(pack);
    useViewStore.getState().restore(view);
  }
  const save = () => saveView(key, currentView());
  const offView = useViewStore.subscribe(save);
  const offPacks = usePacksStore.subscribe(save);
  unsubscribe = () => {
    offView();
    offPacks();
  };
}
