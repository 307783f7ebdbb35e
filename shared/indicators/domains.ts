/** Display names of the indicator domains used by the shipped packs; unknown domains show their id. */
import type { LocalizedText } from './pack';

export const DOMAIN_LABELS: Record<string, LocalizedText> = {
  employment: { da: 'Beskæftigelse og ydelser', en: 'Employment and benefits' },
  education: { da: 'Uddannelse', en: 'Education' },
  income: { da: 'Indkomst', en: 'Income' },
  children: { da: 'Børn og familier', en: 'Children and families' },
  crime: { da: 'Kriminalitet og tryghed', en: 'Crime and safety' },
  health: { da: 'Sundhed', en: 'Health' },
  stability: { da: 'Bostabilitet', en: 'Residential stability' },
  context: { da: 'Kontekst (indgår ikke i indekset)', en: 'Context (not in the index)' },
};

/** Indicators grouped by domain, in the pack's order of first appearance. */
export function groupByDomain<T extends { domain?: string }>(indicators: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const indicator of indicators) {
    const domain = indicator.domain ?? '';
    groups.set(domain, [...(groups.get(domain) ?? []), indicator]);
  }
  return [...groups];
}
