/**
 * A funnel plot: each area's value against its population, with the target line and the
 * 95 % (warning) and 99.8 % (alarm) limits. Shape and colour both carry the class, so it
 * reads without colour vision; each point has a title and is reachable from the flags list.
 */
import type { FunnelLimits } from '../../../shared/stats/funnel';
import { linePath, linearScale } from './scale';

export type PointEmphasis = 'alarm' | 'warning' | 'none';

export interface FunnelPlotPoint {
  areaId: string;
  label: string;
  n: number;
  value: number;
  emphasis: PointEmphasis;
}

interface Props {
  title: string;
  curve: readonly FunnelLimits[];
  target: number;
  points: readonly FunnelPlotPoint[];
  selectedAreaId: string | null;
  formatValue(value: number): string;
  formatN(n: number): string;
  xLabel: string;
  onSelect?(areaId: string): void;
}

const WIDTH = 520;
const HEIGHT = 320;
const MARGIN = { top: 12, right: 16, bottom: 40, left: 64 };

export function FunnelPlot({ title, curve, target, points, selectedAreaId, formatValue, formatN, xLabel, onSelect }: Props) {
  const maxN = Math.max(1, ...points.map((p) => p.n), ...curve.map((c) => c.n));
  const values = [target, ...points.map((p) => p.value), ...curve.flatMap((c) => [c.alarmLower, c.alarmUpper])];
  const x = linearScale(0, maxN, MARGIN.left, WIDTH - MARGIN.right);
  const y = linearScale(Math.min(...values), Math.max(...values), HEIGHT - MARGIN.bottom, MARGIN.top);
  // Clip limits to the drawn range: near n = 0 they run to 0 % and 100 %.
  const clampY = (v: number) => Math.min(HEIGHT - MARGIN.bottom, Math.max(MARGIN.top, y(v)));
  const limit = (pick: (c: FunnelLimits) => number) => linePath(curve.map((c) => [x(c.n), clampY(pick(c))] as const));
  return (
    <svg className="funnel-plot" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} data-testid="funnel-plot">
      <title>{title}</title>
      {y.ticks.map((t) => (
        <g key={`y${t}`} className="tick">
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} />
          <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end">{formatValue(t)}</text>
        </g>
      ))}
      {x.ticks.map((t) => (
        <text key={`x${t}`} className="tick" x={x(t)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">{formatN(t)}</text>
      ))}
      <text className="axis-label" x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={HEIGHT - 6} textAnchor="middle">{xLabel}</text>
      <path className="limit alarm" d={limit((c) => c.alarmUpper)} />
      <path className="limit alarm" d={limit((c) => c.alarmLower)} />
      <path className="limit warning" d={limit((c) => c.warningUpper)} />
      <path className="limit warning" d={limit((c) => c.warningLower)} />
      <line className="target" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(target)} y2={y(target)} />
      {points.map((p) => {
        const cx = x(p.n);
        const cy = y(p.value);
        const selected = p.areaId === selectedAreaId;
        const text = `${p.label}: ${formatValue(p.value)} (n = ${formatN(p.n)})`;
        const common = {
          className: `point ${p.emphasis}${selected ? ' selected' : ''}`,
          'data-area-id': p.areaId,
          onClick: onSelect ? () => onSelect(p.areaId) : undefined,
        };
        return p.emphasis === 'alarm' ? (
          <path key={p.areaId} {...common} d={`M${cx},${cy - 7}L${cx + 7},${cy}L${cx},${cy + 7}L${cx - 7},${cy}Z`}>
            <title>{text}</title>
          </path>
        ) : p.emphasis === 'warning' ? (
          <rect key={p.areaId} {...common} x={cx - 5} y={cy - 5} width={10} height={10}>
            <title>{text}</title>
          </rect>
        ) : (
          <circle key={p.areaId} {...common} cx={cx} cy={cy} r={selected ? 6 : 4}>
            <title>{text}</title>
          </circle>
        );
      })}
    </svg>
  );
}
