/**
 * A stand-in for an Electron executable: only the fuse wire, as Electron embeds it
 * (sentinel, wire version, wire length, one byte per fuse). @electron/fuses reads and
 * flips it exactly as in a real binary.
 */
import { writeFile } from 'node:fs/promises';

/** @electron/fuses' SENTINEL, which Electron puts right before its fuse wire. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_ON = 0x31;
export const FUSE_OFF = 0x30;

/** Electron 41's defaults: RunAsNode, cookie encryption, NODE_OPTIONS, inspect, asar
 *  integrity, only-asar, browser V8 snapshot, file:// privileges, WASM trap handlers. */
export const ELECTRON_DEFAULT_FUSES = [FUSE_ON, FUSE_OFF, FUSE_ON, FUSE_ON, FUSE_OFF, FUSE_OFF, FUSE_OFF, FUSE_ON, FUSE_ON];

export async function writeFakeElectronBinary(file: string, fuses: readonly number[] = ELECTRON_DEFAULT_FUSES): Promise<void> {
  const wire = Buffer.from([1, fuses.length, ...fuses]);
  const content = Buffer.concat([Buffer.from('\x7fELF stand-in for Electron\n'), Buffer.from(FUSE_SENTINEL), wire, Buffer.from('\n')]);
  await writeFile(file, content, { mode: 0o755 });
}
