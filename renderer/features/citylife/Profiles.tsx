/** Daily profile (mean per observed hour by hour of day, weekdays and weekend) and weekly profile (by weekday). */
import type { HourPoint, WeekdayPoint } from '../../../shared/citylife/aggregate';
import type { Language } from '../../../shared/i18n/messages';
import { linearScale, linePath, type LinearScale } from '../charts/scale';
import { formatRate } from './format';
import { CITY_LIFE_TEXT } from './text';

const W = 420;
const H = 200;
const M = { left: 44, right: 10, top: 10, bottom: 28 };

/** Horizontal grid lines with their values on the left. */
function YGrid({ scale, language }: { scale: LinearScale; language: Language }) {
  return (
    <>
      {scale.ticks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={W - M.right} y1={scale(t)} y2={scale(t)} stroke="#e0e0e0" />
          <text x={M.left - 4} y={scale(t) + 4} fontSize="10" textAnchor="end">
            {formatRate(t, language, 0)}
          </text>
        </g>
      ))}
    </>
  );
}

export function DailyProfile({ weekdays, weekend, language }: { weekdays: HourPoint[]; weekend: HourPoint[]; language: Language }) {
  const tx = CITY_LIFE_TEXT[language];
  const values = [...weekdays, ...weekend].map((p) => p.mean ?? 0);
  const y = linearScale(0, Math.max(1, ...values), H - M.bottom, M.top, 4);
  const x = (hour: number) => M.left + (hour / 23) * (W - M.left - M.right);
  const series = [
    { name: tx.weekdays, points: weekdays, colour: '#3b528b', dash: undefined },
    { name: tx.weekend, points: weekend, colour: '#b35806', dash: '5 3' },
  ];
  return (
    <figure className="citylife-chart" data-testid="citylife-daily">
      <figcaption>{tx.dailyTitle}</figcaption>
      <svg width={W} height={H} role="img" aria-label={tx.dailyTitle}>
        <YGrid scale={y} language={language} />
        {[0, 6, 12, 18, 23].map((h) => (
          <text key={h} x={x(h)} y={H - 10} fontSize="10" textAnchor="middle">
            {String(h).padStart(2, '0')}
          </text>
        ))}
        {series.map((s) => (
          <path key={s.name} d={linePath(s.points.map((p) => [x(p.hour), p.mean === null ? null : y(p.mean)]))} fill="none" stroke={s.colour} strokeWidth="2" strokeDasharray={s.dash} data-series={s.name} />
        ))}
      </svg>
      <p className="chart-legend">
        <span style={{ color: '#3b528b' }}>━ {tx.weekdays}</span> <span style={{ color: '#b35806' }}>╍ {tx.weekend}</span>
      </p>
    </figure>
  );
}

export function WeeklyProfile({ points, language }: { points: WeekdayPoint[]; language: Language }) {
  const tx = CITY_LIFE_TEXT[language];
  const y = linearScale(0, Math.max(1, ...points.map((p) => p.mean ?? 0)), H - M.bottom, M.top, 4);
  const band = (W - M.left - M.right) / 7;
  return (
    <figure className="citylife-chart" data-testid="citylife-weekly">
      <figcaption>{tx.weeklyTitle}</figcaption>
      <svg width={W} height={H} role="img" aria-label={tx.weeklyTitle}>
        <YGrid scale={y} language={language} />
        {points.map((p) => (
          <g key={p.weekday}>
            {p.mean !== null ? (
              <rect x={M.left + p.weekday * band + 4} y={y(p.mean)} width={band - 8} height={y(0) - y(p.mean)} fill={p.weekday >= 5 ? '#b35806' : '#3b528b'} data-weekday={p.weekday}>
                <title>{`${tx.weekdayNames[p.weekday]}: ${formatRate(p.mean, language)}`}</title>
              </rect>
            ) : null}
            <text x={M.left + p.weekday * band + band / 2} y={H - 10} fontSize="10" textAnchor="middle">
              {tx.weekdayNames[p.weekday]}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
