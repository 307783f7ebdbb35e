// Finds an Electron binary for `npm start` and the Electron e2e test, without ever
// throwing: the `electron` package's own lookup throws when its download never ran.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Executable path inside an Electron distribution folder, per platform. */
export function platformExecutable(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** Folder of the installed `electron` npm package, or null. */
export function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function isFile(candidate) {
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}

/**
 * @returns {{ found: true, path: string, source: string } | { found: false, reason: string }}
 */
export function findElectronBinary({ env = process.env, platform = process.platform } = {}) {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    // Accept the folder Electron was unpacked into, or the executable itself.
    const candidates = [override, path.join(override, platformExecutable(platform))];
    const hit = candidates.find(isFile);
    if (hit) return { found: true, path: hit, source: 'ELECTRON_OVERRIDE_DIST_PATH' };
    return {
      found: false,
      reason: `ELECTRON_OVERRIDE_DIST_PATH is set to ${override}, but no ${platformExecutable(platform)} is there`,
    };
  }
  const packageDir = electronPackageDir();
  if (!packageDir) return { found: false, reason: 'the electron npm package is not installed' };
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      found: false,
      reason: "the electron package is installed without its binary (its download step has not run; npm's allowScripts policy skips it)",
    };
  }
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!isFile(binary)) return { found: false, reason: `the electron package points at ${binary}, which is missing` };
  return { found: true, path: binary, source: 'electron package' };
}

/** The electron package's own downloader (node_modules/electron/install.js), or null. */
export function electronInstallerPath() {
  const packageDir = electronPackageDir();
  if (!packageDir) return null;
  const installer = path.join(packageDir, 'install.js');
  return existsSync(installer) ? installer : null;
}

/** Version of the installed electron package, for messages. */
export function electronPackageVersion() {
  const packageDir = electronPackageDir();
  if (!packageDir) return null;
  try {
    return JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version ?? null;
  } catch {
    return null;
  }
}
