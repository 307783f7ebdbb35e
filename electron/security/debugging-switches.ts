/**
 * Command-line switches that let another process inspect or drive the app: Chromium's
 * remote debugging (the DevTools protocol, which reads every page, decrypted data
 * included) and Node's inspector. A packaged build refuses to start with any of them;
 * the inspector is also fused off in packaged builds (electron/packaging/fuses.ts), the
 * remote-debugging switches have no fuse. Unpackaged runs keep them: the end-to-end
 * tests drive the app over the DevTools protocol.
 */
export const DEBUGGING_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'inspect',
  'inspect-brk',
  'inspect-port',
] as const;

/** The debugging switches present on the command line, by name. */
export function debuggingSwitchesIn(hasSwitch: (name: string) => boolean): string[] {
  return DEBUGGING_SWITCHES.filter((name) => hasSwitch(name));
}
