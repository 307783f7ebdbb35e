/** The city-life views as tables: what the screen shows and what CSV/XLSX exports write (one source for both). */
import { HOURS, type HeatMatrix, type Mix, type SiteComparisonRow } from '../../../shared/citylife/aggregate';
import type { Sheet } from '../../../shared/export/sheet-files';
import type { Language } from '../../../shared/i18n/messages';
import { CITY_LIFE_TEXT } from './text';

const round = (v: number | null, digits = 2) => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));
const isoDate = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));

export function siteSheet(rows: readonly SiteComparisonRow[], unit: string, language: Language): Sheet {
  const tx = CITY_LIFE_TEXT[language];
  return {
    name: tx.compareTitle,
    head: ['site_id', tx.site, tx.total, `${tx.observed} (${unit})`, `${tx.perHour}`, tx.weekdayRate, tx.weekendRate, tx.peak, tx.days, tx.index, 'first', 'last'],
    rows: rows.map((r) => [r.siteId, r.name, r.total, round(r.exposure), round(r.rate), round(r.weekdayRate), round(r.weekendRate), r.peakHour, r.days, round(r.indexToMean, 0), isoDate(r.first), isoDate(r.last)]),
  };
}

export function heatSheet(matrix: HeatMatrix, language: Language): Sheet {
  const tx = CITY_LIFE_TEXT[language];
  return {
    name: tx.heatTitle,
    head: ['', ...Array.from({ length: HOURS }, (_, h) => String(h).padStart(2, '0'))],
    rows: matrix.mean.map((row, d) => [tx.weekdayNames[d]!, ...row.map((v) => round(v))]),
  };
}

export function mixSheet(mix: Mix, fieldLabel: string, language: Language): Sheet {
  const tx = CITY_LIFE_TEXT[language];
  return {
    name: `${tx.mixTitle} ${fieldLabel}`,
    head: [fieldLabel, tx.count, tx.share],
    rows: [...mix.rows.map((r) => [r.key, r.count, round(r.share, 4)] as const), ...(mix.unspecified > 0 ? [[tx.unspecified, mix.unspecified, null] as const] : [])],
  };
}
