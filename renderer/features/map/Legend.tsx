import { NO_VALUE_COLOUR } from '../../../shared/format/palette';
import type { Direction } from '../../../shared/indicators/pack';
import { useT } from '../../i18n/useT';
import type { Choropleth } from './choropleth';

interface Props {
  choropleth: Choropleth;
  /** Areas drawn hatched: their figure rests on a population below the minimum. */
  smallCount: number;
  /** What the map shows: an indicator's label, or the composite index's. */
  title: string;
  direction: Direction;
  format(value: number): string;
}

export function Legend({ choropleth, smallCount, title, direction, format }: Props) {
  const t = useT();
  return (
    <figure className="legend" data-testid="legend" aria-label={t('legend')}>
      <figcaption>
        {title}{' '}
        <span className="direction">
          ({direction === 'higher-is-worse' ? t('higherIsWorse') : direction === 'higher-is-better' ? t('higherIsBetter') : t('contextIndicator')})
        </span>
      </figcaption>
      <ul>
        {choropleth.classes.map((c, i) => (
          <li key={i} data-colour={c.colour}>
            <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
            {format(c.lower)} – {format(c.upper)}
            <span className="count">
              {' '}({c.count} {t('areasCount')})
            </span>
          </li>
        ))}
        {choropleth.noValueCount > 0 ? (
          <li data-colour={NO_VALUE_COLOUR}>
            <span className="swatch" style={{ background: NO_VALUE_COLOUR }} aria-hidden="true" />
            {t('noValue')} <span className="count">({choropleth.noValueCount} {t('areasCount')})</span>
          </li>
        ) : null}
        {smallCount > 0 ? (
          <li data-testid="legend-small">
            <span className="swatch hatched" aria-hidden="true" />
            {t('smallHatched')} <span className="count">({smallCount} {t('areasCount')})</span>
          </li>
        ) : null}
      </ul>
    </figure>
  );
}
