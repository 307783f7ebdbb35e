/**
 * age v1 decryption on Node's own crypto (OpenSSL ChaCha20-Poly1305, X25519, scrypt on
 * the thread pool) for the Electron main process. Opens passphrase (scrypt) and X25519
 * files; refuses armor and other recipient types. Failures carry the same extract
 * error codes as the pure-JS path in shared/extract/decrypt.ts.
 */
export { decryptAgeBytes, openAgeBytes } from './decrypt-bytes';
export { DEFAULT_CHUNKS_PER_READ, PARALLEL_MIN_BYTES, decryptAgeFile, openAgeFile, type FileDecryptOptions } from './decrypt-file';
export { AgeWorkerPool, MAX_POOL_WORKERS, ageWorkerPool, closeAgeWorkerPool, defaultPoolSize } from './pool';
export { AgeFailure, type AgeFailureStage } from './failure';
export { MAX_HEADER_BYTES } from './header';
export { MAX_SCRYPT_LOG_N } from './recipients';
