/**
 * The flags of the layer in view, computed in a worker (so the map and panels never wait
 * for them; a "computing" status shows), again whenever the pack, layer or flag settings
 * change. A superseded computation's worker is terminated.
 */
import { useEffect, useState } from 'react';
import type { FlagAnalysis } from '../../../shared/flags';
import type { FlagRequest } from './flags.worker';
import type { IndicatorPack } from '../../../shared/indicators/pack';
import type { PackResults } from '../../../shared/indicators/results';
import type { PolygonFeatureCollection } from '../../../shared/stats/spatial';
import type { LayerView } from '../map/layer-view';

export interface FlagSettingsView {
  overdispersion: 'none' | 'multiplicative' | 'additive';
  fdr: boolean;
  includeContested: boolean;
  watchMargin: number;
  /** The list shows every period's flags, or only the period in view's (all are computed once). */
  allPeriods: boolean;
}

export const DEFAULT_FLAG_SETTINGS: FlagSettingsView = { overdispersion: 'additive', fdr: false, includeContested: false, watchMargin: 0.1, allPeriods: false };

/** While computing, the previous analysis (if any) stays on screen, marked as being updated. */
export type FlagState =
  | { status: 'computing'; previous: FlagAnalysis | null }
  | { status: 'ready'; analysis: FlagAnalysis; millis: number }
  | { status: 'failed'; message: string };

export function useFlagAnalysis(pack: IndicatorPack, results: PackResults, view: LayerView, settings: FlagSettingsView): FlagState {
  const [state, setState] = useState<FlagState>({ status: 'computing', previous: null });
  // Every period at once, so changing the period never sends the results to a worker again
  // (cloning them is the costly part on the main thread); the list filters by period.
  useEffect(() => {
    // A new layer or pack makes the previous flags wrong, not just old: drop them then.
    setState((old) => ({ status: 'computing', previous: old.status === 'ready' && old.analysis.layerId === view.layerId && sameFlagPack(old.analysis, pack) ? old.analysis : null }));
    const started = performance.now();
    const worker = new Worker(new URL('./flags.worker.ts', import.meta.url), { type: 'module' });
    const request: FlagRequest = {
      pack,
      results,
      options: {
        layerId: view.layerId,
        geometry: view.geometry as unknown as PolygonFeatureCollection,
        idProperty: view.idProperty,
        overdispersion: settings.overdispersion,
        fdr: settings.fdr,
        includeContested: settings.includeContested,
        watchMargin: settings.watchMargin,
        areaNames: new Map(view.areas.map((a) => [a.id, a.name])),
      },
    };
    worker.onmessage = (event: MessageEvent<{ ok: true; analysis: FlagAnalysis } | { ok: false; message: string }>) => {
      const answer = event.data;
      setState(answer.ok ? { status: 'ready', analysis: answer.analysis, millis: performance.now() - started } : { status: 'failed', message: answer.message });
      worker.terminate();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      setState({ status: 'failed', message: event.message || 'the flags worker stopped' });
      worker.terminate();
    };
    worker.postMessage(request);
    return () => worker.terminate();
  }, [pack, results, view, settings.overdispersion, settings.fdr, settings.includeContested, settings.watchMargin]);
  return state;
}

function sameFlagPack(analysis: FlagAnalysis, pack: IndicatorPack): boolean {
  return analysis.flags.every((f) => f.indicatorId === null || pack.indicators.some((i) => i.id === f.indicatorId));
}
