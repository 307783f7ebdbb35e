import { describe, expect, it } from 'vitest';
import { Encrypter } from 'age-encryption';
import { decryptAgeInMemory } from '../extract/decrypt';
import { generateAnalystKey, identityFromKeyFile } from './identity';
import { KeyStore, KeyStoreError, keyStoreErrorCode, type OsSealer } from './key-store';
import { resolveOpenSecret } from './resolve-secret';

function memoryStorage() {
  let text: string | null = null;
  return { storage: { load: async () => text, save: async (t: string) => void (text = t) }, text: () => text };
}

/** Stands in for safeStorage: reversible, but never the plain text. */
const fakeOs: OsSealer = {
  available: () => true,
  seal: async (s) => `os:${[...s].reverse().join('')}`,
  unseal: async (s) => [...s.slice(3)].reverse().join(''),
};

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toBeInstanceOf(KeyStoreError);
  await promise.catch((err: Error) => expect(keyStoreErrorCode(err.message)).toBe(code));
}

describe('KeyStore', () => {
  it('creates a passphrase-sealed key: public key listed, secret key never stored in clear', async () => {
    const { storage, text } = memoryStorage();
    const store = new KeyStore(storage, null);
    const info = await store.create({ label: 'Anna, analyse', protection: 'passphrase', passphrase: 'lang nok kode' });
    expect(info.recipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(await store.list()).toEqual([info]);
    const identity = await store.unseal(info.id, 'lang nok kode');
    expect(identity).toMatch(/^AGE-SECRET-KEY-1/);
    expect(text()).not.toContain(identity);
    expect(text()).not.toContain(identity.slice(20, 40));
    await expectCode(store.unseal(info.id, 'forkert kode'), 'wrong-key-passphrase');
    await expectCode(store.unseal(info.id), 'wrong-key-passphrase');
  });

  it('refuses short key passphrases, empty labels and the OS key store where there is none', async () => {
    const store = new KeyStore(memoryStorage().storage, null);
    await expectCode(store.create({ label: 'x', protection: 'passphrase', passphrase: 'kort' }), 'invalid-request');
    await expectCode(store.create({ label: '  ', protection: 'passphrase', passphrase: 'lang nok kode' }), 'invalid-request');
    await expectCode(store.create({ label: 'x', protection: 'os-keystore' }), 'os-keystore-unavailable');
    expect(store.osKeystoreAvailable()).toBe(false);
  });

  it('seals with the OS key store when available', async () => {
    const { storage, text } = memoryStorage();
    const store = new KeyStore(storage, fakeOs);
    const { identity, recipient } = await generateAnalystKey();
    const info = await store.add(identity, { label: 'OS', protection: 'os-keystore' });
    expect(info.recipient).toBe(recipient);
    expect(text()).not.toContain(identity);
    expect(await store.unseal(info.id)).toBe(identity);
  });

  it('imports an age-keygen key file and refuses text without exactly one identity', async () => {
    const { identity, recipient } = await generateAnalystKey();
    const file = `# created: 2025-01-01T00:00:00Z\n# public key: ${recipient}\n${identity}\n`;
    expect(identityFromKeyFile(file)).toBe(identity);
    expect(identityFromKeyFile('# nothing here\n')).toBeNull();
    expect(identityFromKeyFile(`${identity}\n${identity}\n`)).toBeNull();
    const store = new KeyStore(memoryStorage().storage, null);
    await expectCode(store.add('AGE-SECRET-KEY-1NOPE', { label: 'x', protection: 'passphrase', passphrase: '12345678' }), 'invalid-request');
  });

  it('deletes keys and says so for unknown ids; a damaged store file is named', async () => {
    const { storage } = memoryStorage();
    const store = new KeyStore(storage, null);
    const info = await store.create({ label: 'x', protection: 'passphrase', passphrase: '12345678' });
    await store.remove(info.id);
    expect(await store.list()).toEqual([]);
    await expectCode(store.remove(info.id), 'no-such-key');
    await storage.save('{"version":1,"keys":[{"id":1}]}');
    await expectCode(store.list(), 'corrupt-store');
  });

  it('opens an extract encrypted to a stored key, via resolveOpenSecret, and maps a wrong key passphrase to wrong-secret', async () => {
    const store = new KeyStore(memoryStorage().storage, null);
    const info = await store.create({ label: 'x', protection: 'passphrase', passphrase: '12345678' });
    const encrypter = new Encrypter();
    encrypter.addRecipient(info.recipient);
    const file = await encrypter.encrypt(new TextEncoder().encode('hemmelige aggregater'));
    const resolved = await resolveOpenSecret({ kind: 'stored-key', keyId: info.id, keyPassphrase: '12345678' }, store);
    if (!resolved.ok) throw new Error(resolved.error.code);
    const result = await decryptAgeInMemory(file, resolved.secret);
    expect(result.ok && new TextDecoder().decode(result.plaintext)).toBe('hemmelige aggregater');
    const wrong = await resolveOpenSecret({ kind: 'stored-key', keyId: info.id, keyPassphrase: 'nope' }, store);
    expect(wrong).toEqual({ ok: false, error: { code: 'wrong-secret', detail: 'wrong-key-passphrase: wrong passphrase for the stored key' } });
  });
});
