/**
 * The Electron fuses of a packaged Bydelsmonitor: switches compiled into the Electron
 * binary that no command line or environment can change back. The one place they are
 * set; after-pack.ts writes them into every packaged binary (and checks them), and the
 * security checklist test reads them from here. Names as in electron-builder's
 * `electronFuses` option; https://www.electronjs.org/docs/latest/tutorial/fuses
 */
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export const PACKAGED_FUSES = {
  /** ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node.js for any script. */
  runAsNode: false,
  /** The profile's cookie store is encrypted with an OS key (the app keeps no cookies). */
  enableCookieEncryption: true,
  /** NODE_OPTIONS (and NODE_EXTRA_CA_CERTS) could inject code into the main process. */
  enableNodeOptionsEnvironmentVariable: false,
  /** --inspect and SIGUSR1 would open the main process to a debugger. */
  enableNodeCliInspectArguments: false,
  /** app.asar is checked against the hash electron-builder embeds (macOS and Windows;
   *  Electron does not implement the check on Linux). */
  enableEmbeddedAsarIntegrityValidation: true,
  /** Code only from app.asar: no loose app/ folder next to it is ever run. */
  onlyLoadAppFromAsar: true,
  /** Electron's default snapshot is used: there is no browser-process-specific one to load. */
  loadBrowserProcessSpecificV8Snapshot: false,
  /** The app never serves pages from file:// (see security/app-origin.ts). */
  grantFileProtocolExtraPrivileges: false,
} as const;

export type FuseName = keyof typeof PACKAGED_FUSES;

/** Where each fuse sits on the fuse wire (@electron/fuses' FuseV1Options). */
export const FUSE_WIRE_INDEX: Readonly<Record<FuseName, FuseV1Options>> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** Fuse states on the wire: ASCII '0' and '1' (@electron/fuses' FuseState). */
const FUSE_DISABLED = 0x30;
const FUSE_ENABLED = 0x31;

/**
 * The @electron/fuses configuration for flipFuses. Fuses newer than @electron/fuses
 * knows (such as WasmTrapHandlers) keep Electron's default.
 */
export function packagedFuseConfig(options: { resetAdHocDarwinSignature: boolean }): FuseV1Config {
  const config: FuseV1Config = { version: FuseVersion.V1, resetAdHocDarwinSignature: options.resetAdHocDarwinSignature };
  const wire = config as Partial<Record<FuseV1Options, boolean>>;
  for (const [name, index] of Object.entries(FUSE_WIRE_INDEX) as [FuseName, FuseV1Options][]) {
    wire[index] = PACKAGED_FUSES[name];
  }
  return config;
}

/** The fuses whose state on a binary's wire (from getCurrentFuseWire) differs from PACKAGED_FUSES. */
export function fuseWireMismatches(wire: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const [name, index] of Object.entries(FUSE_WIRE_INDEX) as [FuseName, FuseV1Options][]) {
    const expected = PACKAGED_FUSES[name] ? FUSE_ENABLED : FUSE_DISABLED;
    const actual = wire[String(index)];
    if (actual !== expected) problems.push(`${name} is ${describeState(actual)}, should be ${PACKAGED_FUSES[name] ? 'on' : 'off'}`);
  }
  return problems;
}

function describeState(state: unknown): string {
  if (state === FUSE_ENABLED) return 'on';
  if (state === FUSE_DISABLED) return 'off';
  if (state === undefined) return 'missing from the fuse wire';
  return `in state ${String(state)}`;
}
