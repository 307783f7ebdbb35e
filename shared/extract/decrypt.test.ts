/**
 * The pure-JS path's secrets and refusals. The C2SP vectors are in
 * age-vectors.test.ts; files from the age CLI in electron/services/age/interop.test.ts.
 */
import { Encrypter, generateHybridIdentity, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { checkAgeFile, decodeBase64NoPadding, decryptAgeInMemory, noMatchError, parseAgeHeader, parseAgeRecipients, AgeHeaderError, MAX_SCRYPT_LOG_N } from './decrypt';

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

describe('identities in either case (Bech32), never mixed', () => {
  it('opens with the identity in lower case, as the Node path does', async () => {
    const identity = await generateX25519Identity();
    const ciphertext = await encryptFor([await identityToRecipient(identity)], 'tabeller');
    expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity: identity.toLowerCase() })).toEqual({ ok: true, plaintext: text('tabeller') });
    expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity: ` ${identity.toLowerCase()}\r\n` })).toEqual({ ok: true, plaintext: text('tabeller') });
  });

  it('refuses mixed case and characters that only case mapping would turn into Bech32 letters', async () => {
    // A public C2SP test-vector identity (cctv-age), with a K in its data part.
    const identity = 'AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0';
    const ciphertext = await encryptFor([await identityToRecipient(identity)], 'x');
    expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity })).toEqual({ ok: true, plaintext: text('x') });
    const notAnIdentity = { ok: false, error: { code: 'wrong-secret', detail: expect.stringMatching(/not an age identity/) } };
    for (const variant of [
      identity.slice(0, 20) + identity.slice(20).toLowerCase(),
      `Age-${identity.slice(4).toLowerCase()}`,
      identity.replace('VK2VK', 'V\u212a2V\u212a'), // KELVIN SIGN: lower-cases to "k"
      identity.toLowerCase().replace('age-secret-', 'age-\u017fecret-'), // LONG S: upper-cases to "S"
    ]) {
      expect(await decryptAgeInMemory(ciphertext, { kind: 'identity', identity: variant }), variant).toMatchObject(notAnIdentity);
    }
  });
});

describe('the header is judged before the secret, as on the Node path', () => {
  const noStanzas = text(`age-encryption.org/v1\n--- ${'A'.repeat(43)}\n${'x'.repeat(40)}`);

  it('a header without stanzas is damaged, with any secret (was not-an-extract "recipient types … ()")', async () => {
    for (const secret of [{ kind: 'passphrase', passphrase: 'x' }, { kind: 'identity', identity: await generateX25519Identity() }, { kind: 'identity', identity: 'nonsense' }] as const) {
      expect(await decryptAgeInMemory(noStanzas, secret)).toEqual({
        ok: false,
        error: { code: 'damaged', detail: 'malformed age header: the header has no recipient stanzas' },
      });
    }
  });

  it('a malformed header with a malformed identity is damaged, not wrong-secret', async () => {
    const identity = await generateX25519Identity();
    const good = new TextDecoder('latin1').decode(await encryptFor([await identityToRecipient(identity)], 'x'));
    const badMac = text(good.replace(/^--- .*$/m, '--- AAAA'));
    expect(await decryptAgeInMemory(badMac, { kind: 'identity', identity: 'AGE-SECRET-KEY-1QQQQ' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await decryptAgeInMemory(badMac, { kind: 'identity', identity: 'AGE-SECRET-KEY-PQ-1QQQQ' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    // The same file, well-formed, refuses the identity as before.
    expect(await decryptAgeInMemory(text(good), { kind: 'identity', identity: 'AGE-SECRET-KEY-1QQQQ' })).toMatchObject({ ok: false, error: { code: 'wrong-secret' } });
  });

  it('an X25519 stanza that breaks the rules is damaged even for a passphrase (was wrong-secret "named keys")', async () => {
    const identity = await generateX25519Identity();
    const good = new TextDecoder('latin1').decode(await encryptFor([await identityToRecipient(identity)], 'x'));
    const badShare = text(good.replace(/^-> X25519 (\S+)$/m, '-> X25519 $1 extra'));
    expect(await decryptAgeInMemory(badShare, { kind: 'passphrase', passphrase: 'x' })).toEqual({
      ok: false,
      error: { code: 'damaged', detail: 'malformed age header: an X25519 stanza does not have exactly two arguments' },
    });
  });

  it('an scrypt work factor above the limit is not-an-extract for a key too, before the key is looked at', async () => {
    const encrypter = new Encrypter();
    encrypter.setPassphrase('p');
    encrypter.setScryptWorkFactor(10);
    const raised = text(new TextDecoder('latin1').decode(await encrypter.encrypt('x')).replace(/^(-> scrypt \S+) 10$/m, '$1 30'));
    for (const identity of ['AGE-SECRET-KEY-1QQQQ', await generateX25519Identity()]) {
      expect(await decryptAgeInMemory(raised, { kind: 'identity', identity })).toMatchObject({ ok: false, error: { code: 'not-an-extract', detail: expect.stringMatching(/2\^30/) } });
    }
  });
});

describe('parseAgeHeader and parseAgeRecipients (shared with the Node path)', () => {
  const stanza = (type: string, ...args: string[]) => `-> ${[type, ...args].join(' ')}\n${'A'.repeat(43)}\n`;
  const header = (...stanzas: string[]) => text(`age-encryption.org/v1\n${stanzas.join('')}--- ${'A'.repeat(43)}\n`);
  const refusal = (fn: () => unknown) => {
    try {
      fn();
      return 'no refusal';
    } catch (err) {
      return err instanceof AgeHeaderError ? `${err.stage}/${err.info.code}` : `other: ${String(err)}`;
    }
  };

  it('parses stanzas and sorts the recipient types', () => {
    const parsed = parseAgeHeader(header(stanza('X25519', 'A'.repeat(43)), stanza('grease', 'x')), true)!;
    expect(parsed.stanzas.map((s) => s.args[0])).toEqual(['X25519', 'grease']);
    expect(parseAgeRecipients(parsed.stanzas).types).toEqual({ scrypt: false, x25519: true, others: ['grease'] });
  });

  it.each([
    ['no stanzas', () => parseAgeHeader(header(), true), 'header/damaged'],
    ['a PNG', () => parseAgeHeader(text('\x89PNG'), true), 'format/not-an-extract'],
    ['a cut-off header', () => parseAgeHeader(text('age-encryption.org/v1\n-> X25519'), true), 'header/damaged'],
    ['scrypt beside X25519', () => parseAgeRecipients(parseAgeHeader(header(stanza('scrypt', 'A'.repeat(22), '10'), stanza('X25519', 'A'.repeat(43))), true)!.stanzas), 'header/damaged'],
    ['scrypt 2^23', () => parseAgeRecipients(parseAgeHeader(header(stanza('scrypt', 'A'.repeat(22), String(MAX_SCRYPT_LOG_N + 1))), true)!.stanzas), 'header/not-an-extract'],
    ['a 31-byte share', () => parseAgeRecipients(parseAgeHeader(header(stanza('X25519', 'A'.repeat(42))), true)!.stanzas), 'header/damaged'],
  ])('refuses %s', (_label, fn, expected) => {
    expect(refusal(fn)).toBe(expected);
  });
});

describe('decodeBase64NoPadding', () => {
  it.each([
    ['', []],
    ['AA', [0]],
    ['AAE', [0, 1]],
    ['AAEC', [0, 1, 2]],
    ['+/8', [0xfb, 0xff]],
    ['/////w', [0xff, 0xff, 0xff, 0xff]],
  ])('decodes %j', (value, bytes) => {
    expect([...(decodeBase64NoPadding(value) ?? [-1])]).toEqual(bytes);
  });

  it.each(['AA==', 'AB', 'AAF', 'A', 'AA AA', 'AA\n', '-_8', 'AA=A', 'AAé', 'AA\u0100'])('rejects %j (padding, non-canonical or foreign characters)', (value) => {
    expect(decodeBase64NoPadding(value)).toBeNull();
  });

  it('agrees with Buffer on random bytes', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 73 + length * 11) & 0xff);
      const encoded = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
      expect([...(decodeBase64NoPadding(encoded) ?? [])]).toEqual([...bytes]);
    }
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
