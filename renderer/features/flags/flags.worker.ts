/**
 * Computes the flags of one layer off the main thread (about a second for a whole pack),
 * so the map and every other panel stay responsive meanwhile. One worker per request;
 * it is terminated with the request.
 */
import { computeFlags, type FlagOptions } from '../../../shared/flags';
import type { IndicatorPack } from '../../../shared/indicators/pack';
import type { PackResults } from '../../../shared/indicators/results';

export interface FlagRequest {
  pack: IndicatorPack;
  results: PackResults;
  options: FlagOptions;
}

self.onmessage = (event: MessageEvent<FlagRequest>) => {
  const { pack, results, options } = event.data;
  try {
    self.postMessage({ ok: true, analysis: computeFlags(pack, results, options) });
  } catch (err) {
    self.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
