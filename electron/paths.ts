/**
 * Where the built app finds its parts, relative to dist/electron/main.cjs. Works the
 * same unpacked and inside app.asar (Electron's fs reads from the archive).
 */
import path from 'node:path';

export interface AppPaths {
  rendererRoot: string;
  preloadPath: string;
}

export function appPaths(mainDirectory: string): AppPaths {
  return {
    rendererRoot: path.resolve(mainDirectory, '..', 'renderer'),
    preloadPath: path.resolve(mainDirectory, 'preload.cjs'),
  };
}
