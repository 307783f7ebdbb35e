/**
 * Time: the period (list and slider), playback through the periods, and the baseline year
 * for "change since" maps.
 */
import { useEffect, useState } from 'react';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { useViewStore } from '../../stores/view';

/** How long each period stays on screen during playback. */
export const PLAYBACK_STEP_MS = 1200;

export function PeriodControls({ periods }: { periods: readonly number[] }) {
  const t = useT();
  const { period, baseline, setPeriod, setBaseline } = useViewStore();
  const [playing, setPlaying] = useState(false);
  const index = Math.max(0, periods.indexOf(period));

  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(() => {
      const next = periods[index + 1];
      if (next === undefined) setPlaying(false);
      else setPeriod(next);
    }, PLAYBACK_STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, index, periods, setPeriod]);

  const play = () => {
    // From the start when at the end (or at the baseline, which would show no change).
    if (index === periods.length - 1 || (baseline !== null && period <= baseline)) {
      const first = periods.find((p) => baseline === null || p > baseline);
      if (first !== undefined) setPeriod(first);
    }
    setPlaying(true);
  };

  return (
    <>
      <label>
        {t('period')}
        <select value={period} onChange={(e) => setPeriod(Number(e.target.value))} data-testid="period-select">
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <input
        type="range"
        className="period-slider"
        min={0}
        max={periods.length - 1}
        step={1}
        value={index}
        onChange={(e) => setPeriod(periods[Number(e.target.value)] ?? period)}
        aria-label={t('periodSlider')}
        aria-valuetext={String(period)}
        data-testid="period-slider"
      />
      <button type="button" onClick={() => (playing ? setPlaying(false) : play())} aria-pressed={playing} data-testid="period-play">
        {playing ? t('pause') : t('play')}
      </button>
      <label>
        {t('baseline')}
        <select value={baseline ?? ''} onChange={(e) => setBaseline(e.target.value === '' ? null : Number(e.target.value))} data-testid="baseline-select">
          <option value="">{t('baselineNone')}</option>
          {periods.slice(0, -1).map((p) => (
            <option key={p} value={p}>
              {fill(t('baselineSince'), { year: p })}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
