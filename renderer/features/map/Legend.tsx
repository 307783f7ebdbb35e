import { NO_VALUE_COLOUR } from '../../../shared/format/palette';
import { formatIndicatorValue } from '../../../shared/format/number';
import type { Indicator } from '../../../shared/indicators/pack';
import { useT } from '../../i18n/useT';
import { useViewStore } from '../../stores/view';
import type { Choropleth } from './choropleth';

export function Legend({ choropleth, def }: { choropleth: Choropleth; def: Indicator }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  return (
    <figure className="legend" data-testid="legend" aria-label={t('legend')}>
      <figcaption>
        {def.label[language]}{' '}
        <span className="direction">
          ({def.direction === 'higher-is-worse' ? t('higherIsWorse') : def.direction === 'higher-is-better' ? t('higherIsBetter') : t('contextIndicator')})
        </span>
      </figcaption>
      <ul>
        {choropleth.classes.map((c, i) => (
          <li key={i} data-colour={c.colour}>
            <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
            {formatIndicatorValue(c.lower, def.unit, language)} – {formatIndicatorValue(c.upper, def.unit, language)}
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
      </ul>
    </figure>
  );
}
