import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import socialBalance from '../../shared/indicators/packs/social-balance.json';
import { runCompute, type ComputeIo } from './cli';

const DEMO = fileURLToPath(new URL('../../resources/demo/demo.bdx', import.meta.url));
const PACK = fileURLToPath(new URL('../../shared/indicators/packs/social-balance.json', import.meta.url));
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
});
