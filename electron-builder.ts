/**
 * electron-builder configuration: the installers of Bydelsmonitor (docs/packaging.md).
 * electron-builder finds this file by its name and loads it itself (TypeScript included).
 * `npm run package` builds dist/ and then the installers for the platform it runs on.
 *
 * - only dist/ (the built app) goes into app.asar: everything the app runs is bundled
 *   there, so no node_modules are packed and nothing is rebuilt;
 * - Windows: NSIS, installed per user without administrator rights;
 * - macOS: dmg; Linux: AppImage and deb;
 * - `.bdx` extract files open with the app;
 * - the Electron fuses are set by electron/packaging/after-pack.ts from fuses.ts.
 *
 * Offline: set BYDELSMONITOR_ELECTRON_DIST to a folder holding Electron's release zips
 * (electron-v<version>-<platform>-<arch>.zip) and no Electron is downloaded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import afterPack from './electron/packaging/after-pack';

const projectDir = __dirname;

/** The Electron the app is developed and tested with (the installed `electron` package). */
const electronVersion = (
  JSON.parse(readFileSync(path.join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * Where electron-builder takes Electron from, for packaging offline: a folder holding
 * Electron's release zips (electron-v<version>-<platform>-<arch>.zip), one such zip, or
 * an unpacked Electron. null: electron-builder downloads the zip (or takes it from its
 * download cache).
 */
export function electronDistFrom(env: Readonly<Record<string, string | undefined>>): string | null {
  return env['BYDELSMONITOR_ELECTRON_DIST']?.trim() || null;
}

export const EXTRACT_MIME_TYPE = 'application/x-bydelsmonitor-extract';

const config: Configuration = {
  appId: 'dk.bydelsmonitor.app',
  productName: 'Bydelsmonitor',
  copyright: 'Bydelsmonitor',
  // Placeholders for the package metadata that deb requires; the municipality's IT puts
  // its own contact here before distributing (docs/packaging.md).
  extraMetadata: {
    author: { name: 'Bydelsmonitor', email: 'bydelsmonitor@example.invalid' },
    homepage: 'https://bydelsmonitor.example.invalid/',
  },
  directories: { output: 'out/installers', buildResources: 'build' },
  files: ['dist/electron/**/*', 'dist/renderer/**/*', '!**/*.map', '!node_modules{,/**/*}'],
  asar: true,
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  electronVersion,
  electronDist: electronDistFrom(process.env),
  electronLanguages: ['da', 'en-US'],
  // Nothing is uploaded anywhere and no update feed is written: the app does not update itself.
  publish: null,
  afterPack,
  fileAssociations: [
    {
      ext: 'bdx',
      name: 'Bydelsmonitor.Extract',
      description: 'Bydelsmonitor-udtræk (krypteret)',
      mimeType: EXTRACT_MIME_TYPE,
      role: 'Viewer',
      rank: 'Owner',
      icon: 'icons/icon',
    },
  ],
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icons/icon.ico',
  },
  nsis: {
    // One click, for the current user only: installs under %LOCALAPPDATA%\Programs and
    // never asks for administrator rights.
    oneClick: true,
    perMachine: false,
    allowElevation: false,
    packElevateHelper: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Bydelsmonitor',
    // Keys and the export audit log live in the profile; uninstalling keeps them.
    deleteAppDataOnUninstall: false,
    differentialPackage: false,
    artifactName: '${productName}-${version}-windows-${arch}-setup.${ext}',
  },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: 'build/icons/icon.icns',
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
    // Signing (a Developer ID) and notarisation are the municipality's IT's: see docs/packaging.md.
    notarize: false,
  },
  dmg: {
    artifactName: '${productName}-${version}-macos-${arch}.${ext}',
    writeUpdateInfo: false,
  },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'build/icons',
    category: 'Office',
    executableName: 'bydelsmonitor',
    maintainer: 'Bydelsmonitor <bydelsmonitor@example.invalid>',
    synopsis: 'Monitorering af social balance i bydele (offline)',
    description: 'Offline desktop app for monitoring social balance in Danish neighbourhoods.',
    desktop: { entry: { StartupWMClass: 'Bydelsmonitor' } },
  },
  appImage: {
    artifactName: '${productName}-${version}-linux-${arch}.${ext}',
  },
  deb: {
    artifactName: '${name}_${version}_${arch}.${ext}',
  },
};

export default config;
