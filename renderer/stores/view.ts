/** What the analyst is looking at: indicator, period, selected area, language. */
import { create } from 'zustand';
import type { Language } from '../../shared/i18n/messages';
import type { IndicatorPack } from '../../shared/indicators/pack';
import type { LoadedExtract } from '../engine/open-extract';
import { COMPOSITE_ID } from '../features/composite/composite-view';
import type { RateSmoothing } from '../features/map/smoothing';
import { MAX_COMPARED } from '../features/compare/compare-columns';
import type { SavedView } from './saved-view';
import { DEFAULT_FLAG_SETTINGS, type FlagSettingsView } from '../features/flags/use-flag-analysis';
import type { ClassMethod } from '../../shared/stats/classify';

interface ViewState {
  language: Language;
  indicatorId: string;
  period: number;
  selectedAreaId: string | null;
  /** The area layer on the map (basisdistrikt, bydel, boligområde, …). */
  layerId: string;
  setLayer(layerId: string): void;
  /** Areas of the layer in view compared side by side (at most MAX_COMPARED). */
  compareIds: string[];
  toggleCompare(areaId: string): void;
  clearCompare(): void;
  /** How flags are computed (funnel over-dispersion, false-discovery control, contested criterion). */
  flagSettings: FlagSettingsView;
  setFlagSettings(settings: FlagSettingsView): void;
  /** "Change since" this period on the map (null: the values themselves). */
  baseline: number | null;
  setBaseline(baseline: number | null): void;
  /** The map's rates: raw, or empirical Bayes smoothed (the panel always shows raw values). */
  smoothing: RateSmoothing;
  setSmoothing(smoothing: RateSmoothing): void;
  /** How the map's classes are cut. */
  classMethod: ClassMethod;
  setClassMethod(method: ClassMethod): void;
  setLanguage(language: Language): void;
  setIndicator(id: string): void;
  setPeriod(period: number): void;
  selectArea(id: string | null): void;
  resetFor(extract: LoadedExtract): void;
  /** Applies a saved view (already checked against the extract). */
  restore(view: Partial<SavedView>): void;
  /** Another pack is shown: keep the indicator if the new pack has it, else its first. */
  showPack(pack: IndicatorPack): void;
}

const LANGUAGE_KEY = 'bydelsmonitor.language';

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(LANGUAGE_KEY);
  return stored === 'en' ? 'en' : 'da';
}

export const useViewStore = create<ViewState>()((set) => ({
  language: initialLanguage(),
  indicatorId: '',
  period: 0,
  selectedAreaId: null,
  layerId: '',
  // Another layer has other areas: the selection does not carry over.
  setLayer: (layerId) => set({ layerId, selectedAreaId: null, compareIds: [] }),
  compareIds: [],
  toggleCompare: (areaId) =>
    set((state) => ({
      compareIds: state.compareIds.includes(areaId)
        ? state.compareIds.filter((id) => id !== areaId)
        : state.compareIds.length < MAX_COMPARED
          ? [...state.compareIds, areaId]
          : state.compareIds,
    })),
  clearCompare: () => set({ compareIds: [] }),
  flagSettings: DEFAULT_FLAG_SETTINGS,
  setFlagSettings: (flagSettings) => set({ flagSettings }),
  baseline: null,
  setBaseline: (baseline) => set({ baseline }),
  smoothing: 'raw',
  setSmoothing: (smoothing) => set({ smoothing }),
  classMethod: 'quantile',
  setClassMethod: (classMethod) => set({ classMethod }),
  setLanguage(language) {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
    document.documentElement.lang = language;
    set({ language });
  },
  setIndicator: (indicatorId) => set({ indicatorId }),
  setPeriod: (period) => set({ period }),
  selectArea: (selectedAreaId) => set({ selectedAreaId }),
  resetFor(extract) {
    set({
      indicatorId: extract.analysis.pack.indicators[0]?.id ?? '',
      period: extract.manifest.periods[extract.manifest.periods.length - 1] ?? 0,
      selectedAreaId: null,
      layerId: extract.manifest.baseLayer,
      compareIds: [],
      baseline: null,
      smoothing: 'raw',
    });
  },
  restore(view) {
    const { packId: _packId, ...rest } = view;
    set(rest);
  },
  showPack(pack) {
    set((state) => ({
      // The composite index stays chosen when the new pack has one too (else the Workspace falls back).
      indicatorId: state.indicatorId === COMPOSITE_ID || pack.indicators.some((i) => i.id === state.indicatorId) ? state.indicatorId : (pack.indicators[0]?.id ?? ''),
    }));
  },
}));
