/**
 * Computes one indicator pack on the open extract's engine. Run when an extract opens and
 * again whenever the analyst picks another pack, so switching packs never reopens the
 * extract. A pack written for another extract is refused before any SQL runs, with the
 * indicator and field named (checkPackAgainstExtract).
 */
import type { ExtractManifest } from '../../shared/extract/manifest';
import type { GeoJsonFeatureCollection } from '../../shared/extract/unpack';
import type { AreaMap } from '../../shared/indicators/areas';
import type { IndicatorPack } from '../../shared/indicators/pack';
import { computeComposite, type CompositeResult } from '../../shared/indicators/composite';
import { checkPackAgainstExtract } from '../../shared/indicators/pack-columns';
import type { IndicatorResults, PackResults } from '../../shared/indicators/results';
import { computePack, type SqlRunner } from '../../shared/indicators/run';
import type { PackProblem } from '../../shared/indicators/schema';

export interface PackAnalysis {
  pack: IndicatorPack;
  /** Base-layer cells and municipality values, for the map and panel. */
  results: IndicatorResults;
  /** Every layer, every indicator of the pack (values, intervals, references). */
  packResults: PackResults;
  areaMap: AreaMap;
  /** The pack's composite index over the base layer's areas (null: the pack defines none). */
  composite: CompositeResult | null;
}

export type AnalyseResult = { ok: true; analysis: PackAnalysis } | { ok: false; problems: PackProblem[] };

export async function analysePack(
  runner: SqlRunner,
  pack: IndicatorPack,
  manifest: ExtractManifest,
  layers: ReadonlyMap<string, GeoJsonFeatureCollection>,
): Promise<AnalyseResult> {
  const problems = checkPackAgainstExtract(pack, manifest);
  if (problems.length > 0) return { ok: false, problems };
  const computed = await computePack(runner, pack.indicators, manifest, layers);
  const results: IndicatorResults = {
    cells: computed.results.cells
      .filter((c) => c.layerId === manifest.baseLayer)
      .map(({ indicatorId, period, areaId, numerator, denominator, value, lower, upper, small }) => ({
        indicatorId, period, areaId, numerator, denominator, value, lower, upper, small,
      })),
    municipality: computed.results.municipality.map(({ indicatorId, period, numerator, denominator, value }) => ({
      indicatorId, period, numerator: numerator ?? 0, denominator, value,
    })),
  };
  const composite = computeComposite(pack, computed.results, { layerId: manifest.baseLayer, areaMap: computed.areaMap });
  return { ok: true, analysis: { pack, results, packResults: computed.results, areaMap: computed.areaMap, composite } };
}
