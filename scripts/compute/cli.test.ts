import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import socialBalance from '../../shared/indicators/packs/social-balance.json';
import { runCompute, type ComputeIo } from './cli';

const DEMO = fileURLToPath(new URL('../../resources/demo/demo.bdx', import.meta.url));
const PACK = fileURLToPath(new URL('../../shared/indicators/packs/social-balance.json', import.meta.url));
const CRITERIA = fileURLToPath(new URL('../../shared/indicators/packs/dk-official-criteria.json', import.meta.url));
let dir: string;

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: ComputeIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env,
    interactive: false,
    promptHidden: () => Promise.reject(new Error('no terminal')),
    now: () => new Date('2025-01-15T12:00:00Z'),
  };
  return { value, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bdm-compute-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run compute', () => {
  it('documents every option in --help and exits 2 on bad usage', async () => {
    const help = io();
    expect(await runCompute(['--help'], help.value)).toBe(0);
    for (const option of ['--extract', '--pack', '--out', '--layer', '--identity', '--lang', '--threads', '--force', 'BDX_PASSPHRASE']) {
      expect(help.out.join('')).toContain(option);
    }
    const bad = io();
    expect(await runCompute(['--extract', DEMO, '--pack', PACK, '--out', 'x.txt'], bad.value)).toBe(2);
    expect(bad.err.join('')).toMatch(/--out must end in \.xlsx or \.csv/);
    const noSecret = io();
    expect(await runCompute(['--extract', DEMO, '--pack', PACK, '--out', join(dir, 'a.csv')], noSecret.value)).toBe(2);
    expect(noSecret.err.join('')).toMatch(/BDX_PASSPHRASE/);
  });

  it('exits 1 naming the indicator and field of an invalid pack', async () => {
    const broken = structuredClone(socialBalance) as { indicators: { unit: string }[] };
    broken.indicators[1]!.unit = 'percent';
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(broken));
    const run = io({ BDX_PASSPHRASE: 'sundby-demo-2025' });
    expect(await runCompute(['--extract', DEMO, '--pack', file, '--out', join(dir, 'b.csv'), '--lang', 'en'], run.value)).toBe(1);
    expect(run.err.join('')).toMatch(/indicator "outside_work_edu_18_64": unit: must be one of/);
  });

  it('writes a Danish Excel CSV for one layer of the demo extract', async () => {
    const out = join(dir, 'bydel.csv');
    const run = io({ BDX_PASSPHRASE: 'sundby-demo-2025' });
    expect(await runCompute(['--extract', DEMO, '--pack', PACK, '--out', out, '--layer', 'bydel'], run.value)).toBe(0);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readFile(out));
    expect(text.startsWith('\uFEFFlag;område_id;')).toBe(true);
    const lines = text.trim().split('\r\n');
    // 8 bydele + the municipality, 19 indicators, 10 periods.
    expect(lines).toHaveLength(1 + (8 + 1) * 19 * 10);
    expect(lines[1]).toMatch(/^bydel;1;Midtbyen;2015;employment_16_64;Beskæftigede 16–64 år;%;\d+;\d+;\d+,\d+;/);
    expect(await runCompute(['--extract', DEMO, '--pack', PACK, '--out', out], io({ BDX_PASSPHRASE: 'sundby-demo-2025' }).value)).toBe(1);
  });

  it('writes the composite index with ranks and robustness beside the CSV, for the chosen layer', async () => {
    const out = join(dir, 'index.csv');
    const run = io({ BDX_PASSPHRASE: 'sundby-demo-2025' });
    expect(await runCompute(['--extract', DEMO, '--pack', PACK, '--out', out, '--layer', 'bydel', '--lang', 'en'], run.value)).toBe(0);
    expect(run.out.join('')).toMatch(/composite index of 16 indicators for the layer "bydel" \(80 rows\) written to .*index-composite\.csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readFile(join(dir, 'index-composite.csv')));
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('layer;area_id;area;period;index;rank;ranked;weight_share;small_population;rank_equal_weights;rank_low;rank_high;max_shift');
    // 8 bydele × 10 periods; in each period the ranks are 1..8 and follow the index.
    expect(lines).toHaveLength(1 + 8 * 10);
    const rows = lines.slice(1).map((l) => l.split(';'));
    const latest = rows.filter((r) => r[3] === '2024').map((r) => ({ index: Number(r[4]!.replace(',', '.')), rank: Number(r[5]), low: Number(r[10]), high: Number(r[11]) }));
    expect(latest.map((r) => r.rank).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const byRank = [...latest].sort((a, b) => a.rank - b.rank);
    for (let i = 1; i < byRank.length; i++) expect(byRank[i]!.index).toBeLessThan(byRank[i - 1]!.index);
    for (const r of latest) expect(r.low <= r.rank && r.rank <= r.high).toBe(true);
  });

  it('writes the classifications of the official-criteria pack beside the CSV', async () => {
    const out = join(dir, 'criteria.csv');
    const run = io({ BDX_PASSPHRASE: 'sundby-demo-2025' });
    expect(await runCompute(['--extract', DEMO, '--pack', CRITERIA, '--out', out, '--layer', 'boligomraade', '--lang', 'en'], run.value)).toBe(0);
    expect(run.out.join('')).toMatch(/classification results \(contested criteria not evaluated; see --include-contested\) written to .*criteria-classifications\.csv/);
    const results = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readFile(out));
    expect(results.split('\r\n')[0]).toBe('\uFEFFlayer;area_id;area;period;indicator_id;indicator;unit;numerator;denominator;value;lower_95;upper_95;reference;reference_level;small_population');
    // The demo has no reference table: the municipality stands in for the nation and the region.
    expect(results).toMatch(/\r\nboligomraade;BO4;Solvænget;2024;income_mean_15_64;[^\r]*;municipality;\r\n/);
    expect(results).toMatch(/\r\nboligomraade;BO4;Solvænget;2024;residents;Residents;count;2724;2724;2724;;;\d+;municipality;\r\n/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readFile(join(dir, 'criteria-classifications.csv')));
    const lines = text.trim().split('\r\n');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('layer;area_id;area;period;list_year;classification_id;classification;status;residents;criteria_met;criteria_required;details;reason');
    // 4 estates × (ghetto 2013: 2015–2017, three 2018–2020 rules, four 2021– rules: 2021–2024).
    expect(lines).toHaveLength(1 + 4 * (3 + 3 * 3 + 4 * 4));
    const udsat = lines.find((l) => l.startsWith('boligomraade;BO4;Solvænget;2024;2024;udsat_2021;'));
    expect(udsat).toMatch(/;met;2724;3;2;outside_2018_gt_40: 49\.2 % > 40\.0 % \(met\) \| convictions_2018_gte_3x_nation: 1\.4 % ≥ 3 × 0\.8 % \(the municipality\) = 2\.4 % \(not met\) \| /);
    expect(lines.find((l) => l.startsWith('boligomraade;BO4;Solvænget;2024;2024;parallelsamfund_2021;'))).toMatch(/;not evaluated;.*Not evaluated: the rule uses the contested criterion non_western_share/);
  });

  it('adds a classifications sheet and the rules to the XLSX, contested criteria on request', async () => {
    const out = join(dir, 'criteria.xlsx');
    const run = io({ BDX_PASSPHRASE: 'sundby-demo-2025' });
    expect(await runCompute(['--extract', DEMO, '--pack', CRITERIA, '--out', out, '--layer', 'boligomraade', '--include-contested', '--list-year-offset', '1'], run.value)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(out)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Resultater', 'Klassifikationer', 'Definitioner', 'Regler', 'Om']);
    const sheet = workbook.getWorksheet('Klassifikationer')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    // Period 2023 under the 2024 list rules: forebyggelsesområde evaluated (contested on).
    const prevention = rows.find((r) => r[2] === 'BO4' && r[4] === 2023 && r[6] === 'forebyggelse_2021');
    expect(prevention?.[5]).toBe(2024);
    expect(prevention?.[8]).toBe('opfyldt');
    expect(workbook.getWorksheet('Regler')!.rowCount).toBe(1 + 9);
    expect(await runCompute(['--extract', DEMO, '--pack', CRITERIA, '--out', out, '--list-year-offset', 'x'], io({ BDX_PASSPHRASE: 'sundby-demo-2025' }).value)).toBe(2);
  });
});
