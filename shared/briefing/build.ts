/**
 * Builds a briefing pack from a computed pack: the chosen areas' values (each passed
 * through the disclosure rule given), the municipality's values, an overview map in one
 * indicator's classes, flags in words and notes. No count of persons is written.
 */
import type { LocalizedText } from '../indicators/pack';
import type { IndicatorPack } from '../indicators/pack';
import type { PackResults } from '../indicators/results';
import { BRIEFING_FORMAT, BRIEFING_VERSION, briefingSchema, type BriefingCityLife, type BriefingFigure, type BriefingPack } from './schema';

export interface BriefingArea {
  id: string;
  name: string;
  geometry: BriefingPack['areas'][number]['geometry'];
  flags: LocalizedText[];
  note: string;
}

export interface BriefingInput {
  title: string;
  pack: IndicatorPack;
  results: PackResults;
  municipality: { code: string; name: string };
  synthetic: boolean;
  layer: { id: string; label: LocalizedText };
  period: number;
  indicatorIds: readonly string[];
  areas: readonly BriefingArea[];
  overview: { indicatorId: string; classes: BriefingPack['overview']['classes']; colourOf(areaId: string): string };
  /**
   * Disclosure control, decided for the whole briefing beforehand (the attacker-checked value
   * export, shared/export/value-export.ts): why an area's value may not be shown, or null.
   */
  protect(cell: { indicatorId: string; areaId: string }): LocalizedText | null;
  /** Why the municipality's own value may not be shown (a tiny total), or null. */
  protectMunicipality(indicatorId: string): LocalizedText | null;
  minCellSize: number;
  now: Date;
  /** City-life registrations to go with the areas, when the analyst adds them. */
  cityLife?: BriefingCityLife;
}

const NO_POPULATION: LocalizedText = { da: 'ingen i populationen', en: 'no one in the population' };

export function buildBriefing(input: BriefingInput): BriefingPack {
  const indicators = input.indicatorIds.map((id) => {
    const def = input.pack.indicators.find((i) => i.id === id);
    if (!def) throw new Error(`the pack has no indicator "${id}"`);
    return def;
  });
  const cells = new Map(
    input.results.cells.filter((c) => c.layerId === input.layer.id && c.period === input.period).map((c) => [`${c.indicatorId}|${c.areaId}`, c]),
  );
  const municipality = new Map(input.results.municipality.filter((m) => m.period === input.period).map((m) => [m.indicatorId, m.value]));
  const briefing: BriefingPack = {
    format: BRIEFING_FORMAT,
    version: BRIEFING_VERSION,
    title: input.title,
    created: input.now.toISOString(),
    municipality: input.municipality,
    synthetic: input.synthetic,
    period: input.period,
    layer: input.layer,
    disclosure: {
      minCellSize: input.minCellSize,
      statement: {
        da: `Kun værdier pr. område (andele, rater, gennemsnit) og kommunens værdier; ingen antal personer. En værdi er udeladt, når dens tæller, nævner eller komplement er under ${input.minCellSize}, og flere værdier, hvor en udeladt ellers kunne regnes ud (angriberkontrol på de antal, værdierne afslører).`,
        en: `Only values per area (shares, rates, means) and the municipality's values; no counts of persons. A value is withheld when its numerator, denominator or complement is below ${input.minCellSize}, and further values where a withheld one could otherwise be worked out (attacker check on the counts the values give away).`,
      },
    },
    indicators: indicators.map((d) => ({ id: d.id, label: d.label, unit: d.unit, direction: d.direction, municipality: input.protectMunicipality(d.id) ? null : (municipality.get(d.id) ?? null) })),
    overview: { indicatorId: input.overview.indicatorId, classes: input.overview.classes },
    areas: input.areas.map((area) => {
      const figures: Record<string, BriefingFigure> = {};
      for (const d of indicators) {
        const cell = cells.get(`${d.id}|${area.id}`);
        if (!cell || cell.value === null || cell.denominator === 0) {
          figures[d.id] = { value: null, lower: null, upper: null, suppressed: NO_POPULATION };
          continue;
        }
        const reason = input.protect(cell);
        figures[d.id] = reason ? { value: null, lower: null, upper: null, suppressed: reason } : { value: cell.value, lower: cell.lower, upper: cell.upper, suppressed: null };
      }
      return { id: area.id, name: area.name, geometry: area.geometry, colour: input.overview.colourOf(area.id), figures, flags: area.flags, note: area.note };
    }),
  };
  if (input.cityLife) briefing.cityLife = input.cityLife;
  // What is written must read back: the schema is the contract with meeting mode.
  return briefingSchema.parse(briefing);
}
