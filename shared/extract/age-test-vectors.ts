/**
 * Test support (used only by tests): reads the C2SP age test vectors (the `cctv-age`
 * package) and states what each decryption path must do with them. Shared by the
 * pure-JS path's tests (shared/extract/age-vectors.test.ts) and the Node path's
 * (electron/services/age/age-vectors.test.ts), so both judge by the same rules.
 *
 * Vector format: "key: value" lines, a blank line, then an age file (zlib-compressed
 * when `compressed: zlib`).
 */
import { unzlibSync } from 'fflate';
import type { DecryptResult, ExtractSecret } from '../host/contract';
import { isExtractErrorInfo, type ExtractErrorCode } from './errors';

export const VECTOR_EXPECTATIONS = ['success', 'no match', 'HMAC failure', 'header failure', 'payload failure', 'armor failure'] as const;
export type VectorExpectation = (typeof VECTOR_EXPECTATIONS)[number];

export interface AgeTestVector {
  name: string;
  expect: VectorExpectation;
  /** Hex SHA-256 of the payload a success must produce. */
  payloadSha256: string | null;
  identities: string[];
  passphrases: string[];
  armored: boolean;
  comment: string | null;
  /** The age file itself, decompressed. */
  file: Uint8Array;
}

/** Features of the vectors that neither path offers, on purpose. */
export type UnsupportedFeature = 'ASCII armor' | 'post-quantum (mlkem768x25519) identities';

/** Extract error codes a refusal may carry, per vector expectation. */
export const ACCEPTED_FAILURE_CODES: Record<Exclude<VectorExpectation, 'success'>, readonly ExtractErrorCode[]> = {
  // "wrong-secret" for a wrong key; "not-an-extract" when no stanza is of a type the app opens.
  'no match': ['wrong-secret', 'not-an-extract'],
  'HMAC failure': ['damaged'],
  // "damaged" for a malformed header; "not-an-extract" for another version or a refused work factor.
  'header failure': ['damaged', 'not-an-extract'],
  'payload failure': ['damaged'],
  'armor failure': ['not-an-extract'],
};

const KNOWN_KEYS = new Set(['expect', 'payload', 'file key', 'identity', 'passphrase', 'armored', 'compressed', 'comment']);
const LF = 0x0a;

function isExpectation(value: string): value is VectorExpectation {
  return (VECTOR_EXPECTATIONS as readonly string[]).includes(value);
}

/** Parses one vector; throws on anything unexpected so a new vector format fails loudly. */
export function parseAgeTestVector(name: string, raw: Uint8Array): AgeTestVector {
  let split = -1;
  for (let i = 0; i + 1 < raw.length; i++) {
    if (raw[i] === LF && raw[i + 1] === LF) {
      split = i;
      break;
    }
  }
  if (split < 0) throw new Error(`vector ${name}: no blank line after the textual header`);
  const fields = new Map<string, string[]>();
  for (const line of new TextDecoder().decode(raw.subarray(0, split)).split('\n')) {
    const colon = line.indexOf(': ');
    if (colon < 0) throw new Error(`vector ${name}: header line without "key: value": ${line}`);
    const key = line.slice(0, colon);
    if (!KNOWN_KEYS.has(key)) throw new Error(`vector ${name}: unknown key "${key}" (update the vector parser)`);
    fields.set(key, [...(fields.get(key) ?? []), line.slice(colon + 2)]);
  }
  const one = (key: string): string | null => fields.get(key)?.[0] ?? null;
  const expectation = one('expect') ?? '';
  if (!isExpectation(expectation)) throw new Error(`vector ${name}: unknown expectation "${expectation}"`);
  const compression = one('compressed');
  if (compression !== null && compression !== 'zlib') throw new Error(`vector ${name}: unknown compression ${compression}`);
  const body = raw.subarray(split + 2);
  return {
    name,
    expect: expectation,
    payloadSha256: one('payload'),
    identities: fields.get('identity') ?? [],
    passphrases: fields.get('passphrase') ?? [],
    armored: one('armored') === 'yes',
    comment: one('comment'),
    file: compression === 'zlib' ? unzlibSync(body) : body,
  };
}

/** Every vector of the `cctv-age` module namespace, sorted by name. */
export function loadAgeTestVectors(moduleNamespace: Readonly<Record<string, unknown>>): AgeTestVector[] {
  return Object.entries(moduleNamespace)
    .filter((entry): entry is [string, Uint8Array] => entry[1] instanceof Uint8Array)
    .map(([name, raw]) => parseAgeTestVector(name, raw))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function unsupportedFeatures(vector: AgeTestVector): UnsupportedFeature[] {
  const features: UnsupportedFeature[] = [];
  if (vector.armored) features.push('ASCII armor');
  if (vector.identities.some((identity) => identity.startsWith('AGE-SECRET-KEY-PQ-'))) {
    features.push('post-quantum (mlkem768x25519) identities');
  }
  return features;
}

/**
 * The secrets to try, one decryption each (the app takes one secret at a time; every
 * success vector has exactly one). A vector without secrets gets a stand-in of each kind,
 * which must fail.
 */
export function secretsFor(vector: AgeTestVector): ExtractSecret[] {
  const secrets: ExtractSecret[] = [
    ...vector.identities.map((identity): ExtractSecret => ({ kind: 'identity', identity })),
    ...vector.passphrases.map((passphrase): ExtractSecret => ({ kind: 'passphrase', passphrase })),
  ];
  if (secrets.length > 0) return secrets;
  return [
    { kind: 'passphrase', passphrase: 'stand-in passphrase' },
    { kind: 'identity', identity: 'AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX' },
  ];
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A test title that says what is checked and, for refusals, which features. */
export function vectorTitle(vector: AgeTestVector): string {
  const features = unsupportedFeatures(vector);
  if (features.length > 0) return `${vector.name}: refused, unsupported feature: ${features.join(' + ')} (vector expects ${vector.expect})`;
  return `${vector.name}: ${vector.expect}${vector.comment ? ` (${vector.comment})` : ''}`;
}

export type DecryptVectorFile = (file: Uint8Array, secret: ExtractSecret) => Promise<DecryptResult>;

function describeSecret(secret: ExtractSecret): string {
  return secret.kind === 'passphrase' ? `passphrase "${secret.passphrase}"` : `identity ${secret.identity.slice(0, 22)}…`;
}

/**
 * Runs a vector through a decryption path with each of its secrets and lists every
 * way the path fell short (empty when it did what the vector demands). A refusal must
 * be a result, never a throw; a failure must release no plaintext at all (the app
 * never half-loads, which is stricter than the vectors' partial-payload rule).
 */
export async function vectorProblems(vector: AgeTestVector, decrypt: DecryptVectorFile): Promise<string[]> {
  const problems: string[] = [];
  const refuse = unsupportedFeatures(vector).length > 0;
  for (const secret of secretsFor(vector)) {
    const label = describeSecret(secret);
    let result: DecryptResult;
    try {
      result = await decrypt(vector.file, secret);
    } catch (err) {
      problems.push(`${label}: threw instead of returning a result: ${String(err)}`);
      continue;
    }
    if (result.ok) {
      if (refuse) problems.push(`${label}: decrypted although it uses an unsupported feature`);
      else if (vector.expect !== 'success') problems.push(`${label}: decrypted a vector that must fail (${vector.expect})`);
      else if ((await sha256Hex(result.plaintext)) !== vector.payloadSha256) problems.push(`${label}: the payload's SHA-256 differs`);
      continue;
    }
    if ('plaintext' in result) problems.push(`${label}: a failed result carries plaintext`);
    if (!isExtractErrorInfo(result.error)) {
      problems.push(`${label}: the error is not an extract error: ${JSON.stringify(result.error)}`);
    } else if (refuse) {
      continue;
    } else if (vector.expect === 'success') {
      problems.push(`${label}: failed with ${result.error.code} (${result.error.detail ?? ''})`);
    } else if (!ACCEPTED_FAILURE_CODES[vector.expect].includes(result.error.code)) {
      problems.push(`${label}: failed with ${result.error.code}, expected ${ACCEPTED_FAILURE_CODES[vector.expect].join(' or ')} for ${vector.expect}`);
    }
  }
  return problems;
}
