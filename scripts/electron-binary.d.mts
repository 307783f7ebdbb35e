// Types for scripts/electron-binary.mjs, so TypeScript (e2e) can import it.
export type ElectronBinaryLookup =
  | { found: true; path: string; source: string }
  | { found: false; reason: string };

export function platformExecutable(platform?: NodeJS.Platform | 'mas'): string;
export function electronPackageDir(): string | null;
export function findElectronBinary(options?: {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform | 'mas';
}): ElectronBinaryLookup;
export function electronInstallerPath(): string | null;
export function electronPackageVersion(): string | null;
