/** The selected district's figures against the municipality, for every indicator. */
import { formatIndicatorValue, formatNumber } from '../../../shared/format/number';
import { cellKey, type IndicatorCell, type MunicipalityValue } from '../../../shared/indicators/results';
import { isCountIndicator } from '../../../shared/indicators/pack';
import type { CompositeCell } from '../../../shared/indicators/composite';
import type { AreaInfo, LoadedExtract } from '../../engine/open-extract';
import { CompositeProfile } from '../composite/CompositeProfile';
import { TrendChart } from '../charts/TrendChart';
import { MAX_COMPARED } from '../compare/compare-columns';
import type { AreaRank } from './ranks';
import { KIND_LABEL, SEVERITY_LABEL, type Flag } from '../../../shared/flags';
import { fill } from '../../i18n/fill';
import type { Language, MessageKey } from '../../../shared/i18n/messages';
import { useT } from '../../i18n/useT';
import { useViewStore } from '../../stores/view';

interface Props {
  extract: LoadedExtract;
  /** The areas of the layer in view. */
  areas: readonly AreaInfo[];
  cellIndex: Map<string, IndicatorCell>;
  municipalityIndex: Map<string, MunicipalityValue>;
  /** The flags of the layer in the period (null while computed); the area's are listed. */
  flags: readonly Flag[] | null;
  /** Every area's rank per directional indicator in the period (see ranks.ts). */
  ranks: ReadonlyMap<string, AreaRank>;
  /** The area's composite index in this period, when the pack has one. */
  compositeCell: CompositeCell | undefined;
}

export function AreaPanel({ extract, areas, flags, ranks, cellIndex, municipalityIndex, compositeCell }: Props) {
  const t = useT();
  const { language, period, indicatorId, selectedAreaId, setIndicator, compareIds, toggleCompare } = useViewStore();
  const area = areas.find((a) => a.id === selectedAreaId);
  if (!area) {
    return (
      <aside className="area-panel empty" aria-live="polite">
        <p>{t('clickAnArea')}</p>
      </aside>
    );
  }
  return (
    <aside className="area-panel" data-testid="area-panel" data-area-id={area.id} aria-live="polite">
      <h2>
        {area.name} <span className="area-code">({area.id})</span>
      </h2>
      {area.parentId ? (
        <p className="area-parent">
          {t('bydel')}: {area.parentName ?? area.parentId}
        </p>
      ) : null}
      <p className="period-note">
        {t('period')}: {period}
      </p>
      <button
        type="button"
        onClick={() => toggleCompare(area.id)}
        aria-pressed={compareIds.includes(area.id)}
        disabled={!compareIds.includes(area.id) && compareIds.length >= MAX_COMPARED}
        data-testid="compare-toggle"
      >
        {compareIds.includes(area.id) ? t('compareRemove') : t('compareAdd')}
      </button>
      {trendOf(extract, area, indicatorId, cellIndex, municipalityIndex, language, t)}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('indicator')}</th>
            <th scope="col">{t('value')}</th>
            <th scope="col">{t('interval')}</th>
            <th scope="col">{t('count')}</th>
            <th scope="col">{t('municipality')}</th>
            <th scope="col" title={t('rankHint')}>{t('rank')}</th>
          </tr>
        </thead>
        <tbody>
          {extract.analysis.pack.indicators.map((def) => {
            const cell = cellIndex.get(cellKey(def.id, period, area.id));
            const muni = municipalityIndex.get(`${def.id}|${period}`);
            return (
              <tr
                key={def.id}
                data-indicator-id={def.id}
                className={def.id === indicatorId ? 'current' : undefined}
              >
                <th scope="row">
                  <button type="button" className="link" onClick={() => setIndicator(def.id)} aria-pressed={def.id === indicatorId}>
                    {def.label[language]}
                  </button>
                </th>
                <td data-testid="cell-value">
                  {formatIndicatorValue(cell?.value ?? null, def.unit, language)}
                  {cell?.small ? (
                    <span className="small-flag" title={t('smallPopulation')} aria-label={t('smallPopulation')}>
                      {' '}*
                    </span>
                  ) : null}
                </td>
                <td>
                  {cell?.lower != null && cell.upper != null
                    ? `${formatIndicatorValue(cell.lower, def.unit, language)} – ${formatIndicatorValue(cell.upper, def.unit, language)}`
                    : '–'}
                </td>
                <td data-testid="cell-count">
                  {!cell
                    ? '–'
                    : isCountIndicator(def)
                      ? `${formatNumber(cell.numerator, language)} / ${formatNumber(cell.denominator, language)}`
                      : `n = ${formatNumber(cell.denominator, language)}`}
                </td>
                <td data-testid="cell-municipality">{formatIndicatorValue(muni?.value ?? null, def.unit, language)}</td>
                <td data-testid="cell-rank">{rankText(ranks.get(`${def.id}|${area.id}`))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AreaFlags flags={flags} areaId={area.id} period={period} />
      {extract.analysis.composite ? (
        <CompositeProfile
          composite={extract.analysis.composite}
          cell={compositeCell}
          pack={extract.analysis.pack}
          parentLayerName={extract.manifest.areaLayers.find((l) => l.id === extract.analysis.composite?.shrinkTowards)?.label[language] ?? null}
        />
      ) : null}
    </aside>
  );
}

/** The chosen indicator's values for the area over every period, against the municipality. */
function trendOf(
  extract: LoadedExtract,
  area: AreaInfo,
  indicatorId: string,
  cellIndex: Map<string, IndicatorCell>,
  municipalityIndex: Map<string, MunicipalityValue>,
  language: Language,
  t: (key: MessageKey) => string,
) {
  const def = extract.analysis.pack.indicators.find((d) => d.id === indicatorId);
  if (!def) return null;
  const periods = extract.manifest.periods;
  const series = periods.map((p) => {
    const cell = cellIndex.get(cellKey(def.id, p, area.id));
    return { period: p, value: cell?.value ?? null, lower: cell?.lower ?? null, upper: cell?.upper ?? null };
  });
  const reference = periods.map((p) => ({ period: p, value: municipalityIndex.get(`${def.id}|${p}`)?.value ?? null }));
  return (
    <figure className="area-trend">
      <figcaption>{fill(t('trendTitle'), { indicator: def.label[language] })}</figcaption>
      <TrendChart
        title={fill(t('trendTitle'), { indicator: def.label[language] })}
        series={series}
        reference={reference}
        formatValue={(v) => formatIndicatorValue(v, def.unit, language)}
        seriesLabel={area.name}
        referenceLabel={t('municipality')}
      />
    </figure>
  );
}

function rankText(rank: AreaRank | undefined): string {
  return rank ? `${rank.rank}/${rank.of}` : '–';
}

/** The area's flags in the period, most severe first, each with its explanation. */
function AreaFlags({ flags, areaId, period }: { flags: readonly Flag[] | null; areaId: string; period: number }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  if (flags === null) return <p className="note">{t('flagsComputing')}</p>;
  const mine = flags.filter((f) => f.areaId === areaId && f.period === period);
  return (
    <section className="area-flags" data-testid="area-flags">
      <h3>{fill(t('areaFlagsTitle'), { n: mine.length })}</h3>
      <ul>
        {mine.map((f) => (
          <li key={f.id} className={`flag ${f.severity}`} data-kind={f.kind}>
            <strong>
              {SEVERITY_LABEL[f.severity][language]} – {KIND_LABEL[f.kind][language]}
            </strong>
            : {f.explanation[language]}
          </li>
        ))}
      </ul>
    </section>
  );
}
