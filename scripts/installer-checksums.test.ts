import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKSUM_FILE, writeInstallerChecksums } from './installer-checksums.mjs';

let dir: string;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('writeInstallerChecksums', () => {
  it('lists the SHA-256 of each installer in sha256sum format, and nothing else', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bm-sums-'));
    const files: Record<string, string> = {
      'Bydelsmonitor-0.1.0-windows-x64-setup.exe': 'exe',
      'Bydelsmonitor-0.1.0-linux-x86_64.AppImage': 'appimage',
      'bydelsmonitor_0.1.0_amd64.deb': 'deb',
      'Bydelsmonitor-0.1.0-macos-arm64.dmg': 'dmg',
      'builder-debug.yml': 'not an installer',
      'Bydelsmonitor-0.1.0-windows-x64-setup.exe.blockmap': 'not an installer',
    };
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const expected = [
      `${sha('appimage')}  Bydelsmonitor-0.1.0-linux-x86_64.AppImage`,
      `${sha('dmg')}  Bydelsmonitor-0.1.0-macos-arm64.dmg`,
      `${sha('exe')}  Bydelsmonitor-0.1.0-windows-x64-setup.exe`,
      `${sha('deb')}  bydelsmonitor_0.1.0_amd64.deb`,
    ];
    expect(await writeInstallerChecksums(dir)).toEqual(expected);
    expect(await readFile(path.join(dir, CHECKSUM_FILE), 'utf8')).toBe(expected.map((line) => `${line}\n`).join(''));
  });
});
