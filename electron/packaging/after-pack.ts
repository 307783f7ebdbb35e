/**
 * electron-builder's afterPack hook (see electron-builder.ts): flips the fuses of
 * fuses.ts in the packaged Electron binary, before electron-builder signs it, and reads
 * them back, failing the build if any is not as set.
 */
import path from 'node:path';
import { flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { Arch, type AfterPackContext } from 'electron-builder';
import { fuseWireMismatches, packagedFuseConfig } from './fuses';

/** The packaged Electron executable (macOS: the .app), named as electron-builder names it. */
export function packagedElectronPath(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux': {
      const { executableName } = packager as unknown as { executableName: string };
      return path.join(appOutDir, executableName);
    }
    default:
      throw new Error(`afterPack: no fuses for platform ${electronPlatformName}`);
  }
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const electronPath = packagedElectronPath(context);
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // Flipping a fuse breaks an arm64 binary's ad-hoc signature; electron-builder signs
  // after this hook when an identity is configured, and this keeps unsigned builds runnable.
  const resetAdHocDarwinSignature = isMac && (context.arch === Arch.arm64 || context.arch === Arch.universal);
  await flipFuses(electronPath, packagedFuseConfig({ resetAdHocDarwinSignature }));
  const problems = fuseWireMismatches(await getCurrentFuseWire(electronPath));
  if (problems.length > 0) throw new Error(`afterPack: the fuses of ${electronPath} are wrong: ${problems.join('; ')}`);
  console.log(`[afterPack] fuses set on ${path.basename(electronPath)} (${context.electronPlatformName})`);
}
