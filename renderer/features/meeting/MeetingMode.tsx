/**
 * Meeting mode: a briefing pack as slides for a room — an overview map, then one slide per
 * area — in large type, full screen, driven by the keyboard (arrows, Page Up/Down, space,
 * numbers, Home/End, Esc). It works from the briefing alone: no extract, no network.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatIndicatorValue } from '../../../shared/format/number';
import type { BriefingCityLife, BriefingPack } from '../../../shared/briefing/schema';
import { CITY_LIFE_TEXT } from '../citylife/text';
import { formatRate } from '../citylife/format';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { useMeetingStore } from '../../stores/meeting';
import { useViewStore } from '../../stores/view';
import { projectAreas } from './overview-map';

const MAP_WIDTH = 900;
const MAP_HEIGHT = 560;

export function MeetingMode({ briefing }: { briefing: BriefingPack }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const close = useMeetingStore((s) => s.close);
  const [slide, setSlide] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  // Slides: the overview, one per area, then city life when the pack holds it.
  const last = briefing.areas.length + (briefing.cityLife ? 1 : 0);
  const go = useCallback((n: number) => setSlide(Math.max(0, Math.min(last, n))), [last]);

  useEffect(() => {
    root.current?.focus();
    // Full screen where the platform allows it; the slides work in a window as well.
    root.current?.requestFullscreen?.().catch(() => undefined);
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  const onKey = (e: React.KeyboardEvent) => {
    const key = e.key;
    if (key === 'ArrowRight' || key === 'PageDown' || key === ' ') go(slide + 1);
    else if (key === 'ArrowLeft' || key === 'PageUp') go(slide - 1);
    else if (key === 'Home' || key === '0') go(0);
    else if (key === 'End') go(last);
    else if (/^[1-9]$/.test(key)) go(Number(key));
    else if (key === 'Escape') close();
    else return;
    e.preventDefault();
  };

  const area = slide > 0 ? briefing.areas[slide - 1] : undefined;
  const cityLifeSlide = briefing.cityLife && slide === briefing.areas.length + 1 ? briefing.cityLife : undefined;
  return (
    <div className="meeting" ref={root} tabIndex={-1} onKeyDown={onKey} role="region" aria-roledescription={t('meetingSlides')} aria-label={briefing.title} data-testid="meeting">
      <header className="meeting-header">
        <span className="meeting-title">{briefing.title}</span>
        <span>
          {briefing.municipality.name} · {briefing.layer.label[language]} · {briefing.period}
          {briefing.synthetic ? ` · ${t('syntheticBadge')}` : ''}
        </span>
        <span className="meeting-position" aria-live="polite" data-testid="meeting-position">
          {fill(t('meetingPosition'), { n: slide + 1, of: last + 1 })}
        </span>
      </header>
      <main className="meeting-slide" aria-live="polite">
        {cityLifeSlide ? <CityLifeSlide cityLife={cityLifeSlide} /> : area ? <AreaSlide briefing={briefing} area={area} number={slide} /> : <OverviewSlide briefing={briefing} onChoose={go} />}
      </main>
      <footer className="meeting-footer">
        <span>{t('meetingKeys')}</span>
        <span>{briefing.disclosure.statement[language]}</span>
        <button type="button" onClick={close}>
          {t('meetingClose')}
        </button>
      </footer>
    </div>
  );
}

function OverviewSlide({ briefing, onChoose }: { briefing: BriefingPack; onChoose(n: number): void }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const projected = useMemo(() => projectAreas(briefing.areas, MAP_WIDTH, MAP_HEIGHT), [briefing]);
  const indicator = briefing.indicators.find((i) => i.id === briefing.overview.indicatorId);
  const format = (v: number) => (indicator ? formatIndicatorValue(v, indicator.unit, language) : String(v));
  return (
    <section className="meeting-overview" data-testid="meeting-overview">
      <h1>{t('meetingOverview')}</h1>
      <div className="meeting-overview-body">
        <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-label={indicator?.label[language] ?? ''}>
          {projected.map((p) => {
            const index = briefing.areas.findIndex((a) => a.id === p.id);
            const area = briefing.areas[index]!;
            return (
              <g key={p.id} className="meeting-area" onClick={() => onChoose(index + 1)}>
                <path d={p.path} fill={area.colour} stroke="#ffffff" strokeWidth={2} />
                <text x={p.label[0]} y={p.label[1]} textAnchor="middle" dominantBaseline="middle">
                  {index + 1}
                </text>
              </g>
            );
          })}
        </svg>
        <div>
          <h2>{indicator?.label[language]}</h2>
          <ul className="meeting-legend">
            {briefing.overview.classes.map((c, i) => (
              <li key={i}>
                <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
                {format(c.lower)} – {format(c.upper)}
              </li>
            ))}
          </ul>
          <ol className="meeting-area-list">
            {briefing.areas.map((a) => (
              <li key={a.id}>{a.name}</li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}

function AreaSlide({ briefing, area, number }: { briefing: BriefingPack; area: BriefingPack['areas'][number]; number: number }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  return (
    <section className="meeting-area-slide" data-testid="meeting-area" data-area-id={area.id}>
      <h1>
        <span className="meeting-number">{number}</span> {area.name}
      </h1>
      <table className="meeting-table">
        <thead>
          <tr>
            <th scope="col">{t('indicator')}</th>
            <th scope="col">{area.name}</th>
            <th scope="col">{t('municipality')}</th>
          </tr>
        </thead>
        <tbody>
          {briefing.indicators.map((ind) => {
            const figure = area.figures[ind.id];
            const value = figure?.value ?? null;
            const worse = value !== null && ind.municipality !== null && ind.direction !== 'context' && (ind.direction === 'higher-is-worse' ? value > ind.municipality : value < ind.municipality);
            return (
              <tr key={ind.id} data-indicator-id={ind.id}>
                <th scope="row">{ind.label[language]}</th>
                <td className={worse ? 'worse' : undefined}>
                  {value === null ? (
                    <span className="withheld">
                      – <small>({figure?.suppressed?.[language] ?? t('noValue')})</small>
                    </span>
                  ) : (
                    <>
                      {formatIndicatorValue(value, ind.unit, language)}
                      {worse ? <span className="meeting-worse"> ▲ {t('meetingWorse')}</span> : null}
                    </>
                  )}
                </td>
                <td>{formatIndicatorValue(ind.municipality, ind.unit, language)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {area.flags.length > 0 ? (
        <section className="meeting-flags">
          <h2>{t('meetingFlags')}</h2>
          <ul>
            {area.flags.map((f, i) => (
              <li key={i}>{f[language]}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {area.note ? <p className="meeting-note">{area.note}</p> : null}
    </section>
  );
}

function CityLifeSlide({ cityLife }: { cityLife: BriefingCityLife }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const tx = CITY_LIFE_TEXT[language];
  const rate = (v: number | null) => formatRate(v, language);
  return (
    <section className="meeting-area-slide" data-testid="meeting-citylife">
      <h1>{t('meetingCityLife')}</h1>
      {cityLife.evaluation ? (
        <section className="meeting-flags">
          <h2>{fill(tx.evalSiteTitle, { site: cityLife.evaluation.siteName })}</h2>
          <p className="meeting-conclusion" data-testid="meeting-citylife-conclusion">
            {cityLife.evaluation.conclusion[language]}
          </p>
        </section>
      ) : null}
      <table className="meeting-table">
        <thead>
          <tr>
            <th scope="col">{tx.site}</th>
            <th scope="col">{cityLife.kind === 'moving' ? tx.perHour : tx.count}</th>
            <th scope="col">{tx.weekdayRate}</th>
            <th scope="col">{tx.weekendRate}</th>
            <th scope="col">{tx.peak}</th>
          </tr>
        </thead>
        <tbody>
          {cityLife.sites.map((s) => (
            <tr key={s.name}>
              <th scope="row">{s.name}</th>
              <td>{rate(s.rate)}</td>
              <td>{rate(s.weekdayRate)}</td>
              <td>{rate(s.weekendRate)}</td>
              <td>{s.peakHour === null ? '–' : `${String(s.peakHour).padStart(2, '0')}:00`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="meeting-note">{cityLife.source}</p>
    </section>
  );
}
