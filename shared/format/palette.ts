/**
 * Colour-blind-safe sequential palette (viridis, 5 classes), ordered from "good" to
 * "bad" so darker always means worse whatever the indicator's direction.
 */
export const SEQUENTIAL_5 = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'] as const;
export const NO_VALUE_COLOUR = '#d9d9d9';
/**
 * Colour-blind-safe diverging palette (ColorBrewer PuOr, 5 classes) for changes, from
 * worse (dark orange) through "about the same" (light grey) to better (dark purple).
 */
export const DIVERGING_5 = ['#b35806', '#f1a340', '#f7f7f7', '#998ec3', '#542788'] as const;

/** Colour for class `index` of `classes`, with the indicator's direction applied. */
export function classColour(index: number, classes: number, higherIsWorse: boolean): string {
  const palette = SEQUENTIAL_5.slice(5 - Math.min(classes, 5));
  const position = higherIsWorse ? index : classes - 1 - index;
  return palette[Math.max(0, Math.min(palette.length - 1, position))] ?? NO_VALUE_COLOUR;
}
