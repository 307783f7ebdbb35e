/**
 * The briefing pack: what a leader takes to a meeting. One file holding only aggregated,
 * disclosure-controlled figures for chosen areas — values and intervals, never counts of
 * persons, never microdata — plus the areas' outlines for an overview map, flags in words
 * and the analyst's notes. It opens with no extract at all (meeting mode), optionally
 * encrypted with a passphrase (age).
 */
import { z } from 'zod';

export const BRIEFING_FORMAT = 'bydelsmonitor-briefing';
export const BRIEFING_VERSION = '1.1';

const localized = z.object({ da: z.string(), en: z.string() }).strict();

/**
 * Bounds on an outline, far above any real area (a detailed district outline has a few
 * thousand positions) but enough to refuse what is not an outline; the file's size (64 MB,
 * limits.ts) bounds the total.
 */
export const MAX_RING_POSITIONS = 1_000_000;
export const MAX_POLYGON_RINGS = 10_000;
export const MAX_MULTIPOLYGON_PARTS = 10_000;

/** An RFC 7946 position in EPSG:4326: [longitude, latitude], an altitude may follow. */
export type OutlinePosition = [number, number] | [number, number, number];
/** An area's outline: a GeoJSON Polygon or MultiPolygon in EPSG:4326, as the extract's layers hold them. */
export type Outline = { type: 'Polygon'; coordinates: OutlinePosition[][] } | { type: 'MultiPolygon'; coordinates: OutlinePosition[][][] };

type OutlineProblem = { path: (string | number)[]; message: string };

function positionProblem(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) return 'a position must be [longitude, latitude] (an altitude may follow)';
  for (const v of p) if (typeof v !== 'number' || !Number.isFinite(v)) return 'a coordinate must be a finite number';
  const [lon, lat] = p as number[];
  if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90) return 'a position must be in degrees, longitude −180…180 and latitude −90…90 (EPSG:4326)';
  return null;
}

/** The first problem of a polygon's rings, its path relative to them; null when they are closed rings of valid positions. */
function polygonProblem(rings: unknown): OutlineProblem | null {
  if (!Array.isArray(rings) || rings.length === 0) return { path: [], message: 'a polygon must be a list of rings, the outer ring first' };
  if (rings.length > MAX_POLYGON_RINGS) return { path: [], message: `a polygon may have at most ${MAX_POLYGON_RINGS} rings` };
  for (let r = 0; r < rings.length; r++) {
    const ring: unknown = rings[r];
    if (!Array.isArray(ring) || ring.length < 4) return { path: [r], message: 'a ring must be a list of at least 4 positions' };
    if (ring.length > MAX_RING_POSITIONS) return { path: [r], message: `a ring may have at most ${MAX_RING_POSITIONS} positions` };
    for (let i = 0; i < ring.length; i++) {
      const problem = positionProblem(ring[i]);
      if (problem) return { path: [r, i], message: problem };
    }
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) return { path: [r], message: 'a ring must be closed (its last position equal to its first)' };
  }
  return null;
}

/** The first problem of an outline, or null. Walks the fixed Polygon/MultiPolygon levels only: no recursion on the input's depth. */
export function outlineProblem(geometry: unknown): OutlineProblem | null {
  if (typeof geometry !== 'object' || geometry === null || Array.isArray(geometry)) return { path: [], message: 'an outline must be a GeoJSON Polygon or MultiPolygon' };
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    const problem = polygonProblem(coordinates);
    return problem && { path: ['coordinates', ...problem.path], message: problem.message };
  }
  if (type !== 'MultiPolygon') return { path: ['type'], message: 'an outline must be a GeoJSON Polygon or MultiPolygon' };
  if (!Array.isArray(coordinates) || coordinates.length === 0) return { path: ['coordinates'], message: 'a MultiPolygon must be a list of polygons' };
  if (coordinates.length > MAX_MULTIPOLYGON_PARTS) return { path: ['coordinates'], message: `a MultiPolygon may have at most ${MAX_MULTIPOLYGON_PARTS} polygons` };
  for (let k = 0; k < coordinates.length; k++) {
    const problem = polygonProblem(coordinates[k]);
    if (problem) return { path: ['coordinates', k, ...problem.path], message: problem.message };
  }
  return null;
}

/**
 * An outline, checked by hand rather than by nested zod arrays: a detailed outline has
 * hundreds of thousands of positions, and zod would spend long on them and gather an issue
 * for each bad one (enough to overflow the stack); this stops at the first problem.
 */
const polygonGeometry = z.custom<Outline>().superRefine((value, ctx) => {
  const problem = outlineProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
});

const figure = z
  .object({
    /** The value (share 0–1, rate per person, DKK, …) or null when suppressed or empty. */
    value: z.number().nullable(),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
    /** Why the value is not shown (disclosure control, or no population). */
    suppressed: localized.nullable(),
  })
  .strict();

export const briefingSchema = z
  .object({
    format: z.literal(BRIEFING_FORMAT),
    version: z.string().regex(/^1\.\d+$/, 'a briefing pack of format version 1.x'),
    title: z.string().min(1).max(200),
    created: z.string().datetime({ offset: true }),
    municipality: z.object({ code: z.string(), name: z.string() }).strict(),
    synthetic: z.boolean(),
    period: z.number().int(),
    layer: z.object({ id: z.string(), label: localized }).strict(),
    /** How the figures were protected, in words, and the minimum cell size used. */
    disclosure: z.object({ minCellSize: z.number().int().min(1), statement: localized }).strict(),
    indicators: z
      .array(
        z
          .object({
            id: z.string(),
            label: localized,
            unit: z.enum(['share', 'per1000', 'dkk', 'mean', 'median', 'count']),
            direction: z.enum(['higher-is-worse', 'higher-is-better', 'context']),
            municipality: z.number().nullable(),
          })
          .strict(),
      )
      .min(1)
      .max(40),
    /** The overview map: the chosen areas, coloured by one indicator's classes. */
    overview: z
      .object({
        indicatorId: z.string(),
        classes: z.array(z.object({ lower: z.number(), upper: z.number(), colour: z.string().regex(/^#[0-9a-f]{6}$/i) }).strict()).max(9),
      })
      .strict(),
    areas: z
      .array(
        z
          .object({
            id: z.string(),
            name: z.string(),
            geometry: polygonGeometry.nullable(),
            colour: z.string().regex(/^#[0-9a-f]{6}$/i),
            figures: z.record(z.string(), figure),
            flags: z.array(localized).max(50),
            note: z.string().max(4000),
          })
          .strict(),
      )
      .min(1)
      .max(60),
    /**
     * City-life registrations (1.1): people per observed hour (or per count) by site, and an
     * evaluated intervention in words with its interval. Counts of people in public spaces,
     * no personal information.
     */
    cityLife: z
      .object({
        source: z.string().max(500),
        kind: z.enum(['moving', 'staying']),
        sites: z
          .array(
            z
              .object({
                name: z.string().max(200),
                rate: z.number().nullable(),
                weekdayRate: z.number().nullable(),
                weekendRate: z.number().nullable(),
                peakHour: z.number().int().min(0).max(23).nullable(),
              })
              .strict(),
          )
          .max(200),
        evaluation: z
          .object({
            siteName: z.string().max(200),
            comparisonSites: z.array(z.string().max(200)).max(200),
            rateRatio: z.number(),
            lower: z.number(),
            upper: z.number(),
            conclusion: localized,
            method: localized,
          })
          .strict()
          .nullable(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type BriefingCityLife = NonNullable<z.infer<typeof briefingSchema>['cityLife']>;

export type BriefingPack = z.infer<typeof briefingSchema>;
export type BriefingFigure = z.infer<typeof figure>;

export type BriefingParse = { ok: true; briefing: BriefingPack } | { ok: false; problem: { da: string; en: string } };

/** Reads a briefing pack's JSON text; a bad file gets a message that names the problem. */
export function parseBriefing(text: string): BriefingParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: { da: 'filen er ikke en mødepakke (ikke gyldig JSON)', en: 'the file is not a briefing pack (not valid JSON)' } };
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== BRIEFING_FORMAT) {
    return { ok: false, problem: { da: 'filen er ikke en mødepakke fra Bydelsmonitor', en: 'the file is not a Bydelsmonitor briefing pack' } };
  }
  const parsed = briefingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    return {
      ok: false,
      problem: {
        da: `mødepakken er ugyldig ved "${where}": ${issue?.message ?? ''}. Lav den igen i Bydelsmonitor`,
        en: `the briefing pack is invalid at "${where}": ${issue?.message ?? ''}. Make it again in Bydelsmonitor`,
      },
    };
  }
  return { ok: true, briefing: parsed.data };
}
