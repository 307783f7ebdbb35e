/** The selected district's figures against the municipality, for every indicator. */
import { formatIndicatorValue, formatNumber } from '../../../shared/format/number';
import { cellKey, type IndicatorCell, type MunicipalityValue } from '../../../shared/indicators/results';
import { isCountIndicator } from '../../../shared/indicators/pack';
import type { CompositeCell } from '../../../shared/indicators/composite';
import type { AreaInfo, LoadedExtract } from '../../engine/open-extract';
import { CompositeProfile } from '../composite/CompositeProfile';
import { useT } from '../../i18n/useT';
import { useViewStore } from '../../stores/view';

interface Props {
  extract: LoadedExtract;
  /** The areas of the layer in view. */
  areas: readonly AreaInfo[];
  cellIndex: Map<string, IndicatorCell>;
  municipalityIndex: Map<string, MunicipalityValue>;
  /** The area's composite index in this period, when the pack has one. */
  compositeCell: CompositeCell | undefined;
}

export function AreaPanel({ extract, areas, cellIndex, municipalityIndex, compositeCell }: Props) {
  const t = useT();
  const { language, period, indicatorId, selectedAreaId } = useViewStore();
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
      <table>
        <thead>
          <tr>
            <th scope="col">{t('indicator')}</th>
            <th scope="col">{t('value')}</th>
            <th scope="col">{t('interval')}</th>
            <th scope="col">{t('count')}</th>
            <th scope="col">{t('municipality')}</th>
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
                <th scope="row">{def.label[language]}</th>
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
              </tr>
            );
          })}
        </tbody>
      </table>
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
