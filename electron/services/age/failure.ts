/**
 * The one error type the age decryptor throws for bad input. It carries the extract
 * error the UI shows and the stage that failed, which the C2SP vector tests compare
 * with each vector's expectation (header, no match, header MAC, payload).
 */
import type { ExtractErrorCode, ExtractErrorInfo } from '../../../shared/extract/errors';

export type AgeFailureStage =
  | 'format' // not a binary age v1 file (other format, armor, other version)
  | 'header' // malformed header or stanza, or a recipient rule broken
  | 'secret' // the identity given is not a usable age X25519 identity
  | 'no-match' // no stanza opens with the secret
  | 'header-mac' // a stanza opened, but the header MAC does not match
  | 'payload'; // the STREAM payload is truncated, extended or altered

export class AgeFailure extends Error {
  readonly stage: AgeFailureStage;
  readonly info: ExtractErrorInfo;

  constructor(stage: AgeFailureStage, code: ExtractErrorCode, detail?: string) {
    super(detail ? `${stage}: ${detail}` : stage);
    this.name = 'AgeFailure';
    this.stage = stage;
    this.info = detail === undefined ? { code } : { code, detail };
  }

  static fromInfo(stage: AgeFailureStage, info: ExtractErrorInfo): AgeFailure {
    return new AgeFailure(stage, info.code, info.detail);
  }
}

export const malformedHeader = (detail: string): AgeFailure => new AgeFailure('header', 'damaged', `malformed age header: ${detail}`);

export const damagedPayload = (detail: string): AgeFailure => new AgeFailure('payload', 'damaged', detail);
