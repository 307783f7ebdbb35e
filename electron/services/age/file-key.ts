/**
 * From a parsed header and the analyst's secret to the verified file key: pick the
 * stanzas the secret can open, unwrap, then check the header MAC, which binds every
 * stanza and argument to the file key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { noMatchError } from '../../../shared/extract/decrypt';
import type { ExtractSecret } from '../../../shared/host/contract';
import { hkdfSha256 } from './aead';
import { AgeFailure } from './failure';
import type { AgeHeader } from './header';
import { parseRecipients, type Recipients } from './recipients';
import { unwrapScrypt } from './scrypt';
import { parseX25519Identity, unwrapX25519 } from './x25519';

const FILE_KEY_BYTES = 16;
const EMPTY = new Uint8Array(0);

async function unwrap(recipients: Recipients, secret: ExtractSecret): Promise<Uint8Array | null> {
  if (secret.kind === 'passphrase') {
    return recipients.scrypt ? unwrapScrypt(secret.passphrase, recipients.scrypt) : null;
  }
  const identity = parseX25519Identity(secret.identity);
  return unwrapX25519(identity, recipients.x25519);
}

function verifyHeaderMac(header: AgeHeader, fileKey: Uint8Array): void {
  const macKey = hkdfSha256(fileKey, EMPTY, 'header');
  const expected = createHmac('sha256', macKey).update(header.macInput).digest();
  macKey.fill(0);
  if (!timingSafeEqual(expected, header.mac)) {
    throw new AgeFailure('header-mac', 'damaged', 'the header MAC does not match: the header was altered');
  }
}

/** The 16-byte file key; throws AgeFailure when the secret does not open the header. */
export async function unwrapFileKey(header: AgeHeader, secret: ExtractSecret): Promise<Uint8Array> {
  const recipients = parseRecipients(header.stanzas);
  const fileKey = await unwrap(recipients, secret);
  if (fileKey === null) throw AgeFailure.fromInfo('no-match', noMatchError(recipients.types, secret.kind));
  // The spec's "file key" is 16 bytes; stanzas are 32 bytes so this holds, but the
  // check keeps a wrong length from ever keying the payload.
  if (fileKey.length !== FILE_KEY_BYTES) throw new AgeFailure('header', 'damaged', 'the file key is not 16 bytes');
  verifyHeaderMac(header, fileKey);
  return fileKey;
}
