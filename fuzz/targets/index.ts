/**
 * Every fuzz target, loaded lazily (a worker imports only its own). Adding a parser is one
 * entry here plus a FuzzTarget module (see fuzz/README.md, "Adding a parser").
 */
import type { FuzzTarget } from '../target';

export const TARGETS = {
  'extract-archive': async () => (await import('./extract-archive')).extractArchiveTarget,
  'extract-ciphertext': async () => (await import('./extract-ciphertext')).extractCiphertextTarget,
  pack: async () => (await import('./pack')).packTarget,
  briefing: async () => (await import('./briefing')).briefingTarget,
  builder: async () => (await import('./builder')).builderTarget,
  cells: async () => (await import('./cells')).cellsTarget,
  citylife: async () => (await import('./citylife')).citylifeTarget,
  /** Not a parser: misbehaves on purpose for harness.test.ts. */
  selftest: async () => (await import('./selftest')).selftestTarget,
} satisfies Record<string, () => Promise<FuzzTarget>>;

export type TargetName = keyof typeof TARGETS;

export function isTargetName(name: string): name is TargetName {
  return Object.hasOwn(TARGETS, name);
}

export async function loadTarget(name: string): Promise<FuzzTarget> {
  if (!isTargetName(name)) throw new Error(`no fuzz target "${name}"; targets: ${Object.keys(TARGETS).join(', ')}`);
  return TARGETS[name]();
}
