/**
 * CSV for Danish Excel: ";" between fields, decimal comma without thousands separators
 * (Excel reads "1234,5" as a number in Danish locales), UTF-8 with a BOM, CRLF lines.
 */

export function danishNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  return String(Number(value.toFixed(6))).replace('.', ',');
}

export function csvField(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvBytes(lines: readonly string[]): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/** One CSV line: numbers in Danish notation, text quoted where needed, null as empty. */
export function csvLine(values: readonly (string | number | null)[]): string {
  return values.map((v) => csvField(typeof v === 'number' ? danishNumber(v) : (v ?? ''))).join(';');
}
