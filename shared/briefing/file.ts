/**
 * A briefing pack as a file: its JSON (UTF-8), optionally encrypted with a passphrase in
 * the age format, the same as extracts, so any age tool can open it too.
 */
import { Encrypter } from 'age-encryption';
import { AGE_MAGIC, decryptAgeInMemory, startsWithAscii } from '../extract/decrypt';
import type { LocalizedText } from '../indicators/pack';
import { MAX_BRIEFING_BYTES } from './limits';
import { parseBriefing, type BriefingPack } from './schema';

export const BRIEFING_EXTENSION = '.bmp.json';
export const ENCRYPTED_BRIEFING_EXTENSION = '.bmp';

export async function briefingToBytes(briefing: BriefingPack, passphrase: string | null): Promise<Uint8Array> {
  const json = new TextEncoder().encode(JSON.stringify(briefing));
  if (passphrase === null) return json;
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  return encrypter.encrypt(json);
}

export function isEncryptedBriefing(bytes: Uint8Array): boolean {
  return startsWithAscii(bytes, AGE_MAGIC);
}

export type BriefingOpen = { ok: true; briefing: BriefingPack } | { ok: false; needsPassphrase: boolean; problem: LocalizedText };

/** Opens a briefing file; an encrypted one needs its passphrase. */
export async function openBriefingBytes(bytes: Uint8Array | null, passphrase: string | null): Promise<BriefingOpen> {
  // null: the host did not read a file larger than any briefing.
  if (bytes === null || bytes.byteLength > MAX_BRIEFING_BYTES) {
    return { ok: false, needsPassphrase: false, problem: { da: 'filen er for stor til at være en mødepakke (over 64 MB)', en: 'the file is too large to be a briefing pack (over 64 MB)' } };
  }
  let plain = bytes;
  if (isEncryptedBriefing(bytes)) {
    if (passphrase === null || passphrase === '') {
      return { ok: false, needsPassphrase: true, problem: { da: 'mødepakken er krypteret: skriv dens adgangskode', en: 'the briefing pack is encrypted: enter its passphrase' } };
    }
    const result = await decryptAgeInMemory(bytes, { kind: 'passphrase', passphrase });
    if (!result.ok) {
      const wrong = result.error.code === 'wrong-secret';
      return {
        ok: false,
        needsPassphrase: wrong,
        problem: wrong
          ? { da: 'forkert adgangskode til mødepakken; prøv igen', en: 'wrong passphrase for the briefing pack; try again' }
          : { da: `mødepakken kan ikke dekrypteres (${result.error.detail ?? result.error.code}); bed om en ny`, en: `the briefing pack cannot be decrypted (${result.error.detail ?? result.error.code}); ask for a new one` },
      };
    }
    plain = result.plaintext;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return { ok: false, needsPassphrase: false, problem: { da: 'filen er ikke en mødepakke (ikke tekst)', en: 'the file is not a briefing pack (not text)' } };
  }
  const parsed = parseBriefing(text);
  return parsed.ok ? parsed : { ok: false, needsPassphrase: false, problem: parsed.problem };
}
