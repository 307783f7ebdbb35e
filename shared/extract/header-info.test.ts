import { describe, expect, it } from 'vitest';
import { Encrypter } from 'age-encryption';
import { generateAnalystKey } from '../keys/identity';
import { detectEncryption } from './header-info';

describe('detectEncryption', () => {
  it('tells passphrase files from files for named keys, before any key derivation', async () => {
    const withPassphrase = new Encrypter();
    withPassphrase.setPassphrase('x');
    withPassphrase.setScryptWorkFactor(10);
    expect(detectEncryption(await withPassphrase.encrypt('data'))).toBe('passphrase');

    const forKeys = new Encrypter();
    forKeys.addRecipient((await generateAnalystKey()).recipient);
    forKeys.addRecipient((await generateAnalystKey()).recipient);
    expect(detectEncryption(await forKeys.encrypt('data'))).toBe('recipients');
  });

  it('says unknown for anything else', () => {
    expect(detectEncryption(new TextEncoder().encode('PK\u0003\u0004'))).toBe('unknown');
    expect(detectEncryption(new Uint8Array(0))).toBe('unknown');
    expect(detectEncryption(new TextEncoder().encode('age-encryption.org/v1\n-> ssh-ed25519 abc\n'))).toBe('unknown');
  });
});
