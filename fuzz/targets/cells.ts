/**
 * cells: single table cells → the builder's Danish value readers (shared/builder/tables/
 * values.ts): numbers with decimal comma or point and thousands separators, whole numbers
 * (BIGINT beyond 2^53 as bigint), booleans, day-first dates, suppression markers. Cheap, so
 * many cases; the watchdog catches a regular expression that backtracks without end.
 */
import { decimalEvidence, normaliseNumber, parseBoolean, parseDate, parseNumber, parseWhole, suppressionMarker, trimCell } from '../../shared/builder/tables/values';
import { NASTY_CELLS, type Rng } from '../mutate';
import { assertThat, describe, type FuzzInput, type FuzzTarget, type Verdict } from '../target';

const PIECES = ['1', '12', '123', '1234', '0', '.', ',', ' ', '\u00a0', '\u2009', '-', '−', '+', 'e', 'E', '<', 'x', '/', '-', 'T00:00', 'Z', '2024', '02', '30', '31', '\t', '\n', 'æ'];

function generate(rng: Rng): FuzzInput {
  let cell: string;
  const r = rng.next();
  if (r < 0.3) cell = rng.pick(NASTY_CELLS);
  else if (r < 0.85) cell = Array.from({ length: rng.intBetween(1, 12) }, () => rng.pick(PIECES)).join('');
  else {
    // Long runs that make a careless pattern backtrack: digits and separators, with a bad tail.
    const unit = rng.pick(['1', '1.', '1,', '12 ', '123.', '1 234', '0', ' ']);
    cell = unit.repeat(rng.pick([1000, 10_000, 50_000])) + rng.pick(['', 'x', ',', '.', ' ', '-', 'e5', '\u0000']);
  }
  return { variant: 'cell', bytes: new TextEncoder().encode(cell) };
}

async function run(input: FuzzInput): Promise<Verdict> {
  const text = new TextDecoder().decode(input.bytes);
  for (const decimal of [',', '.'] as const) {
    const n = parseNumber(text, decimal);
    assertThat(n === null || (typeof n === 'number' && Number.isFinite(n)), 'bad-result', () => `parseNumber(${describe(text)}, "${decimal}") = ${describe(n)}`);
    const w = parseWhole(text, decimal);
    assertThat(w === null || typeof w === 'bigint' || Number.isSafeInteger(w), 'bad-result', () => `parseWhole(${describe(text)}, "${decimal}") = ${describe(w)}`);
    const normal = normaliseNumber(text, decimal);
    assertThat(normal === null || /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(normal), 'bad-result', () => `normaliseNumber(${describe(text)}, "${decimal}") = ${describe(normal)}`);
    // A suppression marker is never read as a number (the brief: suppressed, never zero).
    if (suppressionMarker(text) !== null) assertThat(n === null, 'accepted-invalid', () => `${describe(text)} is a suppression marker and also the number ${n}`);
  }
  const date = parseDate(text);
  assertThat(date === null || (/^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date))), 'bad-result', () => `parseDate(${describe(text)}) = ${describe(date)}`);
  const b = parseBoolean(text);
  assertThat(b === null || typeof b === 'boolean', 'bad-result', () => `parseBoolean = ${describe(b)}`);
  const evidence = decimalEvidence(text);
  assertThat(evidence === null || evidence === ',' || evidence === '.', 'bad-result', () => `decimalEvidence = ${describe(evidence)}`);
  assertThat(typeof trimCell(text) === 'string', 'bad-result', 'trimCell returned no text');
  return { status: 'accepted' };
}

export const cellsTarget: FuzzTarget = {
  name: 'cells',
  description: "table cells → the builder's Danish number, whole-number, date, boolean and suppression-marker readers (values.ts)",
  defaultCases: 3000,
  budgetMs: 2_000,
  generate,
  run,
};
