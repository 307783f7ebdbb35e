/** Spatial statistics: contiguity weights, global and local Moran's I, Getis–Ord Gi*. */
export {
  DEFAULT_TOLERANCE,
  adjacencyRecord,
  areaCount,
  cardinality,
  contiguityWeights,
  contiguityWeightsBoth,
  neighboursOf,
  rowStandardise,
  subsetWeights,
  weightsFromAdjacency,
  weightsFromNeighbourLists,
  type ContiguityKind,
  type ContiguityOptions,
  type PolygonFeatureCollection,
  type SpatialWeights,
} from './weights';
export { DistinctSampler, Xoshiro128, shuffleInPlace } from './random';
export {
  DEFAULT_PERMUTATIONS,
  DEFAULT_SEED,
  conditionalPermutation,
  prepareValues,
  type NoStatisticReason,
  type PermutationCounts,
  type PermutationOptions,
  type PermutationScheme,
  type PreparedValues,
} from './conditional';
export { benjaminiHochberg, foldedPseudoP, significanceCutoff, type Correction } from './significance';
export {
  globalMoran,
  localMoran,
  type GlobalMoranOptions,
  type GlobalMoranResult,
  type LocalMoranArea,
  type LocalMoranResult,
  type LocalOptions,
  type Quadrant,
  type SignificanceOptions,
} from './moran';
export { getisOrdGiStar, type GiStarArea, type GiStarResult, type HotCold } from './getis-ord';
export { localStatistics, type LocalStatisticsResult } from './local';
