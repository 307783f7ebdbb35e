/**
 * extract-ciphertext: encrypted extracts (age v1) with a secret → the browser host's pure-JS
 * decryptAgeInMemory (shared/extract/decrypt.ts) and the Electron main process's Node-crypto
 * decryptAgeBytes (electron/services/age/), which promise to "accept the same secrets, refuse
 * the same files and map failures to the same codes": both are run and compared. A file that
 * opens is unpacked and judged like extract-archive. detectEncryption (header-info.ts), which
 * the UI runs on a file's first bytes, must answer for every input.
 *
 * Seeds: the unit-test fixture encrypted with a cheap passphrase and for X25519 keys
 * (corpus/seeds/, see make-seeds.ts), a three-chunk one, and the C2SP age test vectors.
 */
import { readFileSync } from 'node:fs';
import * as cctvAge from 'cctv-age';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { loadAgeTestVectors, secretsFor } from '../../shared/extract/age-test-vectors';
import { detectEncryption } from '../../shared/extract/header-info';
import type { DecryptResult, ExtractSecret } from '../../shared/host/contract';
import { decryptAgeBytes } from '../../electron/services/age/decrypt-bytes';
import { mutateBytes, type Rng } from '../mutate';
import { FUZZ_PASSPHRASE, OTHER_VECTOR_IDENTITY, VECTOR_IDENTITY } from '../secrets';
import { assertThat, describe, Violation, type FuzzInput, type FuzzTarget, type Verdict } from '../target';
import { checkErrorInfo, unpackVerdict } from './extract-checks';

const SEED_DIR = new URL('../corpus/seeds/', import.meta.url);

/** Named secrets; a case's variant names one, so a saved input replays with the same secret. */
const SECRETS: Record<string, ExtractSecret> = {
  pass: { kind: 'passphrase', passphrase: FUZZ_PASSPHRASE },
  'wrong-pass': { kind: 'passphrase', passphrase: `${FUZZ_PASSPHRASE.slice(0, -1)}X` },
  'empty-pass': { kind: 'passphrase', passphrase: '' },
  'unicode-pass': { kind: 'passphrase', passphrase: 'æøå \u0000 🏘️ \ud800' },
  id: { kind: 'identity', identity: VECTOR_IDENTITY },
  'id-lower': { kind: 'identity', identity: VECTOR_IDENTITY.toLowerCase() },
  'id-padded': { kind: 'identity', identity: `\n  ${VECTOR_IDENTITY} \r\n` },
  'other-id': { kind: 'identity', identity: OTHER_VECTOR_IDENTITY },
  'bad-id': { kind: 'identity', identity: 'AGE-SECRET-KEY-1QQQQQQ' },
  'pq-id': { kind: 'identity', identity: 'AGE-SECRET-KEY-PQ-1QQQQQQ' },
  'not-id': { kind: 'identity', identity: 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p' },
};

interface Seed {
  name: string;
  bytes: Uint8Array;
  /** Secrets worth trying on it (first = the one that opens it, if any). */
  secrets: string[];
}

let seeds: Seed[] | null = null;

function loadSeeds(): Seed[] {
  if (seeds) return seeds;
  const file = (name: string) => new Uint8Array(readFileSync(new URL(name, SEED_DIR)));
  const list: Seed[] = [
    { name: 'tiny-passphrase', bytes: file('tiny-passphrase.bdx'), secrets: ['pass', 'wrong-pass', 'empty-pass', 'unicode-pass', 'id'] },
    { name: 'tiny-x25519', bytes: file('tiny-x25519.bdx'), secrets: ['id', 'id-lower', 'id-padded', 'other-id', 'bad-id', 'pq-id', 'not-id', 'pass'] },
    { name: 'multichunk-passphrase', bytes: file('multichunk-passphrase.bdx'), secrets: ['pass', 'wrong-pass'] },
  ];
  for (const vector of loadAgeTestVectors(cctvAge)) {
    const secrets = secretsFor(vector);
    secrets.forEach((secret, i) => (SECRETS[`vector:${vector.name}:${i}`] = secret));
    if (secrets.length === 0) continue;
    list.push({ name: `vector:${vector.name}`, bytes: vector.file, secrets: secrets.map((_, i) => `vector:${vector.name}:${i}`) });
  }
  seeds = list;
  return list;
}

function secretOf(variant: string): ExtractSecret {
  loadSeeds();
  const name = variant.slice(variant.indexOf('|') + 1);
  const secret = SECRETS[name];
  if (!secret) throw new Error(`unknown secret "${name}" in variant "${variant}"`);
  return secret;
}

/** Where the header ends (after the MAC line), or the length when there is no MAC line. */
function headerEnd(bytes: Uint8Array): number {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  const mac = text.indexOf('\n--- ');
  if (mac < 0) return bytes.length;
  const eol = text.indexOf('\n', mac + 1);
  return eol < 0 ? bytes.length : eol + 1;
}

const STANZA_TYPES = ['scrypt', 'X25519', 'ssh-ed25519', 'ssh-rsa', 'piv-p256', 'mlkem768x25519', 'grease', 'x25519', 'Scrypt', '', '-'];
const LOG_N = ['1', '0', '01', '9', '17', '21', '23', '30', '4294967297', '-1', '1e1', '４', ''];

/** Edits of the header text: stanza types and arguments, bodies, MAC, line ends, version. */
function mutateHeader(rng: Rng, header: string): string {
  const lines = header.split('\n');
  const stanzaLines = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('-> '));
  const i = stanzaLines.length > 0 ? rng.pick(stanzaLines)[1] : 1;
  const args = (lines[i] ?? '-> X').slice(3).split(' ');
  switch (rng.int(12)) {
    case 0:
      args[0] = rng.pick(STANZA_TYPES);
      break;
    case 1:
      if (args[0] === 'scrypt') args[2] = rng.pick(LOG_N);
      else args[1] = rng.pick(['', 'AAAA', `${args[1] ?? ''}=`, (args[1] ?? '').slice(1), `${args[1] ?? ''}A`]);
      break;
    case 2:
      args.push(rng.pick(['extra', '', '10']));
      break;
    case 3:
      lines.splice(i, 2);
      break;
    case 4: {
      // The stanza repeated (an scrypt stanza must stand alone; many X25519 stanzas cost work).
      const copies = rng.pick([1, 2, 50, 1000]);
      lines.splice(i, 0, ...Array.from({ length: copies }, () => [lines[i]!, lines[i + 1] ?? '']).flat());
      break;
    }
    case 5: {
      // A grease stanza with a body of full 64-column lines (and maybe no short last line).
      const full = rng.pick([1, 2, 100, 20_000]);
      const body = Array.from({ length: full }, () => 'A'.repeat(64));
      if (rng.chance(0.7)) body.push('AAAA');
      lines.splice(i, 0, `-> grease ${'x'.repeat(rng.pick([1, 200, 20_000]))}`, ...body);
      break;
    }
    case 6: {
      // Body lines: wrong lengths, padding, non-base64 characters.
      const b = i + 1;
      if (lines[b] !== undefined) lines[b] = rng.pick([`${lines[b]!}A`, lines[b]!.slice(1), `${lines[b]!}=`, lines[b]!.replace(/./, '*'), '', 'A'.repeat(64)]);
      break;
    }
    case 7: {
      const mac = lines.findIndex((l) => l.startsWith('---'));
      if (mac >= 0) lines[mac] = rng.pick(['---', '--- ', `${lines[mac]!}A`, lines[mac]!.slice(0, -1), `--- ${'A'.repeat(43)}`, '--- AAAA=']);
      break;
    }
    case 8:
      lines[0] = rng.pick(['age-encryption.org/v2', 'age-encryption.org/v1 ', 'age-encryption.org/', 'AGE-ENCRYPTION.ORG/V1', '']);
      break;
    case 9:
      return header.replace(/\n/g, rng.chance(0.5) ? '\r\n' : '\n\n');
    case 10:
      return `-----BEGIN AGE ENCRYPTED FILE-----\n${header}`;
    default:
      lines.splice(i, 0, '');
  }
  if (args.length > 0 && lines[i]?.startsWith('-> ')) lines[i] = `-> ${args.join(' ')}`;
  return lines.join('\n');
}

const CHUNK = 64 * 1024 + 16;
const NONCE = 16;

/** Edits of the STREAM payload: truncation at and around chunk boundaries, swaps, duplicates, extensions. */
function mutatePayload(rng: Rng, payload: Uint8Array): Uint8Array {
  const chunks = Math.max(1, Math.ceil((payload.length - NONCE) / CHUNK));
  const boundary = (k: number) => NONCE + k * CHUNK;
  const concat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  switch (rng.int(7)) {
    case 0:
      return payload.subarray(0, boundary(rng.int(chunks + 1)) + rng.pick([-1, 0, 1, 16, -16]));
    case 1:
      return new Uint8Array(0);
    case 2:
      return payload.subarray(0, rng.pick([0, 1, NONCE - 1, NONCE, NONCE + 15, NONCE + 16, NONCE + 17]));
    case 3:
      return concat(payload, payload.subarray(Math.max(NONCE, payload.length - CHUNK)));
    case 4:
      return concat(payload, Uint8Array.of(rng.int(256)));
    case 5: {
      if (chunks < 2) return payload.subarray(0, payload.length - 1);
      const k = rng.int(chunks - 1);
      const a = payload.subarray(boundary(k), boundary(k + 1));
      const b = payload.subarray(boundary(k + 1), boundary(k + 2));
      return concat(payload.subarray(0, boundary(k)), b, a, payload.subarray(boundary(k + 2)));
    }
    default: {
      const out = payload.slice();
      const at = Math.max(0, out.length - 1 - rng.int(Math.min(out.length, 32)));
      if (out.length > 0) out[at] = out[at]! ^ (1 << rng.int(8));
      return out;
    }
  }
}

function generate(rng: Rng): FuzzInput {
  const all = loadSeeds();
  // Half of the cases start from the project's own files, half from the C2SP vectors.
  const seed = rng.chance(0.5) ? rng.pick(all.slice(0, 3)) : rng.pick(all);
  const secret = rng.chance(0.7) ? seed.secrets[0]! : rng.pick(seed.secrets);
  const end = headerEnd(seed.bytes);
  const header = new TextDecoder('latin1').decode(seed.bytes.subarray(0, end));
  const payload = seed.bytes.subarray(end);
  let bytes: Uint8Array;
  let how: string;
  const r = rng.next();
  if (r < 0.4) {
    how = 'header';
    const text = mutateHeader(rng, header);
    const encoded = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
    bytes = new Uint8Array(encoded.length + payload.length);
    bytes.set(encoded);
    bytes.set(payload, encoded.length);
  } else if (r < 0.65) {
    how = 'payload';
    const mutated = mutatePayload(rng, payload);
    bytes = new Uint8Array(end + mutated.length);
    bytes.set(seed.bytes.subarray(0, end));
    bytes.set(mutated, end);
  } else if (r < 0.95) {
    how = 'bytes';
    bytes = mutateBytes(rng, seed.bytes, { focus: [0, end] });
  } else {
    how = 'intact';
    bytes = seed.bytes;
  }
  return { variant: `${seed.name}/${how}|${secret}`, bytes };
}

/** The scrypt work factors a header asks for (by its text), to skip ones that cost seconds by design. */
function costlyWorkFactor(bytes: Uint8Array): number | null {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 1024 * 1024)));
  for (const m of text.matchAll(/^-> scrypt \S* ?([0-9]+)/gm)) {
    const logN = Number(m[1]);
    // Above 20 the pure-JS path refuses at once, above 22 both do; 17–22 cost 0.3–8 s and 128 MiB–4 GiB.
    if (logN >= 17 && logN <= 22) return logN;
  }
  return null;
}

function checkResult(result: unknown, path: string): DecryptResult {
  const r = result as DecryptResult | null;
  assertThat(r !== null && typeof r === 'object' && typeof r.ok === 'boolean', 'bad-result', () => `${path} returned ${describe(result)}`);
  if (r.ok) assertThat(r.plaintext instanceof Uint8Array, 'bad-result', `${path} returned ok without plaintext bytes`);
  else checkErrorInfo(r.error);
  return r;
}

async function run(input: FuzzInput): Promise<Verdict> {
  const secret = secretOf(input.variant);
  const detected = detectEncryption(input.bytes.subarray(0, 16 * 1024));
  assertThat(['passphrase', 'recipients', 'unknown'].includes(detected), 'bad-result', () => `detectEncryption returned ${describe(detected)}`);
  const logN = costlyWorkFactor(input.bytes);
  if (logN !== null) return { status: 'skipped', reason: `scrypt work factor 2^${logN} (seconds by design)` };

  const pure = checkResult(await decryptAgeInMemory(input.bytes, secret), 'decryptAgeInMemory (pure JS)');
  const node = checkResult(await decryptAgeBytes(input.bytes, secret), 'decryptAgeBytes (Node crypto)');
  const said = (r: DecryptResult) => (r.ok ? `opens it (${r.plaintext.length} bytes)` : `refuses it: ${r.error.code}${r.error.detail ? ` (${r.error.detail})` : ''}`);
  if (pure.ok !== node.ok || (!pure.ok && !node.ok && pure.error.code !== node.error.code)) {
    throw new Violation('differential', `the pure-JS path ${said(pure)}; the Node path ${said(node)}`);
  }
  if (pure.ok && node.ok && (pure.plaintext.length !== node.plaintext.length || !pure.plaintext.every((b, i) => b === node.plaintext[i]))) {
    throw new Violation('differential', 'both paths open the file but give different plaintexts');
  }
  if (!pure.ok) return { status: 'refused', code: pure.error.code };
  return unpackVerdict(pure.plaintext);
}

export const extractCiphertextTarget: FuzzTarget = {
  name: 'extract-ciphertext',
  description: 'encrypted .bdx files with a passphrase or key → decryptAgeInMemory (pure JS) and decryptAgeBytes (Node crypto), compared; detectEncryption; unpack when they open',
  defaultCases: 1500,
  async setup() {
    loadSeeds();
  },
  generate,
  run,
};
