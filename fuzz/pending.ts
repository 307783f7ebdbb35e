/**
 * Known parser bugs the fuzzer found, pending a fix in shared/ (the fuzzer never fixes a
 * parser itself). A violation matching an entry is counted and printed, not failed, so the
 * suite stays green while the fix is pending; every other violation fails. When a bug is
 * fixed, delete its entry here (and its `pending` mark in corpus/regressions/index.json):
 * from then on the fuzzer and the regression replay hold the fix in place.
 */
import type { ViolationKind } from './target';

export interface PendingBug {
  /** Stable id, also used in corpus/regressions/index.json. */
  id: string;
  /** Targets where it shows. */
  targets: readonly string[];
  /** What is wrong, and where to fix it. */
  summary: string;
  kinds: readonly ViolationKind[];
  /** Matches the violation's message: narrow, so no other bug hides behind it. */
  message: RegExp;
  /** Matches the case's variant too, when given (hangs carry no message of their own). */
  variant?: RegExp;
}

export const PENDING: readonly PendingBug[] = [
  {
    id: 'unpack-null-feature',
    targets: ['extract-archive', 'extract-ciphertext'],
    summary:
      'shared/extract/unpack.ts unpackExtract: a layer whose "features" array holds null (e.g. {"type":"FeatureCollection","features":[null]}) throws TypeError "Cannot read properties of null (reading \'properties\')" at `feature.properties?.[…]` instead of ExtractError schema-mismatch. The app maps it to invalid-manifest with the raw text; `npm run compute` rethrows it (crash).',
    kinds: ['crash'],
    message: /^TypeError: Cannot read properties of (null|undefined) \(reading 'properties'\)$/,
  },
  {
    id: 'unpack-geometry-unchecked',
    targets: ['extract-archive', 'extract-ciphertext'],
    summary:
      'shared/extract/unpack.ts parseLayer checks only type/features and each id; geometry is cast, not checked. Features with geometry null, a Point/LineString, missing or non-numeric coordinates, non-finite or out-of-range positions, rings under 4 positions or unclosed are accepted, against docs/extract-format.md §5 and the GeoJsonFeature type. Refuse them (schema-mismatch naming layer and feature).',
    kinds: ['accepted-invalid'],
    message: /^\[layer-geometry\]/,
  },
  {
    id: 'unpack-duplicate-ids',
    targets: ['extract-archive', 'extract-ciphertext'],
    summary:
      'shared/extract/unpack.ts accepts a layer in which two features carry the same id; buildAreaMap then maps base areas twice and every figure of that area is counted twice, silently. The builder refuses this (geo-id-duplicate); the reader should too.',
    kinds: ['accepted-invalid'],
    message: /^\[layer-ids-unique\]/,
  },
  {
    id: 'unpack-no-size-limit',
    targets: ['extract-archive', 'extract-ciphertext'],
    summary:
      'shared/extract/unpack.ts unzip(): fflate unzipSync inflates every entry (also ones the manifest does not list) into buffers of the sizes the central directory declares, with no limit: 9 records sharing one 64 KiB deflate stream inflate to 576 MiB, a record declaring 4 GiB allocates 4 GiB. Check declared sizes (and count) against DEFAULT_MAX_EXTRACT_BYTES before inflating (fflate\'s filter option), inflate only listed entries, and refuse with too-large.',
    kinds: ['accepted-invalid', 'hang'],
    message: /^\[decompression-bomb\]|^case ran over its budget/,
    variant: /overlap-bomb|lying-size-huge/,
  },
  {
    id: 'unpack-layer-property-text',
    targets: ['extract-archive', 'extract-ciphertext'],
    summary:
      'shared/extract/unpack.ts accepts ids containing NUL and name/parent properties that are objects; the next step then throws raw errors: areaMapSql → literal() "invalid string literal (NUL character)", and buildAreaMap/layerView String(value) "Cannot convert object to primitive value" for e.g. {"toString":1}. The app shows schema-mismatch ("columns") for it. Check ids, names and parent ids as text without NUL when unpacking.',
    kinds: ['consumer-crash'],
    message: /^(buildAreaMap|layerView)[^]*threw (Error: invalid string literal \(NUL character\)|TypeError: Cannot convert object to primitive value)/,
  },
  {
    id: 'pack-deep-filter',
    targets: ['pack'],
    summary:
      'shared/indicators/schema.ts parsePack: a filter nested about 900+ levels deep in all/any groups (a 10 KB file) overflows the stack in zod\'s recursive filterNode (z.lazy) and RangeError escapes parsePack (safeParse does not catch it). Limit nesting depth before safeParse (e.g. walk the JSON iteratively, refuse beyond 32 levels) and report a problem.',
    kinds: ['crash'],
    message: /^RangeError: Maximum call stack size exceeded$/,
    variant: /deep-filter|json/,
  },
  {
    id: 'pack-nul-literal',
    targets: ['pack'],
    summary:
      'shared/indicators/schema.ts accepts string values with NUL (e.g. population[0].value "a\\u0000b"); compile.ts literal() then throws "invalid string literal (NUL character)" for every extract. Refuse NUL in the schema (a problem naming the field).',
    kinds: ['consumer-crash'],
    message: /^compilePackQuery[^]*invalid string literal \(NUL character\)/,
  },
  {
    id: 'briefing-geometry-unchecked',
    targets: ['briefing'],
    summary:
      'shared/briefing/schema.ts polygonGeometry has coordinates: z.array(z.any()); a briefing with coordinates [null], [1,2], strings or deep arrays is accepted, and meeting mode\'s projectAreas (renderer/features/meeting/overview-map.ts) then throws TypeError/RangeError or draws NaN. Validate positions (finite [lon, lat], rings) in the schema.',
    kinds: ['consumer-crash', 'accepted-invalid'],
    message: /^projectAreas|^\[briefing-geometry\]/,
  },
  {
    id: 'overview-map-many-vertices',
    targets: ['briefing'],
    summary:
      'renderer/features/meeting/overview-map.ts projectAreas spreads every position of every area into Math.min(...lons)/Math.max(...): with more than about 120 000 vertices in all (detailed outlines of 60 areas) it throws RangeError "Maximum call stack size exceeded" and meeting mode cannot show the briefing, though every outline is valid. Fold with a loop instead of spreading.',
    kinds: ['consumer-crash'],
    message: /^\[valid outlines\] projectAreas[^]*RangeError: Maximum call stack size exceeded/,
  },
  {
    id: 'builder-projection-nan',
    targets: ['builder'],
    summary:
      'shared/builder/geo/read-layer.ts project(): a position that does not project (e.g. easting 33 849 088 m in a shapefile in EPSG:25832) becomes NaN, is written as null into the extract\'s GeoJSON, and the build succeeds (only the outside-Denmark warning, whose NaN comparisons are false). Check projected coordinates are finite and report the feature.',
    kinds: ['accepted-invalid'],
    message: /^\[layer-geometry\]/,
  },
  {
    id: 'builder-deep-coordinates',
    targets: ['builder'],
    summary:
      'shared/builder/geo/read-layer.ts eachPosition() recurses once per array level of "coordinates": a GeoJSON layer nested ~10 000 levels deep (20 KB) overflows the stack and RangeError escapes readLayer and buildExtract (the CLI and the builder screen crash). readLayer is not wrapped like readTableFile. Walk iteratively or bound the depth (a position is at most 4 levels down in a MultiPolygon).',
    kinds: ['crash'],
    message: /^RangeError: Maximum call stack size exceeded$/,
    variant: /^geojson:/,
  },
  {
    id: 'citylife-show-deep',
    targets: ['citylife'],
    summary:
      'shared/citylife/issues.ts show(): for a deeply nested value (e.g. a PLDP survey "kind" that is an array nested 10 000 deep) JSON.stringify throws RangeError, and the fallback String(value) overflows again; RangeError escapes parsePldp. Fall back to a fixed text ("[…]") instead of String().',
    kinds: ['crash'],
    message: /^RangeError: Maximum call stack size exceeded$/,
    variant: /^pldp$/,
  },
  {
    id: 'citylife-time-range',
    targets: ['citylife'],
    summary:
      'shared/citylife: a PLDP time given as a number outside the Date range (e.g. "time_stop": -1e308) is taken as a time; building the message (time.ts formatPair → localDayNumber → Intl formatToParts) then throws RangeError "Invalid time value" out of parsePldp. Refuse times outside ±8.64e15 ms (bad-timestamp).',
    kinds: ['crash'],
    message: /^RangeError: Invalid time value$/,
  },
  {
    id: 'citylife-count-object',
    targets: ['citylife'],
    summary:
      'shared/citylife/values.ts readCount(): a count that is an object such as {"toString": []} reaches String(value) in the message, which throws TypeError "Cannot convert object to primitive value" out of parsePldp. Use show() (issues.ts) for the message.',
    kinds: ['crash'],
    message: /^TypeError: Cannot convert object to primitive value$/,
  },
  {
    id: 'age-lowercase-identity',
    targets: ['extract-ciphertext'],
    summary:
      'The two age paths accept different secrets: an identity written in lower case (age-secret-key-1…) opens the file on the Node path (electron/services/age) but the pure-JS path (shared/extract/decrypt.ts addSecret → age-encryption addIdentity) refuses it as wrong-secret "the key is not an age identity". Normalise case in addSecret (bech32 is case-insensitive, never mixed).',
    kinds: ['differential'],
    message: /^the pure-JS path refuses it: wrong-secret \(the key is not an age identity[^]*the Node path opens it/,
    variant: /\|id-lower$/,
  },
  {
    id: 'age-refusal-codes',
    targets: ['extract-ciphertext'],
    summary:
      'Both age paths refuse, with different codes: the pure-JS path judges the secret (identity shape, passphrase vs keys) and the scrypt work factor before the whole header is known well-formed, the Node path parses the header first (wrong-secret/not-an-extract vs damaged); and a header with no stanzas is not-an-extract "recipient types this app does not open ()" (empty list) in pure JS but damaged on Node. decrypt.ts promises the same codes.',
    kinds: ['differential'],
    message: /^the pure-JS path refuses it: [a-z-]+[ ;][^]*the Node path refuses it: [a-z-]+/,
  },
];

export function matchPending(target: string, outcome: { kind: ViolationKind; message: string }, variant = ''): PendingBug | null {
  return (
    PENDING.find(
      (bug) => bug.targets.includes(target) && bug.kinds.includes(outcome.kind) && bug.message.test(outcome.message) && (!bug.variant || bug.variant.test(variant)),
    ) ?? null
  );
}
