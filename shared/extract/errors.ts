/**
 * Every way opening an extract can fail, as a code the UI turns into a message.
 * Codes cross the IPC boundary as plain data, so they are strings, not classes.
 */
export const EXTRACT_ERROR_CODES = [
  'wrong-secret', // passphrase or key does not open the file
  'not-an-extract', // not an age-encrypted file at all
  'damaged', // truncated or altered after encryption (authentication failed)
  'unsupported-version', // manifest names a format major version this app does not know
  'invalid-manifest', // manifest missing or not valid
  'missing-table', // manifest lists a file the archive lacks
  'schema-mismatch', // a table's columns differ from what the manifest promises
  'too-large', // larger than this app can hold in memory
  'unreadable-file', // the file could not be read from disk
] as const;

export type ExtractErrorCode = (typeof EXTRACT_ERROR_CODES)[number];

/** Plain-data error: code for the message, detail (no data values) for the analyst. */
export interface ExtractErrorInfo {
  code: ExtractErrorCode;
  detail?: string;
}

export class ExtractError extends Error {
  readonly code: ExtractErrorCode;
  readonly detail: string | undefined;
  constructor(code: ExtractErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ExtractError';
    this.code = code;
    this.detail = detail;
  }
  toInfo(): ExtractErrorInfo {
    return this.detail === undefined ? { code: this.code } : { code: this.code, detail: this.detail };
  }
}

export function isExtractErrorInfo(value: unknown): value is ExtractErrorInfo {
  if (typeof value !== 'object' || value === null) return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' && (EXTRACT_ERROR_CODES as readonly string[]).includes(code);
}
