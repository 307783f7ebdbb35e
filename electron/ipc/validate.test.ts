import { describe, expect, it } from 'vitest';
import { IpcArgumentError, MAX_IDENTITY_LENGTH, MAX_PASSPHRASE_LENGTH, expectArgCount, parseHandleId, parseSaveRequest, parseSecret } from './validate';

const ID = '3f2b8c1e-9d4a-4e6f-8b2c-1a2b3c4d5e6f';

describe('parseHandleId', () => {
  it('accepts an id of the shape the registry issues', () => {
    expect(parseHandleId(ID)).toBe(ID);
  });
  it.each([
    [42, /must be a string, got a number/],
    [null, /must be a string, got null/],
    [{ id: ID }, /must be a string, got an object/],
    ['../../etc/passwd', /not a handle this app issued/],
    ['', /not a handle this app issued/],
    [ID.toUpperCase(), /not a handle this app issued/],
  ])('rejects %j', (value, message) => {
    expect(() => parseHandleId(value)).toThrow(IpcArgumentError);
    expect(() => parseHandleId(value)).toThrow(message);
  });
});

describe('parseSecret', () => {
  it('accepts a passphrase secret and copies only known fields', () => {
    expect(parseSecret({ kind: 'passphrase', passphrase: 'sundby-demo-2025', extra: 1 })).toEqual({
      kind: 'passphrase',
      passphrase: 'sundby-demo-2025',
    });
  });
  it('accepts an identity secret and copies only known fields', () => {
    const identity = 'AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX';
    expect(parseSecret({ kind: 'identity', identity, passphrase: 'ignored' })).toEqual({ kind: 'identity', identity });
  });
  it('leaves judging the identity itself to the decryptor (it answers wrong-secret with a reason)', () => {
    expect(parseSecret({ kind: 'identity', identity: 'not a key' })).toEqual({ kind: 'identity', identity: 'not a key' });
  });
  it.each([
    ['sundby-demo-2025', /secret must be an object, got a string/],
    [[], /secret must be an object, got an array/],
    [{ kind: 'key', identity: 'x' }, /secret.kind must be "passphrase", "identity" or "stored-key"/],
    [{ kind: 'stored-key', keyId: '../keys.json' }, /key id is not a key this app stored/],
    [{ passphrase: 'x' }, /secret.kind/],
    [{ kind: 'identity', passphrase: 'x' }, /secret.identity must be a string, got a undefined/],
    [{ kind: 'identity', identity: ['AGE-SECRET-KEY-1'] }, /secret.identity must be a string, got an array/],
    [{ kind: 'identity', identity: 'A'.repeat(MAX_IDENTITY_LENGTH + 1) }, /secret.identity is longer than/],
    [{ kind: 'passphrase' }, /secret.passphrase must be a string, got a undefined/],
    [{ kind: 'passphrase', passphrase: 7 }, /secret.passphrase must be a string/],
    [{ kind: 'passphrase', passphrase: 'x'.repeat(MAX_PASSPHRASE_LENGTH + 1) }, /longer than/],
  ])('rejects %j', (value, message) => {
    expect(() => parseSecret(value)).toThrow(message);
  });
  it('rejects objects that are not plain data', () => {
    class Sneaky {
      kind = 'passphrase';
      passphrase = 'x';
    }
    class SneakyKey {
      kind = 'identity';
      identity = 'x';
    }
    expect(() => parseSecret(new Sneaky())).toThrow(IpcArgumentError);
    expect(() => parseSecret(new SneakyKey())).toThrow(IpcArgumentError);
  });
});

describe('parseSaveRequest', () => {
  const audit = { kind: 'table-csv', description: 'd', extractId: 'e', suppression: 'min 5' };
  const ok = { suggestedName: 'tabel.csv', mimeType: 'text/csv', bytes: new Uint8Array([1, 2]), audit };
  it('accepts a well-formed request', () => {
    expect(parseSaveRequest(ok)).toEqual(ok);
  });
  it.each([
    [{ ...ok, suggestedName: '' }, /suggestedName/],
    [{ ...ok, suggestedName: 5 }, /suggestedName/],
    [{ ...ok, mimeType: null }, /mimeType/],
    [{ ...ok, audit: undefined }, /audit must be an object/],
    [{ ...ok, audit: { ...audit, suppression: 7 } }, /audit.suppression must be a string/],
    [{ ...ok, audit: { ...audit, description: 'x'.repeat(2001) } }, /audit.description must be a string of 1 to 2000/],
    [{ ...ok, bytes: [1, 2] }, /bytes must be a Uint8Array, got an array/],
    [{ ...ok, bytes: 'AQI=' }, /bytes must be a Uint8Array, got a string/],
    ['tabel.csv', /save request must be an object/],
  ])('rejects %j', (value, message) => {
    expect(() => parseSaveRequest(value)).toThrow(message);
  });
});

describe('expectArgCount', () => {
  it('rejects extra or missing arguments', () => {
    expect(() => expectArgCount([], 0)).not.toThrow();
    expect(() => expectArgCount([1], 0)).toThrow('expected 0 arguments, got 1');
    expect(() => expectArgCount([], 1)).toThrow('expected 1 argument, got 0');
  });
});
