/**
 * A seeded, deterministic synthetic municipality: "Sundby Kommune (fiktiv)", 84 base
 * districts in 8 bydele with 4 housing estates, a 10-year person-period panel, events and
 * planted cases with their ground truth. Pure: no I/O, no clock, no Math.random.
 */
import { districtNames, groupBydele, nameAreas } from './areas.ts';
import { buildTessellation, makeProjector, polygonOf, ringCentroid, unionRings, UTM32_PROJ4 } from './geometry.ts';
import type { Tessellation } from './geometry.ts';
import { computeGroundTruth } from './ground-truth.ts';
import { makePlan } from './plan.ts';
import { CLUSTER_RATIO, PERIODS, simulatePopulation } from './population.ts';
import { Rng } from './random.ts';
import type {
  AreaLayers,
  BydelProperties,
  DistrictProperties,
  EstateProperties,
  Feature,
  GenerateOptions,
  SyntheticMunicipality,
} from './types.ts';

export type * from './types.ts';

export const MUNICIPALITY_CODE = '0999';
export const MUNICIPALITY_NAME = 'Sundby Kommune (fiktiv)';
export const DISTRICT_COUNT = 84;

function tessellate(root: Rng): Tessellation {
  // A rare degenerate draw is retried on the next stream, so each seed still has one answer.
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 25; attempt++) {
    try {
      return buildTessellation(root.fork(`geometry/${attempt}`), DISTRICT_COUNT);
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`could not build the district tessellation: ${String(lastError)}`);
}

export function generateMunicipality(options: GenerateOptions): SyntheticMunicipality {
  const { seed } = options;
  const scale = options.scale ?? 1;
  if (!Number.isFinite(seed)) throw new Error('seed must be a finite number');
  if (!Number.isFinite(scale) || scale <= 0) throw new Error('scale must be a positive number');

  const root = Rng.fromSeed(seed, 'sundby');
  const tess = tessellate(root);
  const n = tess.cells.length;
  const group = groupBydele(root.fork('bydele'), tess.centroids, tess.areas, tess.rook);
  const outlineCentroid = ringCentroid(tess.outline.slice(0, -1));
  const naming = nameAreas(tess.centroids, tess.areas, group, outlineCentroid);
  const names = districtNames(root.fork('names'), n);
  const plan = makePlan(root.fork('plan'), tess, { code: naming.districtCode, name: names, group }, scale);

  // Estate ids follow their first district's code, so the kind cannot be read from the id.
  const estateOrder = plan.estates
    .map((e, k) => ({ k, first: Math.min(...e.districts.map((d) => Number(naming.districtCode[d]))) }))
    .sort((x, y) => x.first - y.first);
  const estateId: string[] = new Array<string>(plan.estates.length).fill('');
  estateOrder.forEach((e, j) => {
    estateId[e.k] = `BO${j + 1}`;
  });
  // Estate districts take the estate's name (split by direction when the estate has two).
  const districtName = names.slice();
  plan.estates.forEach((est) => {
    if (est.districts.length === 1) {
      districtName[est.districts[0]!] = est.name;
      return;
    }
    const [a, b] = est.districts as [number, number];
    const ca = tess.centroids[a]!;
    const cb = tess.centroids[b]!;
    const ns = Math.abs(ca[1] - cb[1]) >= Math.abs(ca[0] - cb[0]);
    const aFirst = ns ? ca[1] > cb[1] : ca[0] > cb[0];
    const [first, second] = ns ? ['Nord', 'Syd'] : ['Øst', 'Vest'];
    districtName[a] = `${est.name} ${aFirst ? first : second}`;
    districtName[b] = `${est.name} ${aFirst ? second : first}`;
  });
  plan.districts.forEach((d, i) => {
    d.name = districtName[i]!;
  });

  const sim = simulatePopulation(root.fork('population'), plan);

  // Layers in EPSG:25832, districts sorted by code.
  const code = naming.districtCode;
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => code[x]!.localeCompare(code[y]!));
  const bydelId = (k: number) => String(naming.bydelNumber[k]);
  const districtFeatures: Feature<DistrictProperties>[] = order.map((i) => ({
    type: 'Feature',
    properties: {
      area_id: code[i]!,
      name: districtName[i]!,
      bydel_id: bydelId(group[i]!),
      boligomraade_id: plan.districts[i]!.estate === null ? null : estateId[plan.districts[i]!.estate!]!,
    },
    geometry: polygonOf(tess.cells[i]!),
  }));
  const bydelOrder = Array.from({ length: naming.bydelNumber.length }, (_, k) => k).sort(
    (x, y) => naming.bydelNumber[x]! - naming.bydelNumber[y]!,
  );
  const bydelFeatures: Feature<BydelProperties>[] = bydelOrder.map((k) => ({
    type: 'Feature',
    properties: { area_id: bydelId(k), name: naming.bydelName[k]! },
    geometry: unionRings(order.filter((i) => group[i] === k).map((i) => tess.cells[i]!)),
  }));
  const estateFeatures: Feature<EstateProperties>[] = estateOrder.map(({ k }) => {
    const est = plan.estates[k]!;
    const ids = est.districts.slice().sort((x, y) => code[x]!.localeCompare(code[y]!));
    return {
      type: 'Feature',
      properties: { area_id: estateId[k]!, name: est.name, district_ids: ids.map((i) => code[i]!) },
      geometry: unionRings(ids.map((i) => tess.cells[i]!)),
    };
  });
  const layers25832: AreaLayers = {
    basisdistrikt: { type: 'FeatureCollection', features: districtFeatures },
    bydel: { type: 'FeatureCollection', features: bydelFeatures },
    boligomraade: { type: 'FeatureCollection', features: estateFeatures },
  };
  const project = makeProjector();
  const reproject = <P>(features: Feature<P>[]): Feature<P>[] =>
    features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: project(f.geometry) }));
  const layers: AreaLayers = {
    basisdistrikt: { type: 'FeatureCollection', features: reproject(districtFeatures) },
    bydel: { type: 'FeatureCollection', features: reproject(bydelFeatures) },
    boligomraade: { type: 'FeatureCollection', features: reproject(estateFeatures) },
  };
  const outline25832 = polygonOf(tess.outline);
  const outline = project(outline25832) as SyntheticMunicipality['outline'];

  const toCodes = (ids: number[]) => ids.map((i) => code[i]!).sort();
  const adjacency: Record<string, string[]> = {};
  const rookAdjacency: Record<string, string[]> = {};
  for (const i of order) {
    adjacency[code[i]!] = toCodes(tess.queen[i]!);
    rookAdjacency[code[i]!] = toCodes(tess.rook[i]!);
  }

  const groundTruth = computeGroundTruth({
    seed,
    scale,
    municipalityCode: MUNICIPALITY_CODE,
    periods: PERIODS,
    districtCodes: order.map((i) => code[i]!),
    persons: sim.persons,
    events: sim.events,
    estates: plan.estates.map((e, k) => ({
      id: estateId[k]!,
      name: e.name,
      districtIds: toCodes(e.districts),
      kind: e.kind,
    })),
    cluster: toCodes(plan.cluster),
    clusterTargetRatio: CLUSTER_RATIO,
    decoys: toCodes(plan.decoys),
    worsening: toCodes(plan.worsening),
  });

  return {
    municipality: {
      code: MUNICIPALITY_CODE,
      name: MUNICIPALITY_NAME,
      seed,
      scale,
      periods: PERIODS.slice(),
      crs: { output: 'EPSG:4326', source: 'EPSG:25832', proj4Source: UTM32_PROJ4 },
    },
    layers,
    layers25832,
    outline,
    outline25832,
    adjacency,
    rookAdjacency,
    persons: sim.persons,
    events: sim.events,
    groundTruth,
  };
}
