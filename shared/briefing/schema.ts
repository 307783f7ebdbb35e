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

const polygonGeometry = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.any()),
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
