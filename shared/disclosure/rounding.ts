/**
 * Optional rounding of published counts to a base (3, 5, 10 …): conventional rounding to the
 * nearest multiple, halves upwards, applied to published cells only (suppressed cells print as
 * suppressed). Rounded tables no longer add up; the audit is done on the exact values, which
 * is conservative (rounding only adds uncertainty for the attacker). See docs/disclosure.md.
 */
export function roundToBase(value: number, base: number): number {
  if (base <= 1) return value;
  return Math.floor(value / base + 0.5) * base;
}
