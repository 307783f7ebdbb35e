import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../shared/keys/key-store';
import { fileKeyStorage, safeStorageSealer, type SafeStorageLike } from './key-storage';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Like safeStorage: opaque bytes out, the string back only through decryptString. */
const fakeSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (bytes) => Buffer.from(bytes.map((b) => b ^ 0x5a)).toString('utf8'),
};

describe('the key store file in the profile', () => {
  it('is written owner-only, atomically, and holds no secret key in clear', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bdm-keys-'));
    dirs.push(dir);
    const file = path.join(dir, 'profile', 'keys.json');
    const store = new KeyStore(fileKeyStorage(file), safeStorageSealer(fakeSafeStorage));
    expect(await store.list()).toEqual([]);
    const info = await store.create({ label: 'Analytiker', protection: 'os-keystore' });
    const identity = await store.unseal(info.id);
    expect(identity).toMatch(/^AGE-SECRET-KEY-1/);
    const text = await (await import('node:fs/promises')).readFile(file, 'utf8');
    expect(text).toContain(info.recipient);
    expect(text).not.toContain(identity);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['keys.json']);
  });
});
