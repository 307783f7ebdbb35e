/**
 * Messages between the builder screen and its worker. Files cross as File handles (cheap
 * to clone); the worker reads their bytes itself, so the input's citizen data never sits
 * in the window's memory.
 */
import type { BuildReport, BuildStep } from '../../../shared/builder';

export interface PickedFile {
  /** Path relative to the chosen folder, '/'-separated. */
  name: string;
  file: File;
}

export type Encryption = { passphrase: string } | { recipients: string[] };

export type WorkerRequest =
  | { kind: 'validate'; files: PickedFile[]; flat: boolean }
  | {
      kind: 'build';
      files: PickedFile[];
      /** Picked one by one, without sub-folders (see flat-files.ts). */
      flat: boolean;
      created: string;
      tool: string;
      pseudonymSecret: string | null;
      encryption: Encryption;
    };

/** The builder's own steps plus the ones around it: reading files, packing, encrypting. */
export type ProgressStep = BuildStep | { step: 'read' } | { step: 'archive' } | { step: 'encrypt' };

export type WorkerResponse =
  /** How many progress steps to expect, from a lenient reading of extract.json. */
  | { type: 'plan'; total: number }
  | { type: 'progress'; step: ProgressStep }
  | { type: 'validated'; report: BuildReport; pseudonymise: string[] }
  | { type: 'built'; report: BuildReport; bytes: Uint8Array }
  /** The build found errors (e.g. a short secret, or files changed since validation). */
  | { type: 'refused'; report: BuildReport }
  | { type: 'failed'; message: string };
