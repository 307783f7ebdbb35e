#!/usr/bin/env node
// `npm run package`: builds the app (dist/), then the installers with electron-builder
// (configuration: electron-builder.ts), then SHA256SUMS.txt beside them. Arguments go to
// electron-builder, e.g. `npm run package -- --linux` or `-- --win --x64`; without any it
// builds the installers of the platform it runs on. See docs/packaging.md.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALLER_DIR, writeInstallerChecksums } from './installer-checksums.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`package: ${path.basename(command)} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { shell: process.platform === 'win32' });
run(process.execPath, [require.resolve('electron-builder/cli.js'), '--config', 'electron-builder.ts', ...process.argv.slice(2)]);
const lines = await writeInstallerChecksums(INSTALLER_DIR);
console.log(`\nInstallers and their SHA-256 (${path.relative(root, INSTALLER_DIR)}/SHA256SUMS.txt):\n${lines.join('\n')}`);
