/**
 * An area's values over the periods with their 95 % intervals, the municipality's line,
 * and the periods a development flag rests on marked.
 */
import { linePath, linearScale } from './scale';

export interface TrendChartPoint {
  period: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
}

interface Props {
  title: string;
  series: readonly TrendChartPoint[];
  reference: readonly { period: number; value: number | null }[];
  /** Periods the flag's test used (shaded). */
  testedPeriods?: readonly number[];
  formatValue(value: number): string;
  seriesLabel: string;
  referenceLabel: string;
}

const WIDTH = 520;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 46, left: 64 };

export function TrendChart({ title, series, reference, testedPeriods = [], formatValue, seriesLabel, referenceLabel }: Props) {
  const periods = [...new Set([...series.map((p) => p.period), ...reference.map((p) => p.period)])].sort((a, b) => a - b);
  if (periods.length === 0) return null;
  const values = [...series.flatMap((p) => [p.value, p.lower, p.upper]), ...reference.map((p) => p.value)].filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return null;
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  const step = (WIDTH - MARGIN.left - MARGIN.right) / Math.max(1, last - first);
  const x = (period: number) => MARGIN.left + (period - first) * step;
  // Zoomed to the data (not from 0): a change of a few points must be visible.
  const y = linearScale(Math.min(...values), Math.max(...values), HEIGHT - MARGIN.bottom, MARGIN.top);
  return (
    <svg className="trend-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} data-testid="trend-chart">
      <title>{title}</title>
      {testedPeriods.length > 0 ? (
        <rect className="tested" x={x(Math.min(...testedPeriods)) - step / 2} width={(Math.max(...testedPeriods) - Math.min(...testedPeriods) + 1) * step} y={MARGIN.top} height={HEIGHT - MARGIN.top - MARGIN.bottom} />
      ) : null}
      {y.ticks.map((t) => (
        <g key={`y${t}`} className="tick">
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} />
          <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end">{formatValue(t)}</text>
        </g>
      ))}
      {periods.map((p) => (
        <text key={p} className="tick" x={x(p)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">{p}</text>
      ))}
      {series.map((p) =>
        p.lower !== null && p.upper !== null ? <line key={`i${p.period}`} className="interval" x1={x(p.period)} x2={x(p.period)} y1={y(p.lower)} y2={y(p.upper)} /> : null,
      )}
      <path className="reference-line" d={linePath(reference.map((p) => [x(p.period), p.value === null ? null : y(p.value)] as const))} />
      <path className="series-line" d={linePath(series.map((p) => [x(p.period), p.value === null ? null : y(p.value)] as const))} />
      {series.map((p) =>
        p.value === null ? null : (
          <circle key={`v${p.period}`} className="series-point" cx={x(p.period)} cy={y(p.value)} r={3.5}>
            <title>{`${p.period}: ${formatValue(p.value)}`}</title>
          </circle>
        ),
      )}
      <g className="chart-legend" transform={`translate(${MARGIN.left}, ${HEIGHT - 14})`}>
        <line className="series-line" x1={0} x2={18} y1={0} y2={0} />
        <text x={24} y={4}>{seriesLabel}</text>
        <line className="reference-line" x1={200} x2={218} y1={0} y2={0} />
        <text x={224} y={4}>{referenceLabel}</text>
      </g>
    </svg>
  );
}
