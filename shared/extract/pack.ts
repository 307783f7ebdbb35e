/**
 * Packs an extract: manifest + Parquet tables + GeoJSON layers into a zip archive, then
 * encrypts it with age. Isomorphic, so the CLI builder and the in-app builder share it.
 */
import { zipSync, strToU8, type Zippable } from 'fflate';
import { Encrypter } from 'age-encryption';
import { MANIFEST_FILE, type ExtractManifest } from './manifest';
import type { GeoJsonFeatureCollection } from './unpack';

export interface ExtractContents {
  manifest: ExtractManifest;
  /** Parquet bytes by table name (must match manifest.tables). */
  tables: ReadonlyMap<string, Uint8Array>;
  /** GeoJSON by layer id (must match manifest.areaLayers). */
  layers: ReadonlyMap<string, GeoJsonFeatureCollection>;
}

/** A fixed timestamp keeps archives byte-identical for identical contents. */
const ZIP_MTIME = new Date('2000-01-01T00:00:00Z');

export function buildArchive(contents: ExtractContents): Uint8Array {
  const { manifest } = contents;
  const files: Zippable = {
    [MANIFEST_FILE]: [strToU8(JSON.stringify(manifest, null, 2)), { level: 6, mtime: ZIP_MTIME }],
  };
  for (const table of manifest.tables) {
    const bytes = contents.tables.get(table.name);
    if (!bytes) throw new Error(`no Parquet bytes for table "${table.name}"`);
    // Parquet is compressed already: store it.
    files[table.file] = [bytes, { level: 0, mtime: ZIP_MTIME }];
  }
  for (const layer of manifest.areaLayers) {
    const fc = contents.layers.get(layer.id);
    if (!fc) throw new Error(`no GeoJSON for area layer "${layer.id}"`);
    files[layer.file] = [strToU8(JSON.stringify(fc)), { level: 9, mtime: ZIP_MTIME }];
  }
  return zipSync(files);
}

export interface EncryptOptions {
  passphrase?: string;
  /** age recipients (age1…). */
  recipients?: readonly string[];
  /** scrypt log2 work factor for passphrases; age's default is 18. */
  scryptWorkFactor?: number;
}

export async function encryptExtract(plaintext: Uint8Array, options: EncryptOptions): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  if (options.passphrase !== undefined) {
    if ((options.recipients?.length ?? 0) > 0) {
      throw new Error('age encrypts to a passphrase or to recipients, not both');
    }
    encrypter.setPassphrase(options.passphrase);
    if (options.scryptWorkFactor !== undefined) encrypter.setScryptWorkFactor(options.scryptWorkFactor);
  } else {
    if (!options.recipients || options.recipients.length === 0) throw new Error('no passphrase or recipients given');
    for (const recipient of options.recipients) encrypter.addRecipient(recipient);
  }
  return encrypter.encrypt(plaintext);
}
