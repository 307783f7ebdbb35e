/** Why a cell is suppressed, in words for tables, previews and reports. */
import type { SuppressionReason } from './types';

export const REASON_TEXT: Readonly<Record<SuppressionReason, { da: string; en: string }>> = {
  'small-count': { da: 'færre end {min} personer', en: 'fewer than {min} persons' },
  zero: { da: 'ingen eller alle i gruppen', en: 'none or all of the group' },
  'small-denominator': { da: 'færre end {min} i populationen', en: 'fewer than {min} in the population' },
  'small-complement': { da: 'færre end {min} uden for andelen', en: 'fewer than {min} outside the share' },
  forced: { da: 'undertrykt efter valg', en: 'suppressed by choice' },
  complementary: { da: 'sekundær: ellers kunne en undertrykt celle regnes ud', en: 'secondary: otherwise a suppressed cell could be worked out' },
};

export function reasonText(reason: SuppressionReason, minCellSize: number): { da: string; en: string } {
  const t = REASON_TEXT[reason];
  return { da: t.da.replace('{min}', String(minCellSize)), en: t.en.replace('{min}', String(minCellSize)) };
}
