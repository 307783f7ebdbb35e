import { describe, expect, it, vi } from 'vitest';
import type { Host } from '../../shared/host/contract';
import { buildArchive } from '../../shared/extract/pack';
import { tinyContents } from '../../shared/extract/test-fixtures';
import { SOCIAL_BALANCE_PACK } from '../../shared/indicators/packs/index';
import type { AnalyticEngine } from './duckdb';
import { isOutOfMemory } from './duckdb';
import { openExtract } from './open-extract';

const handle = { id: 'h1', name: 'stort.bdx', sizeBytes: 1, origin: 'file' as const, encryption: 'passphrase' as const };

function host(): Host {
  const plaintext = buildArchive(tinyContents());
  return { decryptExtract: vi.fn(async () => ({ ok: true as const, plaintext })) } as unknown as Host;
}

/** An engine whose heap runs full as the given DuckDB-wasm error. */
function fullEngine(error: Error): { engine: AnalyticEngine; terminate: ReturnType<typeof vi.fn> } {
  const terminate = vi.fn();
  const engine = { loadParquetTable: vi.fn(async () => Promise.reject(error)), terminate, query: vi.fn() } as unknown as AnalyticEngine;
  return { engine, terminate };
}

describe('opening an extract that does not fit in memory', () => {
  it.each([
    ['DuckDB', new Error('Out of Memory Error: failed to allocate data of size 256.0 MiB (3.9 GiB/4.0 GiB used)')],
    ['the wasm heap', new RangeError('Array buffer allocation failed')],
  ])('%s out of memory: "too large", with what to do, and the engine terminated', async (_, error) => {
    const { engine, terminate } = fullEngine(error);
    const result = await openExtract(host(), handle, { kind: 'passphrase', passphrase: 'x' }, SOCIAL_BALANCE_PACK, () => {}, async () => engine);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('too-large');
    expect(result.error.detail).toContain('ran out of memory while loading table "persons"');
    expect(result.error.detail).toContain('npm run compute');
    expect(terminate).toHaveBeenCalledTimes(1);
  });

  it('a broken table is not mistaken for memory', async () => {
    const { engine } = fullEngine(new Error('Invalid Input Error: not a parquet file'));
    const result = await openExtract(host(), handle, { kind: 'passphrase', passphrase: 'x' }, SOCIAL_BALANCE_PACK, () => {}, async () => engine);
    expect(result).toMatchObject({ ok: false, error: { code: 'schema-mismatch' } });
  });

  it('recognises the ways the engine says its heap is full, and nothing else', () => {
    expect(isOutOfMemory(new Error('Out of Memory Error: could not allocate block of size 262KB'))).toBe(true);
    expect(isOutOfMemory(new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'))).toBe(true);
    expect(isOutOfMemory(new Error('Binder Error: column "x" not found'))).toBe(false);
  });
});
