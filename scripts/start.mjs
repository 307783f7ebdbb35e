// `npm start`: builds the app, finds (or at first start downloads) an Electron binary,
// and runs the desktop app. Usage: node scripts/start.mjs [--no-build]
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  electronInstallerPath,
  electronPackageVersion,
  findElectronBinary,
  platformExecutable,
} from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const USAGE = `Usage: npm start [-- --no-build]

Builds the renderer (vite) and the Electron main/preload, then starts Bydelsmonitor.

Options:
  --no-build   start from the existing dist/ without building
  --help       show this help

Environment:
  ELECTRON_OVERRIDE_DIST_PATH   folder of an Electron distribution (or its executable)
                                to use instead of the electron npm package's binary`;

function parseArgs(argv) {
  const options = { build: true };
  for (const arg of argv) {
    if (arg === '--no-build') options.build = false;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`Unknown option: ${arg}\n\n${USAGE}`);
      process.exit(2);
    }
  }
  return options;
}

function runNode(args, label) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

function viteBin() {
  const pkgPath = require.resolve('vite/package.json');
  const { bin } = require('vite/package.json');
  return path.join(path.dirname(pkgPath), typeof bin === 'string' ? bin : bin.vite);
}

function build() {
  // vite's own bin through this node: same as `npx vite build`, without a shell on Windows.
  runNode([viteBin(), 'build'], 'vite build');
  runNode([path.join(root, 'scripts', 'build-electron.mjs')], 'build-electron');
}

/** Runs the electron package's downloader; returns the first line of its error, if any. */
function tryInstallElectron() {
  const installer = electronInstallerPath();
  if (!installer) return 'the electron npm package is not installed (run npm install)';
  const version = electronPackageVersion();
  console.log(`No Electron binary yet; downloading Electron${version ? ` ${version}` : ''} (first start only, about 100 MB)…`);
  // stderr is captured: the installer prints a stack trace on failure; one line says enough.
  const result = spawnSync(process.execPath, [installer], {
    cwd: path.dirname(installer),
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 15 * 60 * 1000,
  });
  if (result.error) return result.error.message;
  if (result.status === 0) return null;
  const lines = (result.stderr ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const firstLine = lines.find((l) => !l.startsWith('at ')) ?? `the installer exited with ${result.status}`;
  return firstLine;
}

function explainMissingElectron(reason, installError) {
  const lines = [
    '',
    'Bydelsmonitor could not start: no Electron binary could be had on this machine.',
    `  Why: ${reason}.`,
  ];
  if (installError) lines.push(`  Downloading it failed: ${installError}`);
  lines.push(
    '',
    'Alternatives:',
    '  • npm run web  — runs the same app in your browser, served on 127.0.0.1 only.',
    '  • Install Electron yourself (a release zip from github.com/electron/electron/releases',
    `    matching the electron package version${electronPackageVersion() ? `, ${electronPackageVersion()}` : ''}), unpack it, and set`,
    `    ELECTRON_OVERRIDE_DIST_PATH to that folder (it must contain ${platformExecutable()}).`,
    '',
  );
  console.error(lines.join('\n'));
}

function launch(binary) {
  const env = { ...process.env };
  // With this set, the Electron binary would run as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [root], { cwd: root, stdio: 'inherit', env, windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`Could not run Electron at ${binary}: ${err.message}`);
    process.exit(1);
  });
  child.on('close', (code, signal) => {
    if (code === null) console.error(`Electron exited on signal ${signal}`);
    process.exit(code ?? 1);
  });
}

const options = parseArgs(process.argv.slice(2));
if (options.build) build();

let lookup = findElectronBinary();
let installError = null;
if (!lookup.found && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  installError = tryInstallElectron();
  lookup = findElectronBinary();
}
if (!lookup.found) {
  explainMissingElectron(lookup.reason, installError);
  process.exit(1);
}
launch(lookup.path);
