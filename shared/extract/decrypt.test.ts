/**
 * The pure-JS path's secrets and refusals. The C2SP vectors are in
 * age-vectors.test.ts; files from the age CLI in electron/services/age/interop.test.ts.
 */
import { Encrypter, generateHybridIdentity, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { checkAgeFile, decryptAgeInMemory, noMatchError } from './decrypt';

const text = (value: string) => new TextEncoder().encode(value);

async function encryptFor(recipients: string[], plaintext: string): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  return encrypter.encrypt(plaintext);
}

describe('decryptAgeInMemory with an identity', () => {
  it('opens a file encrypted for the key, and not with another key', async () => {
    const identity = await generateX25519Identity();
    const ciphertext = await encryptFor([await identityToRecipient(identity)], 'tabeller');
    expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity })).toEqual({ ok: true, plaintext: text('tabeller') });
    expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity: ` ${identity}\n` })).toEqual({ ok: true, plaintext: text('tabeller') });
    const other = await generateX25519Identity();
    expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity: other })).toEqual({ ok: false, error: { code: 'wrong-secret' } });
  });

  it('says when the wrong kind of secret was given', async () => {
    const identity = await generateX25519Identity();
    const forKey = await encryptFor([await identityToRecipient(identity)], 'x');
    expect(await decryptAgeInMemory(forKey, { kind: 'passphrase', passphrase: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'wrong-secret', detail: expect.stringMatching(/named keys/) },
    });
    const encrypter = new Encrypter();
    encrypter.setPassphrase('p');
    encrypter.setScryptWorkFactor(10);
    const withPassphrase = await encrypter.encrypt('x');
    expect(await decryptAgeInMemory(withPassphrase, { kind: 'identity', identity })).toMatchObject({
      ok: false,
      error: { code: 'wrong-secret', detail: expect.stringMatching(/passphrase/) },
    });
  });

  it('refuses malformed and post-quantum identities as wrong-secret, like the Node path', async () => {
    const hybrid = await generateHybridIdentity();
    const ciphertext = await encryptFor([await identityToRecipient(hybrid)], 'x');
    expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity: hybrid })).toMatchObject({
      ok: false,
      error: { code: 'wrong-secret', detail: expect.stringMatching(/post-quantum/) },
    });
    expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity: 'AGE-SECRET-KEY-1QQQQ' })).toMatchObject({
      ok: false,
      error: { code: 'wrong-secret', detail: expect.stringMatching(/not an age identity/) },
    });
    expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity: 'age1abc' })).toMatchObject({ ok: false, error: { code: 'wrong-secret' } });
  });

  it('refuses a file only for recipient types the app does not open as not-an-extract', async () => {
    const identity = await generateX25519Identity();
    const hybrid = await generateHybridIdentity();
    const ciphertext = await encryptFor([await identityToRecipient(hybrid)], 'x');
    expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity })).toMatchObject({
      ok: false,
      error: { code: 'not-an-extract', detail: expect.stringMatching(/mlkem768x25519/) },
    });
  });
});

describe('checkAgeFile', () => {
  it.each([
    ['age-encryption.org/v1\n-> X25519', null],
    ['age-encryption.org/v2\n', 'not-an-extract'],
    ['age-encryption.org/v1\r\n', 'damaged'],
    ['\n  -----BEGIN AGE ENCRYPTED FILE-----\n', 'not-an-extract'],
    ['PK\u0003\u0004', 'not-an-extract'],
    ['', 'not-an-extract'],
  ])('%j → %s', (start, code) => {
    expect(checkAgeFile(text(start))?.code ?? null).toBe(code);
  });

  it('names armor and other versions in the detail', () => {
    expect(checkAgeFile(text('-----BEGIN AGE ENCRYPTED FILE-----'))?.detail).toMatch(/armored/i);
    expect(checkAgeFile(text('age-encryption.org/v2\n'))?.detail).toMatch(/version/);
  });
});

describe('noMatchError', () => {
  it('is plain wrong-secret when a stanza of the right kind exists', () => {
    expect(noMatchError({ scrypt: true, x25519: false, others: [] }, 'passphrase')).toEqual({ code: 'wrong-secret' });
    expect(noMatchError({ scrypt: false, x25519: true, others: ['grease'] }, 'identity')).toEqual({ code: 'wrong-secret' });
  });

  it('names at most three foreign types, shortened', () => {
    const error = noMatchError({ scrypt: false, x25519: false, others: ['a', 'b', 'a', 'c', 'd', 'x'.repeat(100)] }, 'identity');
    expect(error.code).toBe('not-an-extract');
    expect(error.detail).toMatch(/\(a, b, c\)/);
  });
});
