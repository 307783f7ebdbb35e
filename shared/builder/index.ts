/**
 * The extract builder's public API, for the CLI (scripts/extract/cli.ts) and the app's
 * builder screen. Isomorphic: files come in as bytes, contents go out for buildArchive.
 */
export { buildExtract, validateInput, type BuildOptions, type BuildResult, type BuildStep, type ValidateOptions } from './build';
export type { InputFile } from './input-files';
export { formatReport, type BuildReport, type ColumnSummary, type TableSummary } from './report';
export type { LayerSummary } from './geo/read-layer';
export type { Problem } from './problems';
export type { ProblemCode, Severity } from './messages';
export { buildSpecSchema, SPEC_FILE, TABLE_KINDS, type BuildSpec, type TableSpec, type AreaLayerSpec, type ColumnSpec } from './spec';
export { SUPPORTED_CRS, type SupportedCrs } from './geo/crs';
export { createPseudonymiser, MIN_SECRET_LENGTH, type Pseudonymiser } from './pseudonym';
export { isLang, type Lang } from './text';
