/**
 * City-life state: the registrations in view (from the extract or a file), which kind and
 * sites are shown. Dropped with the extract: closing, locking or replacing it clears it.
 */
import { create } from 'zustand';
import type { CityLifeStudy, RegistrationKind } from '../../shared/citylife/model';
import type { Issue, ParseResult } from '../../shared/citylife/issues';
import type { Evaluation } from '../../shared/citylife/evaluate';
import { useSessionStore } from './session';

export interface CityLifeRefusal {
  source: string;
  problems: Issue[];
  problemCount: number;
}

interface CityLifeState {
  open: boolean;
  loading: boolean;
  study: CityLifeStudy | null;
  /** Counts studies loaded, so that views holding choices about one start afresh with the next. */
  loads: number;
  /** "the extract" or the file names. */
  source: string;
  warnings: Issue[];
  refusal: CityLifeRefusal | null;
  kind: RegistrationKind;
  /** Sites in the views; empty = all. */
  siteIds: string[];
  /** The last evaluation that succeeded. */
  evaluation: Evaluation | null;
  /** Whether the briefing pack takes the sites and the evaluation. */
  inBriefing: boolean;
  show(): void;
  hide(): void;
  setLoading(): void;
  /** A refused file leaves the registrations in view as they were. */
  accept(result: ParseResult, source: string): void;
  setKind(kind: RegistrationKind): void;
  setSiteIds(ids: string[]): void;
  setEvaluation(evaluation: Evaluation | null): void;
  setInBriefing(on: boolean): void;
  clear(): void;
}

const EMPTY = { loading: false, study: null, source: '', warnings: [], refusal: null, kind: 'moving' as const, siteIds: [], evaluation: null, inBriefing: false };

export const useCityLifeStore = create<CityLifeState>()((set, get) => ({
  open: false,
  loads: 0,
  ...EMPTY,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
  setLoading: () => set({ loading: true, refusal: null }),
  accept(result, source) {
    if (!result.ok) {
      set({ loading: false, refusal: { source, problems: result.problems, problemCount: result.problemCount } });
      return;
    }
    const hasMoving = result.study.counts.some((c) => c.kind === 'moving');
    set({ loading: false, refusal: null, study: result.study, loads: get().loads + 1, source, warnings: result.warnings, kind: hasMoving ? 'moving' : 'staying', siteIds: [], evaluation: null });
  },
  setKind: (kind) => set({ kind }),
  setSiteIds: (siteIds) => set({ siteIds }),
  setEvaluation: (evaluation) => set({ evaluation }),
  setInBriefing: (inBriefing) => set({ inBriefing }),
  clear: () => set({ open: false, ...EMPTY }),
}));

// Registrations go with the extract they were opened beside.
useSessionStore.subscribe((state, previous) => {
  if (state.current?.engine !== previous.current?.engine) useCityLifeStore.getState().clear();
});
