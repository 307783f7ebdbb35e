/// <reference lib="webworker" />
/**
 * Pure-JS age decryption off the UI thread (scrypt takes about a second), so the
 * window stays responsive and progress stays visible.
 */
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import type { ExtractSecret } from '../../shared/host/contract';

self.onmessage = async (event: MessageEvent<{ bytes: Uint8Array; secret: ExtractSecret }>) => {
  const result = await decryptAgeInMemory(event.data.bytes, event.data.secret);
  if (result.ok) {
    (self as unknown as Worker).postMessage(result, [result.plaintext.buffer as ArrayBuffer]);
  } else {
    (self as unknown as Worker).postMessage(result);
  }
};
