/**
 * Hour of day × weekday: the mean number of people per observed hour in each cell, in five
 * equal classes of the viridis palette (darker is busier); cells never observed are hatched
 * and say so, never drawn as zero.
 */
import type { HeatMatrix } from '../../../shared/citylife/aggregate';
import { SEQUENTIAL_5 } from '../../../shared/format/palette';
import type { Language } from '../../../shared/i18n/messages';
import { formatRate } from './format';
import { CITY_LIFE_TEXT } from './text';

const CELL_W = 26;
const CELL_H = 22;
const LEFT = 40;
const TOP = 18;

export function classOf(mean: number, max: number): number {
  if (!(max > 0)) return 0;
  return Math.min(SEQUENTIAL_5.length - 1, Math.floor((mean / max) * SEQUENTIAL_5.length));
}

export function HeatMap({ matrix, language }: { matrix: HeatMatrix; language: Language }) {
  const tx = CITY_LIFE_TEXT[language];
  const width = LEFT + CELL_W * 24 + 4;
  const height = TOP + CELL_H * 7 + 40;
  const step = matrix.maxMean / SEQUENTIAL_5.length;
  return (
    <figure className="citylife-heat" data-testid="citylife-heat">
      <figcaption>{tx.heatTitle}</figcaption>
      <svg width={width} height={height} role="img" aria-label={tx.heatTitle}>
        <defs>
          <pattern id="cl-unobserved" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#eeeeee" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#999999" strokeWidth="1.5" />
          </pattern>
        </defs>
        {Array.from({ length: 24 }, (_, h) =>
          h % 3 === 0 ? (
            <text key={`h${h}`} x={LEFT + h * CELL_W + CELL_W / 2} y={TOP - 5} fontSize="10" textAnchor="middle">
              {String(h).padStart(2, '0')}
            </text>
          ) : null,
        )}
        {matrix.mean.map((row, d) => (
          <g key={d}>
            <text x={LEFT - 6} y={TOP + d * CELL_H + CELL_H / 2 + 4} fontSize="11" textAnchor="end">
              {tx.weekdayNames[d]}
            </text>
            {row.map((mean, h) => {
              const observed = mean !== null;
              const label = `${tx.weekdayNames[d]} ${String(h).padStart(2, '0')}: ${observed ? formatRate(mean, language) : tx.heatNotObserved}`;
              return (
                <rect
                  key={h}
                  x={LEFT + h * CELL_W}
                  y={TOP + d * CELL_H}
                  width={CELL_W - 1}
                  height={CELL_H - 1}
                  fill={observed ? SEQUENTIAL_5[classOf(mean, matrix.maxMean)] : 'url(#cl-unobserved)'}
                  data-weekday={d}
                  data-hour={h}
                  data-mean={observed ? mean.toFixed(3) : ''}
                >
                  <title>{label}</title>
                </rect>
              );
            })}
          </g>
        ))}
        {SEQUENTIAL_5.map((colour, i) => (
          <g key={colour} transform={`translate(${LEFT + i * 110}, ${TOP + CELL_H * 7 + 12})`}>
            <rect width="14" height="14" fill={colour} stroke="#555555" strokeWidth="0.5" />
            <text x="18" y="11" fontSize="11">
              {formatRate(i * step, language, 0)}–{formatRate((i + 1) * step, language, 0)}
            </text>
          </g>
        ))}
        <g transform={`translate(${LEFT + 5 * 110}, ${TOP + CELL_H * 7 + 12})`}>
          <rect width="14" height="14" fill="url(#cl-unobserved)" stroke="#555555" strokeWidth="0.5" />
          <text x="18" y="11" fontSize="11">
            {tx.heatNotObserved}
          </text>
        </g>
      </svg>
    </figure>
  );
}
