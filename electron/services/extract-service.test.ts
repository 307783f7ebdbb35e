import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExtractError } from '../../shared/extract/errors';
import type { DecryptResult } from '../../shared/host/contract';
import { decryptExtractBytes, decryptExtractFile } from './decrypt';
import { ExtractService } from './extract-service';
import { UnknownExtractHandleError } from './extract-registry';

const PASSPHRASE = 'sundby-test-2025';
const PLAINTEXT = new TextEncoder().encode('manifest.json + tables: synthetic test content '.repeat(50));

let tmp: string;
let rendererRoot: string;
let ciphertext: Uint8Array;

async function encrypt(bytes: Uint8Array, passphrase: string): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  encrypter.setScryptWorkFactor(10); // tiny work factor: tests, not protection
  return encrypter.encrypt(bytes);
}

async function fileWith(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, bytes);
  return file;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-extract-'));
  rendererRoot = path.join(tmp, 'renderer');
  await mkdir(path.join(rendererRoot, 'demo'), { recursive: true });
  ciphertext = await encrypt(PLAINTEXT, PASSPHRASE);
  await writeFile(path.join(rendererRoot, 'demo', 'demo.bdx'), ciphertext);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const secret = (passphrase: string) => ({ kind: 'passphrase' as const, passphrase });

describe('ExtractService', () => {
  it('opens the demo from <rendererRoot>/demo/demo.bdx and decrypts it in memory', async () => {
    const service = new ExtractService({ rendererRoot });
    const handle = await service.openDemo();
    expect(handle).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'demo.bdx', sizeBytes: ciphertext.length, origin: 'demo', encryption: 'passphrase' });
    const result = await service.decrypt(handle.id, secret(PASSPHRASE));
    expect(result.ok).toBe(true);
    if (result.ok) expect(new TextDecoder().decode(result.plaintext)).toBe(new TextDecoder().decode(PLAINTEXT));
  });

  it('gives the renderer no path, only id, name, size, origin and encryption kind', async () => {
    const file = await fileWith('sundby 2025.bdx', ciphertext);
    const service = new ExtractService({ rendererRoot });
    const handle = await service.openFile(file);
    expect(Object.keys(handle).sort()).toEqual(['encryption', 'id', 'name', 'origin', 'sizeBytes']);
    expect(handle.name).toBe('sundby 2025.bdx');
    expect(handle.origin).toBe('file');
    expect(JSON.stringify(handle)).not.toContain(tmp);
    expect(service.registry.get(handle.id).absolutePath).toBe(file);
  });

  it('reports a wrong passphrase as wrong-secret', async () => {
    const service = new ExtractService({ rendererRoot });
    const handle = await service.openDemo();
    const result = await service.decrypt(handle.id, secret('not the passphrase'));
    expect(result).toEqual({ ok: false, error: { code: 'wrong-secret' } });
  });

  it('reports a file that is not age-encrypted as not-an-extract', async () => {
    const file = await fileWith('spreadsheet.bdx', new TextEncoder().encode('PK\u0003\u0004 a zip, not an extract'));
    const service = new ExtractService({ rendererRoot });
    const result = await service.decrypt((await service.openFile(file)).id, secret(PASSPHRASE));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('not-an-extract');
  });

  it('reports a truncated file as damaged', async () => {
    const file = await fileWith('truncated.bdx', ciphertext.subarray(0, ciphertext.length - 40));
    const service = new ExtractService({ rendererRoot });
    const result = await service.decrypt((await service.openFile(file)).id, secret(PASSPHRASE));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('damaged');
  });

  it('reports an altered file as damaged', async () => {
    const altered = ciphertext.slice();
    altered[altered.length - 20] = (altered[altered.length - 20] ?? 0) ^ 1;
    const file = await fileWith('altered.bdx', altered);
    const service = new ExtractService({ rendererRoot });
    const result = await service.decrypt((await service.openFile(file)).id, secret(PASSPHRASE));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('damaged');
  });

  it('refuses files over the size limit as too-large without decrypting them', async () => {
    const decrypt = vi.fn(async (): Promise<DecryptResult> => ({ ok: true, plaintext: new Uint8Array() }));
    const file = await fileWith('big.bdx', ciphertext);
    const service = new ExtractService({ rendererRoot, maxExtractBytes: ciphertext.length - 1, decrypt });
    const handle = await service.openFile(file);
    expect(handle.sizeBytes).toBe(ciphertext.length);
    const result = await service.decrypt(handle.id, secret(PASSPHRASE));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('too-large');
      expect(result.error.detail).toMatch(/MiB/);
    }
    expect(decrypt).not.toHaveBeenCalled();
  });

  it('accepts a file exactly at the size limit', async () => {
    const file = await fileWith('exact.bdx', ciphertext);
    const service = new ExtractService({ rendererRoot, maxExtractBytes: ciphertext.length });
    const result = await service.decrypt((await service.openFile(file)).id, secret(PASSPHRASE));
    expect(result.ok).toBe(true);
  });

  it('reports a file that disappeared after choosing as unreadable-file, without its path', async () => {
    const file = await fileWith('gone.bdx', ciphertext);
    const service = new ExtractService({ rendererRoot });
    const handle = await service.openFile(file);
    await rm(file);
    const result = await service.decrypt(handle.id, secret(PASSPHRASE));
    expect(result).toEqual({ ok: false, error: { code: 'unreadable-file', detail: 'the file no longer exists' } });
  });

  it('refuses to open a missing file or a folder with unreadable-file', async () => {
    const service = new ExtractService({ rendererRoot });
    await expect(service.openFile(path.join(tmp, 'missing.bdx'))).rejects.toMatchObject({ code: 'unreadable-file' });
    await expect(service.openFile(tmp)).rejects.toBeInstanceOf(ExtractError);
    expect(service.registry.size).toBe(0);
  });

  it('says clearly when the build has no demo extract', async () => {
    const service = new ExtractService({ rendererRoot: path.join(tmp, 'empty-build') });
    await expect(service.openDemo()).rejects.toThrow(/demo extract is missing/);
  });

  it('rejects unknown ids and forgets released ones', async () => {
    const service = new ExtractService({ rendererRoot });
    await expect(service.decrypt('00000000-0000-4000-8000-000000000000', secret(PASSPHRASE))).rejects.toBeInstanceOf(
      UnknownExtractHandleError,
    );
    const handle = await service.openDemo();
    expect(service.registry.has(handle.id)).toBe(true);
    service.release(handle.id);
    expect(service.registry.has(handle.id)).toBe(false);
    await expect(service.decrypt(handle.id, secret(PASSPHRASE))).rejects.toThrow(/unknown extract handle/);
    expect(() => service.release(handle.id)).not.toThrow();
  });

  it('decrypts through the injected decrypt function (the single swap point), by path', async () => {
    const decrypt = vi.fn(async (): Promise<DecryptResult> => ({ ok: true, plaintext: new Uint8Array([7]) }));
    const service = new ExtractService({ rendererRoot, decrypt, maxExtractBytes: 1_000_000 });
    const handle = await service.openDemo();
    const result = await service.decrypt(handle.id, secret('x'));
    expect(result).toEqual({ ok: true, plaintext: new Uint8Array([7]) });
    expect(decrypt).toHaveBeenCalledWith(service.demoPath, { kind: 'passphrase', passphrase: 'x' }, { maxBytes: 1_000_000 });
  });

  it('opens an extract encrypted for an X25519 key with its identity', async () => {
    const identity = await generateX25519Identity();
    const encrypter = new Encrypter();
    encrypter.addRecipient(await identityToRecipient(identity));
    const file = await fileWith('for-analyst.bdx', await encrypter.encrypt(PLAINTEXT));
    const service = new ExtractService({ rendererRoot });
    const handle = await service.openFile(file);
    const result = await service.decrypt(handle.id, { kind: 'identity', identity });
    expect(result).toEqual({ ok: true, plaintext: PLAINTEXT });
    const other = await generateX25519Identity();
    expect(await service.decrypt(handle.id, { kind: 'identity', identity: other })).toEqual({ ok: false, error: { code: 'wrong-secret' } });
    expect(await service.decrypt(handle.id, secret(PASSPHRASE))).toMatchObject({ ok: false, error: { code: 'wrong-secret', detail: expect.stringMatching(/named keys/) } });
  });

  it('decrypts a multi-chunk extract read in blocks, and reports a cut at a chunk boundary as damaged', async () => {
    const big = new Uint8Array(3 * 65536 + 123).map((_, i) => (i * 7) & 0xff);
    const encrypted = await encrypt(big, PASSPHRASE);
    const service = new ExtractService({ rendererRoot });
    const whole = await service.decrypt((await service.openFile(await fileWith('big-ok.bdx', encrypted))).id, secret(PASSPHRASE));
    expect(whole.ok && Buffer.from(whole.plaintext).equals(Buffer.from(big))).toBe(true);
    const cut = encrypted.subarray(0, encrypted.length - (123 + 16));
    const result = await service.decrypt((await service.openFile(await fileWith('big-cut.bdx', cut))).id, secret(PASSPHRASE));
    expect(result).toMatchObject({ ok: false, error: { code: 'damaged' } });
  });

  it('issues a different id for every open, even of the same file', async () => {
    const service = new ExtractService({ rendererRoot });
    const a = await service.openDemo();
    const b = await service.openDemo();
    expect(a.id).not.toBe(b.id);
    service.release(a.id);
    expect(service.registry.has(b.id)).toBe(true);
  });
});

describe('decryptExtractFile (the default decryptor)', () => {
  it('refuses a file over maxBytes as too-large without reading it', async () => {
    const file = await fileWith('limit.bdx', ciphertext);
    const result = await decryptExtractFile(file, secret(PASSPHRASE), { maxBytes: ciphertext.length - 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(await decryptExtractFile(file, secret(PASSPHRASE), { maxBytes: ciphertext.length })).toMatchObject({ ok: true });
  });

  it('reports a missing file or a folder as unreadable-file', async () => {
    expect(await decryptExtractFile(path.join(tmp, 'nowhere.bdx'), secret(PASSPHRASE), { maxBytes: 1e9 })).toEqual({
      ok: false,
      error: { code: 'unreadable-file', detail: 'the file no longer exists' },
    });
    expect(await decryptExtractFile(tmp, secret(PASSPHRASE), { maxBytes: 1e9 })).toMatchObject({ ok: false, error: { code: 'unreadable-file' } });
  });

  it('the bytes binding decrypts with the same Node path', async () => {
    expect(await decryptExtractBytes(ciphertext, secret(PASSPHRASE))).toEqual({ ok: true, plaintext: PLAINTEXT });
  });
});
