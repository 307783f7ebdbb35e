/** The printed table and bench/results.json. */
import { readFile, writeFile } from 'node:fs/promises';
import { goalMet } from './measure';
import type { Figure, MeasuredFigure } from './types';

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
}

export function formatTable(figures: readonly MeasuredFigure[]): string {
  const header = ['benchmark', 'value', 'reference', 'ratio', 'goal', 'met'];
  const rows = figures.map((figure) => {
    const met = goalMet(figure);
    return [
      figure.name,
      `${formatNumber(figure.value)} ${figure.unit}`,
      figure.reference ? `${formatNumber(figure.reference.value)} ${figure.unit} (${figure.reference.name})` : '—',
      figure.ratio === null ? '—' : `${figure.ratio.toFixed(2)}×`,
      figure.goal,
      met === null ? '—' : met ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)));
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const notes = [
    'ratio = value ÷ reference value, both measured in this run.',
    'For MB/s a ratio above 1 means faster than the reference; for latencies (ms, p95) a ratio below 1 does.',
  ];
  return [pad(header, widths), rule, ...rows.map((row) => pad(row, widths)), '', ...notes].join('\n');
}

/** Only the convention's fields go to results.json. */
export function toFigure(figure: MeasuredFigure): Figure {
  const { name, workload, value, unit, reference, ratio, goal } = figure;
  return { name, workload, value, unit, reference, ratio, goal };
}

/** The figures of an existing results.json, or none when it is missing. */
async function readResults(file: string): Promise<Figure[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error(`${file} is not a list of figures`);
  return parsed as Figure[];
}

/**
 * Writes results.json and returns how many figures it holds. With keepOthers (a run
 * that measured only some benchmarks), the previous file's figures stay, each
 * replaced in place by this run's figure of the same name; new figures are appended.
 */
export async function writeResults(file: string, figures: readonly MeasuredFigure[], options: { keepOthers?: boolean } = {}): Promise<number> {
  let out = figures.map(toFigure);
  if (options.keepOthers) {
    const fresh = new Map(out.map((figure) => [figure.name, figure]));
    const merged = (await readResults(file)).map((old) => {
      const replacement = fresh.get(old.name);
      fresh.delete(old.name);
      return replacement ?? old;
    });
    out = [...merged, ...fresh.values()];
  }
  await writeFile(file, `${JSON.stringify(out, null, 2)}\n`);
  return out.length;
}
