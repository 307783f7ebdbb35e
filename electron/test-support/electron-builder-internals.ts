/**
 * electron-builder's own code for loading and checking a configuration, as `electron-builder`
 * itself runs it (app-builder-lib, resolved from electron-builder so that both are the
 * same copy): getConfig finds and loads electron-builder.ts, validateConfiguration checks
 * it against app-builder-lib's scheme.json, convertIcon resolves icons as a build would.
 */
import { createRequire } from 'node:module';
import type * as ConfigModule from 'app-builder-lib/out/util/config/config';
import type * as LoadModule from 'app-builder-lib/out/util/config/load';
import type * as IconModule from 'app-builder-lib/out/util/iconConverter';
import type { DebugLogger as DebugLoggerClass } from 'builder-util';

const requireFromHere = createRequire(import.meta.url);
const requireFromBuilder = createRequire(requireFromHere.resolve('electron-builder'));
const appBuilderLib = requireFromBuilder.resolve('app-builder-lib');
const requireFromAppBuilderLib = createRequire(appBuilderLib);

export const { getConfig, validateConfiguration } = requireFromAppBuilderLib('./util/config/config') as typeof ConfigModule;
export const { findAndReadConfig } = requireFromAppBuilderLib('./util/config/load') as typeof LoadModule;
export const { convertIcon } = requireFromAppBuilderLib('./util/iconConverter') as typeof IconModule;
export const { DebugLogger } = requireFromAppBuilderLib('builder-util') as { DebugLogger: typeof DebugLoggerClass };
/** @electron/asar, as electron-builder uses it to write app.asar. */
export const asar = requireFromAppBuilderLib('@electron/asar') as { listPackage(archive: string, options: object): string[]; extractFile(archive: string, file: string): Buffer };
