/**
 * Every area of the base layer in one period, in index order, with how far its rank moves
 * across the robustness variants (each indicator left out, equal weights). Area level
 * only: these are districts, never persons.
 */
import type { CompositeCell } from '../../../shared/indicators/composite';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { useViewStore } from '../../stores/view';
import { formatIndex } from './composite-view';

interface Props {
  cells: ReadonlyMap<string, CompositeCell>;
  nameOf(areaId: string): string;
}

export function RobustnessTable({ cells, nameOf }: Props) {
  const t = useT();
  const { language, period, selectedAreaId, selectArea } = useViewStore();
  const rows = [...cells.values()].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || nameOf(a.areaId).localeCompare(nameOf(b.areaId), 'da'));
  return (
    <details className="robustness-table" data-testid="robustness-table">
      <summary>{fill(t('robustnessTableTitle'), { period })}</summary>
      <p className="note">{t('robustnessTableHint')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('robustnessRank')}</th>
            <th scope="col">{t('area')}</th>
            <th scope="col">{t('compositeIndex')}</th>
            <th scope="col">{t('robustnessRange')}</th>
            <th scope="col">{t('robustnessMaxShift')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.areaId} data-area-id={c.areaId} className={c.areaId === selectedAreaId ? 'current' : undefined}>
              <td>{c.rank ?? '–'}</td>
              <th scope="row">
                <button type="button" className="link" onClick={() => selectArea(c.areaId)}>
                  {nameOf(c.areaId)}
                </button>
              </th>
              <td>
                {formatIndex(c.index, language)}
                {c.small ? <span className="small-flag" title={t('smallPopulation')}> *</span> : null}
              </td>
              <td>{c.robustness.rankRange ? `${c.robustness.rankRange[0]}–${c.robustness.rankRange[1]}` : '–'}</td>
              <td>{c.robustness.maxShift ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
