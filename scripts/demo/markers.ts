/**
 * Marker pseudonyms planted in the demo extract, so that tests can look for decrypted data
 * where it must never be: on disk outside exports (e2e/browser/plaintext-on-disk.spec.ts), in
 * logs, in exports. A handful of persons of the seeded generator keep every value they have;
 * only their pseudonym becomes a marker, the same in all their periods and events.
 *
 * A marker is the person's own pseudonym with a suffix (`P…-BMMARK-<tag>-000<n>`). Sorting
 * by pseudonym (the Parquet row order) therefore puts every row exactly where it was, so no
 * aggregate, not even a floating-point sum in scan order, can move. The original pseudonym
 * is gone from the extract: it too is unique to the marked person, and the e2e scan looks
 * for it, for the tag and for the whole marker.
 */

export interface MarkedPerson {
  /** The generator's pseudonym (seed 20250101, scale 1). */
  readonly original: string;
  /** The pseudonym the demo extract holds instead. */
  readonly marker: string;
  /** A distinctive part of the marker that occurs nowhere else (for scanners). */
  readonly tag: string;
}

/** Distinct per marker, so that no marker's tag repeats another's (compressors copy repeats). */
const TAGS = ['7Q2X', 'K4VD', 'W9HM', 'C3TR', 'Z8PN', 'F6JB', 'Y5LG'] as const;

const marked = (original: string, index: number): MarkedPerson => {
  const tag = `BMMARK-${TAGS[index]!}-${String(index + 1).padStart(4, '0')}`;
  return { original, marker: `${original}-${tag}`, tag };
};

/**
 * The marked persons of the demo: what `chooseMarkedPersons` picks from the demo's generator
 * output (scripts/demo/markers.test.ts checks that it still does). Kept as constants so that
 * end-to-end tests need not run the generator.
 */
export const DEMO_MARKED_PERSONS: readonly MarkedPerson[] = [
  'P4FQTKOQYTUFZ',
  'PAVDESW5WU4WE',
  'PFLZPCNEKKILY',
  'PK3OYEWF7FDGE',
  'PON5V7ERQISM7',
  'PT4S3OFJ247G2',
  'PXT2WJ5NQVOIE',
].map((original, i) => marked(original, i));

/** Every string a scanner should look for: whole markers, original pseudonyms and tags. */
export function markerNeedles(persons: readonly MarkedPerson[] = DEMO_MARKED_PERSONS): { marker: string; needle: string }[] {
  return persons.flatMap((p) => [
    { marker: p.marker, needle: p.marker },
    { marker: p.marker, needle: p.original },
    { marker: p.marker, needle: p.tag },
  ]);
}

/**
 * The deterministic choice: persons present in every period who have at least one event (so
 * that markers are in both tables), in pseudonym order, evenly spaced.
 */
export function chooseMarkedPersons(
  persons: { readonly period: readonly number[]; readonly person_id: readonly string[] },
  events: { readonly person_id: readonly string[] },
  periodCount: number,
  count = TAGS.length,
): string[] {
  const periods = new Map<string, Set<number>>();
  persons.person_id.forEach((id, i) => {
    let set = periods.get(id);
    if (!set) periods.set(id, (set = new Set()));
    set.add(persons.period[i]!);
  });
  const withEvents = new Set(events.person_id);
  const candidates = [...periods]
    .filter(([id, set]) => set.size === periodCount && withEvents.has(id))
    .map(([id]) => id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (candidates.length < count) throw new Error(`only ${candidates.length} candidates for ${count} marked persons`);
  return Array.from({ length: count }, (_, i) => candidates[Math.floor(((i + 0.5) * candidates.length) / count)]!);
}

/** Replaces the marked persons' pseudonyms in a column; every other value is returned as is. */
export function plantMarkers(personIds: readonly string[], persons: readonly MarkedPerson[]): string[] {
  const byOriginal = new Map(persons.map((p) => [p.original, p.marker]));
  return personIds.map((id) => byOriginal.get(id) ?? id);
}
