/**
 * A header's stanzas sorted into the two recipient types the app opens, with the spec's
 * rules enforced before any key is derived: the shared checks (parseAgeRecipients in
 * shared/extract/decrypt.ts, which the pure-JS path runs too), refusals as AgeFailure.
 */
import { MAX_SCRYPT_LOG_N, parseAgeRecipients, type AgeRecipients, type ScryptStanza, type X25519Stanza } from '../../../shared/extract/decrypt';
import { asAgeFailure, type Stanza } from './header';

export { MAX_SCRYPT_LOG_N };
export type { ScryptStanza, X25519Stanza };
export type Recipients = AgeRecipients;

export function parseRecipients(stanzas: readonly Stanza[]): Recipients {
  try {
    return parseAgeRecipients(stanzas);
  } catch (err) {
    throw asAgeFailure(err);
  }
}
