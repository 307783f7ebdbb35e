/**
 * The age v1 header parser for the Node path: the shared one (parseAgeHeader in
 * shared/extract/decrypt.ts, which the pure-JS path runs too, so both refuse the same
 * headers with the same codes), its refusals as AgeFailure. It only parses; recipient
 * rules live in recipients.ts and the MAC check in file-key.ts. It works on a prefix of
 * the file so a file can be read a block at a time.
 */
import { AgeHeaderError, MAX_HEADER_BYTES, parseAgeHeader, type AgeHeader, type AgeStanza } from '../../../shared/extract/decrypt';
import { AgeFailure } from './failure';

export { MAX_HEADER_BYTES };
export type { AgeHeader };
export type Stanza = AgeStanza;

/** A refusal of the shared header checks as the AgeFailure the Node path throws. */
export function asAgeFailure(err: unknown): unknown {
  return err instanceof AgeHeaderError ? AgeFailure.fromInfo(err.stage, err.info) : err;
}

/**
 * Parses the header at the start of `bytes`. Returns null when the header continues
 * beyond them and `complete` is false (read more and call again); throws AgeFailure for
 * anything that is not a well-formed age v1 header.
 */
export function parseHeader(bytes: Uint8Array, complete: boolean): AgeHeader | null {
  try {
    return parseAgeHeader(bytes, complete);
  } catch (err) {
    throw asAgeFailure(err);
  }
}
