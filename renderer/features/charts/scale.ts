/** Linear scales and "nice" ticks for the small SVG charts (funnel plot, trend chart). */

export interface LinearScale {
  (value: number): number;
  domain: [number, number];
  ticks: number[];
}

/** 1, 2 or 5 × a power of ten: the step that gives about `count` ticks over the span. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A scale from [min, max] (widened outwards to whole ticks) onto [from, to] in pixels.
 * A degenerate domain (min = max) is widened around the value, so a constant series draws.
 */
export function linearScale(min: number, max: number, from: number, to: number, tickCount = 5): LinearScale {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, tickCount);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision so 0.1 + 0.2 style noise never reaches a label.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toFixed(digits)));
  const scale = ((value: number) => from + ((value - lo) / (hi - lo)) * (to - from)) as LinearScale;
  scale.domain = [lo, hi];
  scale.ticks = ticks;
  return scale;
}

/** An SVG path through the points, skipping gaps (null values) by starting a new segment. */
export function linePath(points: readonly (readonly [number, number | null])[]): string {
  let path = '';
  let pen = false;
  for (const [x, y] of points) {
    if (y === null || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    path += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  }
  return path;
}
