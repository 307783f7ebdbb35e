/**
 * The same compiled SQL on native DuckDB (npm run compute) and on DuckDB-wasm (the app's
 * engine, its Node build) gives identical results for the whole social-balance pack on
 * the demo extract.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { unpackExtract } from '../../shared/extract/unpack';
import { SOCIAL_BALANCE_PACK } from '../../shared/indicators/packs/index';
import { computePack, type PackComputation } from '../../shared/indicators/run';
import { openNativeEngine, openWasmEngine, type NodeEngine } from './engines';

const DEMO = new URL('../../resources/demo/demo.bdx', import.meta.url);

async function run(open: () => Promise<NodeEngine>, unpacked: ReturnType<typeof unpackExtract>): Promise<PackComputation> {
  const engine = await open();
  try {
    for (const table of unpacked.manifest.tables) await engine.loadParquet(table, unpacked.tables.get(table.name) as Uint8Array);
    return await computePack(engine, SOCIAL_BALANCE_PACK.indicators, unpacked.manifest, unpacked.layers);
  } finally {
    engine.close();
  }
}

const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)));

describe('native DuckDB and DuckDB-wasm on the demo extract', () => {
  it('give identical results for the whole social-balance pack', async () => {
    const decrypted = await decryptAgeInMemory(new Uint8Array(await readFile(DEMO)), { kind: 'passphrase', passphrase: 'sundby-demo-2025' });
    if (!decrypted.ok) throw new Error(`demo extract: ${decrypted.error.code}`);
    const unpacked = unpackExtract(decrypted.plaintext);
    const native = await run(() => openNativeEngine(), unpacked);
    const wasm = await run(openWasmEngine, unpacked);

    expect(native.sql).toBe(wasm.sql);
    expect(native.rows.length).toBeGreaterThan(15_000);
    expect(wasm.rows.map((r) => `${r.indicator_id}|${r.layer_id}|${r.period}|${r.area_id}`)).toEqual(
      native.rows.map((r) => `${r.indicator_id}|${r.layer_id}|${r.period}|${r.area_id}`),
    );
    // Every layer and every indicator is there.
    expect(new Set(native.rows.map((r) => r.layer_id))).toEqual(new Set(['basisdistrikt', 'bydel', 'boligomraade', '@municipality']));
    expect(new Set(native.rows.map((r) => r.indicator_id)).size).toBe(SOCIAL_BALANCE_PACK.indicators.length);

    const mismatches: string[] = [];
    native.rows.forEach((n, i) => {
      const w = wasm.rows[i];
      if (!w) return;
      // Counts are integers and equal exactly; sums of a DOUBLE column (school absence)
      // may differ in the last bit with the order of addition.
      if (n.denominator !== w.denominator || !close(n.numerator, w.numerator) || !close(n.median, w.median) || !close(n.sum_sq, w.sum_sq)) {
        mismatches.push(`${n.indicator_id} ${n.layer_id} ${n.period} ${n.area_id}: ${JSON.stringify(n)} vs ${JSON.stringify(w)}`);
      }
      if (n.numerator !== null && Number.isInteger(n.numerator) && n.numerator !== w.numerator) mismatches.push(`count ${n.indicator_id} ${n.area_id}`);
    });
    expect(mismatches).toEqual([]);
    expect(wasm.results.cells.length).toBe(native.results.cells.length);
    native.results.cells.forEach((c, i) => {
      const w = wasm.results.cells[i];
      if (!w || !close(c.value, w.value) || !close(c.lower, w.lower) || !close(c.upper, w.upper) || c.small !== w.small) {
        mismatches.push(`cell ${c.indicatorId} ${c.layerId} ${c.period} ${c.areaId}`);
      }
    });
    expect(mismatches).toEqual([]);
  }, 120_000);
});
