/**
 * The composite index of the selected area: its index and rank, how each indicator pulls
 * it (weight × standardised value), and how far its rank moves when an indicator is left
 * out or all are weighted equally.
 */
import { formatNumber } from '../../../shared/format/number';
import type { CompositeCell, CompositeResult } from '../../../shared/indicators/composite';
import type { IndicatorPack } from '../../../shared/indicators/pack';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { useViewStore } from '../../stores/view';
import { formatIndex } from './composite-view';

interface Props {
  composite: CompositeResult;
  cell: CompositeCell | undefined;
  pack: IndicatorPack;
  parentLayerName: string | null;
}

export function CompositeProfile({ composite, cell, pack, parentLayerName }: Props) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  if (!cell) return null;
  const labelOf = (id: string) => pack.indicators.find((i) => i.id === id)?.label[language] ?? id;
  const { robustness } = cell;
  // Bars are scaled to the area's largest pull, so the strongest driver is always visible.
  const largestPull = Math.max(1e-9, ...cell.components.map((c) => Math.abs(c.contribution ?? 0)));
  return (
    <section className="composite-profile" aria-labelledby="composite-profile-title" data-testid="composite-profile">
      <h3 id="composite-profile-title">{composite.label[language]}</h3>
      {cell.index === null ? (
        <p data-testid="composite-no-index">
          {fill(t('compositeNoIndex'), {
            share: formatNumber(cell.weightShare * 100, language, 0),
            min: formatNumber(composite.minWeightShare * 100, language, 0),
          })}
        </p>
      ) : (
        <p className="composite-headline">
          {t('compositeIndex')}: <strong data-testid="composite-index">{formatIndex(cell.index, language)}</strong>
          {' · '}
          <span data-testid="composite-rank">{fill(t('compositeRank'), { rank: cell.rank ?? '–', ranked: cell.ranked })}</span>
          {cell.small ? <span className="small-flag"> {t('compositeSmallNote')}</span> : null}
        </p>
      )}
      {composite.shrinkTowards && parentLayerName ? <p className="note">{fill(t('compositeShrunk'), { layer: parentLayerName })}</p> : null}
      <table className="composite-components">
        <caption>{t('compositeComponents')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('indicator')}</th>
            <th scope="col">{t('compositeWeight')}</th>
            <th scope="col">{t('compositeStandardised')}</th>
            <th scope="col">{t('compositeContribution')}</th>
          </tr>
        </thead>
        <tbody>
          {cell.components.map((c) => (
            <tr key={c.indicatorId} data-component-id={c.indicatorId}>
              <th scope="row">{labelOf(c.indicatorId)}</th>
              <td>{formatNumber(c.weight * 100, language, 1)} %</td>
              <td>{c.standardised === null ? t('compositeMissing') : formatIndex(c.standardised, language)}</td>
              <td>
                {c.contribution === null ? '–' : (
                  <span className={c.contribution > 0 ? 'pull worse' : c.contribution < 0 ? 'pull better' : 'pull'}>
                    <span className="pull-bar" style={{ width: `${(Math.abs(c.contribution) / largestPull) * 100}%` }} aria-hidden="true" />
                    {formatIndex(c.contribution, language)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cell.rank !== null && robustness.rankRange ? (
        <details className="robustness" data-testid="composite-robustness">
          <summary>
            {t('robustnessTitle')}:{' '}
            {fill(t('robustnessSummary'), { low: robustness.rankRange[0], high: robustness.rankRange[1], shift: robustness.maxShift ?? 0 })}
          </summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('indicator')}</th>
                <th scope="col">{t('robustnessRank')}</th>
                <th scope="col">{t('robustnessShift')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('robustnessEqualWeights')}</th>
                <td>{robustness.equalWeightsRank ?? '–'}</td>
                <td>{robustness.equalWeightsRank === null ? '–' : signed(robustness.equalWeightsRank - cell.rank)}</td>
              </tr>
              {robustness.leaveOneOut.map((v) => (
                <tr key={v.indicatorId} data-leave-out={v.indicatorId}>
                  <th scope="row">{fill(t('robustnessWithout'), { indicator: labelOf(v.indicatorId) })}</th>
                  <td>{v.rank ?? '–'}</td>
                  <td>{v.shift === null ? '–' : signed(v.shift)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}

/** A rank shift with its sign: +3 is three places further down (less challenged). */
function signed(shift: number): string {
  return shift > 0 ? `+${shift}` : String(shift);
}
