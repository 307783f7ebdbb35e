/**
 * The installer configuration (electron-builder.ts at the repository root), loaded and
 * validated by electron-builder's own code, as `electron-builder` does before building;
 * then the items of the packaging issue, and a real (Linux, unpacked) packaging run with
 * a stand-in Electron that shows what lands in app.asar and that the fuses get set.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getCurrentFuseWire } from '@electron/fuses';
import type { Configuration, FileAssociation, LinuxConfiguration, MacConfiguration, NsisOptions, WindowsConfiguration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICON_DIR, PNG_SIZES, renderIconFiles } from '../../scripts/make-icons.mjs';
import { asar, convertIcon, DebugLogger, findAndReadConfig, getConfig, validateConfiguration } from '../test-support/electron-builder-internals';
import { ELECTRON_DEFAULT_FUSES, writeFakeElectronBinary } from '../test-support/fake-electron-binary';
import afterPack from './after-pack';
import { fuseWireMismatches } from './fuses';
import { electronDistFrom } from '../../electron-builder';

const root = path.resolve(__dirname, '..', '..');

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, null, null);
});

type TargetList = { target: string; arch?: string[] }[];

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('is electron-builder.ts at the repository root, found by electron-builder', async () => {
    const found = await findAndReadConfig({ packageKey: 'build', configFilename: 'electron-builder', projectDir: root, packageMetadata: null });
    expect(found?.configFile).toBe(path.join(root, 'electron-builder.ts'));
    const packageJson = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(packageJson).not.toHaveProperty('build'); // a "build" key would take precedence
  });

  it("passes electron-builder's own validation (its JSON schema)", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config.appId).toBe('dk.bydelsmonitor.app');
    expect(config.productName).toBe('Bydelsmonitor');
  });

  it('packs only the built app (dist/) into app.asar, without node_modules and without rebuilding', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual([
      { filter: ['dist/electron/**/*', 'dist/renderer/**/*', '!**/*.map', '!node_modules{,/**/*}'] },
    ]);
    expect(config.npmRebuild).toBe(false);
    expect(config.directories).toMatchObject({ output: 'out/installers', buildResources: 'build' });
    expect(config.publish).toBeNull();
  });

  it('installs on Windows with NSIS, per user, without administrator rights', () => {
    expect((config.win as WindowsConfiguration).target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    const nsis = config.nsis as NsisOptions;
    expect(nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false, packElevateHelper: false });
    expect(nsis.deleteAppDataOnUninstall).toBe(false); // keys and the audit log stay
  });

  it('builds a dmg on macOS', () => {
    expect((config.mac as MacConfiguration).target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
  });

  it('builds an AppImage and a deb on Linux', () => {
    const targets = (config.linux as LinuxConfiguration).target as TargetList;
    expect(targets.map((target) => target.target).sort()).toEqual(['AppImage', 'deb']);
    expect((config.linux as LinuxConfiguration).maintainer).toMatch(/<.+@.+>/); // deb requires one
  });

  it('opens .bdx extract files', () => {
    expect(config.fileAssociations).toEqual([
      {
        ext: 'bdx',
        name: 'Bydelsmonitor.Extract',
        description: 'Bydelsmonitor-udtræk (krypteret)',
        mimeType: 'application/x-bydelsmonitor-extract',
        role: 'Viewer',
        rank: 'Owner',
        icon: 'icons/icon',
      } satisfies FileAssociation,
    ]);
  });

  it('takes Electron from BYDELSMONITOR_ELECTRON_DIST when set (offline packaging)', () => {
    expect(electronDistFrom({})).toBeNull();
    expect(electronDistFrom({ BYDELSMONITOR_ELECTRON_DIST: '  ' })).toBeNull();
    expect(electronDistFrom({ BYDELSMONITOR_ELECTRON_DIST: '/srv/electron-zips' })).toBe('/srv/electron-zips');
  });

  it('packages the Electron the app is developed with', async () => {
    const installed = JSON.parse(await readFile(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
    expect(config.electronVersion).toBe(installed.version);
    expect(Number(installed.version.split('.')[0])).toBeGreaterThanOrEqual(41);
  });

  it('runs the fuse hook after packing', () => {
    // electron-builder's loader (jiti) has its own copy of the module: same function, other instance.
    expect(config.afterPack).toBeTypeOf('function');
    expect((config.afterPack as typeof afterPack).name).toBe(afterPack.name);
    expect(config.electronFuses ?? null).toBeNull(); // one place: the hook, not also electron-builder's own flipping
  });
});

describe('icons', () => {
  it('exist as PNG files of the sizes their names say, 256 and 512 included', async () => {
    expect(PNG_SIZES).toEqual(expect.arrayContaining([256, 512]));
    for (const size of PNG_SIZES) {
      expect(pngSize(await readFile(path.join(ICON_DIR, `${size}x${size}.png`))), `${size}x${size}.png`).toEqual({ width: size, height: size });
    }
  });

  it('are what scripts/make-icons.mjs draws (rerun it after changing the drawing)', async () => {
    for (const [name, data] of renderIconFiles()) {
      expect((await readFile(path.join(ICON_DIR, name))).equals(data), name).toBe(true);
    }
  });

  it('are used as they are by electron-builder, with no conversion tool to download', async () => {
    const roots = [path.join(root, 'build'), root];
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'bm-icons-'));
    try {
      const resolve = async (source: string | null | undefined, format: 'set' | 'ico' | 'icns') => {
        const result = await convertIcon({ sources: [String(source)], fallbackSources: [], roots, format, outDir });
        expect(result.error, `${format}: ${String(result.error)}`).toBeUndefined();
        expect(result.isFallback).toBe(false);
        return result.icons;
      };
      const linux = await resolve((config.linux as LinuxConfiguration).icon, 'set');
      expect(linux.map((icon) => icon.size)).toEqual(PNG_SIZES);
      expect(linux.every((icon) => icon.file.startsWith(ICON_DIR))).toBe(true);
      expect(await resolve((config.win as WindowsConfiguration).icon, 'ico')).toEqual([{ file: path.join(ICON_DIR, 'icon.ico'), size: 256 }]);
      expect((await resolve((config.mac as MacConfiguration).icon, 'icns'))[0]?.file).toBe(path.join(ICON_DIR, 'icon.icns'));
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});

describe('a packaging run (Linux, unpacked) with a stand-in Electron', () => {
  let tmp: string;
  let appOutDir: string;

  beforeAll(async () => {
    // A copy of the project whose dist/ holds stand-ins; node_modules is the real one, so
    // the run sees every dependency that the configuration must keep out.
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-pack-'));
    const project = path.join(tmp, 'project');
    const files: Record<string, string> = {
      'dist/electron/main.cjs': '"use strict";',
      'dist/electron/main.cjs.map': '{}',
      'dist/electron/preload.cjs': '"use strict";',
      'dist/electron/age-decrypt-worker.cjs': '"use strict";',
      'dist/renderer/index.html': '<!doctype html><title>Bydelsmonitor</title>',
      'dist/renderer/assets/index.js': 'export {};',
      'dist/renderer/demo/demo.bdx': 'age-encryption.org/v1',
      'notes.md': 'not part of the app',
    };
    for (const [name, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(project, name)), { recursive: true });
      await writeFile(path.join(project, name), content);
    }
    await copyFile(path.join(root, 'package.json'), path.join(project, 'package.json'));
    await symlink(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    const electronDist = path.join(tmp, 'electron');
    await mkdir(path.join(electronDist, 'resources'), { recursive: true });
    await mkdir(path.join(electronDist, 'locales'), { recursive: true });
    for (const locale of ['da', 'de', 'en-US', 'fr']) await writeFile(path.join(electronDist, 'locales', `${locale}.pak`), locale);
    await writeFakeElectronBinary(path.join(electronDist, 'electron'));
    await writeFile(path.join(electronDist, 'LICENSE'), 'MIT');

    const { build, Platform, Arch } = await import('electron-builder');
    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      config: {
        ...config,
        directories: { output: path.join(tmp, 'out'), buildResources: path.join(root, 'build') },
        electronDist,
      },
    });
    appOutDir = path.join(tmp, 'out', 'linux-unpacked');
  }, 180_000);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('puts dist/ and package.json into app.asar, and nothing else', () => {
    const archive = path.join(appOutDir, 'resources', 'app.asar');
    const entries = asar.listPackage(archive, {}).map((entry) => entry.replaceAll('\\', '/'));
    expect(entries.sort()).toEqual(
      [
        '/dist',
        '/dist/electron',
        '/dist/electron/age-decrypt-worker.cjs',
        '/dist/electron/main.cjs',
        '/dist/electron/preload.cjs',
        '/dist/renderer',
        '/dist/renderer/assets',
        '/dist/renderer/assets/index.js',
        '/dist/renderer/demo',
        '/dist/renderer/demo/demo.bdx',
        '/dist/renderer/index.html',
        '/package.json',
      ].sort(),
    );
    const packaged = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string };
    expect(packaged.main).toBe('dist/electron/main.cjs');
  });

  it('keeps only the Danish and English Chromium locales', async () => {
    expect((await readdir(path.join(appOutDir, 'locales'))).sort()).toEqual(['da.pak', 'en-US.pak']);
  });

  it('sets the fuses in the packaged binary', async () => {
    const wire = (await getCurrentFuseWire(path.join(appOutDir, 'bydelsmonitor'))) as unknown as Record<string, unknown>;
    expect(fuseWireMismatches(wire)).toEqual([]);
    expect(wire['8']).toBe(ELECTRON_DEFAULT_FUSES[8]); // a fuse newer than @electron/fuses keeps Electron's default
  });
});
