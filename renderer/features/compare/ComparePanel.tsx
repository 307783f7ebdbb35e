/**
 * Two to four areas side by side, with the bydele they lie in and the municipality: every
 * indicator of the pack in the chosen period. Areas are added from the area panel.
 */
import { formatIndicatorValue } from '../../../shared/format/number';
import type { ExtractManifest } from '../../../shared/extract/manifest';
import type { IndicatorPack } from '../../../shared/indicators/pack';
import type { PackResults } from '../../../shared/indicators/results';
import { useT } from '../../i18n/useT';
import { useViewStore } from '../../stores/view';
import type { AreaInfo } from '../map/layer-view';
import { compareColumns } from './compare-columns';

interface Props {
  pack: IndicatorPack;
  results: PackResults;
  manifest: ExtractManifest;
  layerId: string;
  areas: readonly AreaInfo[];
}

export function ComparePanel({ pack, results, manifest, layerId, areas }: Props) {
  const t = useT();
  const { language, period, compareIds, toggleCompare, clearCompare } = useViewStore();
  if (compareIds.length === 0) return null;
  const columns = compareColumns(results, manifest, layerId, areas, compareIds, period, t('municipality'));
  return (
    <section className="compare-panel" aria-labelledby="compare-title" data-testid="compare-panel">
      <h2 id="compare-title">
        {t('compareTitle')} ({period})
      </h2>
      {compareIds.length < 2 ? <p className="note">{t('compareHint')}</p> : null}
      <div className="compare-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('indicator')}</th>
              {columns.map((c) => (
                <th scope="col" key={c.key} className={c.kind} data-column={c.key}>
                  {c.label}
                  {c.kind === 'area' ? (
                    <button type="button" className="link remove" onClick={() => toggleCompare(c.key.slice('area:'.length))} aria-label={`${t('compareRemove')} ${c.label}`}>
                      ×
                    </button>
                  ) : c.kind === 'parent' ? (
                    <span className="column-kind"> ({t('bydel')})</span>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pack.indicators.map((def) => (
              <tr key={def.id} data-indicator-id={def.id}>
                <th scope="row">{def.label[language]}</th>
                {columns.map((c) => {
                  const cell = c.cell(def.id);
                  return (
                    <td key={c.key} data-column={c.key}>
                      {formatIndicatorValue(cell?.value ?? null, def.unit, language)}
                      {cell?.small ? <span className="small-flag" title={t('smallPopulation')}> *</span> : null}
                      {cell?.lower != null && cell.upper != null ? (
                        <span className="interval">
                          {formatIndicatorValue(cell.lower, def.unit, language)}–{formatIndicatorValue(cell.upper, def.unit, language)}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={clearCompare}>
        {t('compareClear')}
      </button>
    </section>
  );
}
