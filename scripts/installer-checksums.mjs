#!/usr/bin/env node
// Writes SHA256SUMS.txt next to the installers in out/installers/, in the format of
// `sha256sum` (so `sha256sum -c SHA256SUMS.txt` and `shasum -a 256 -c SHA256SUMS.txt`
// check it). Usage: node scripts/installer-checksums.mjs [folder]
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const INSTALLER_DIR = path.join(root, 'out', 'installers');
export const CHECKSUM_FILE = 'SHA256SUMS.txt';
const INSTALLER_EXTENSIONS = ['.exe', '.dmg', '.AppImage', '.deb'];

export async function sha256File(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

/** Hashes every installer directly in `folder` and writes the list; returns its lines. */
export async function writeInstallerChecksums(folder = INSTALLER_DIR) {
  const entries = await readdir(folder, { withFileTypes: true });
  const installers = entries
    .filter((entry) => entry.isFile() && INSTALLER_EXTENSIONS.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => entry.name)
    .sort();
  const lines = [];
  for (const name of installers) lines.push(`${await sha256File(path.join(folder, name))}  ${name}`);
  await writeFile(path.join(folder, CHECKSUM_FILE), lines.map((line) => `${line}\n`).join(''));
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = path.resolve(process.argv[2] ?? INSTALLER_DIR);
  writeInstallerChecksums(folder).then(
    (lines) => {
      if (lines.length === 0) console.log(`No installers in ${folder}; ${CHECKSUM_FILE} is empty.`);
      else console.log(`${path.join(folder, CHECKSUM_FILE)}:\n${lines.join('\n')}`);
    },
    (err) => {
      console.error(`installer-checksums failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
