/**
 * The extract builder screen's flow: chosen files → validation report → build → saved
 * file. Secrets never enter this store: they pass through build() to the worker and are
 * dropped with it. Leaving the screen forgets the input, the report and the built file.
 */
import { create } from 'zustand';
import { formatReport, type BuildReport } from '../../shared/builder';
import type { Language } from '../../shared/i18n/messages';
import { getHost } from '../host';
import { folderName, pickFiles, suggestedExtractName } from '../features/builder/input';
import type { Encryption, PickedFile, ProgressStep } from '../features/builder/protocol';
import { runBuilderWorker, type WorkerOutcome, type WorkerRun } from '../features/builder/run-worker';

export type BuilderPhase = 'choose' | 'validating' | 'report' | 'building' | 'built';

export interface BuildProgress {
  step: ProgressStep;
  done: number;
  total: number;
}

export interface BuiltExtract {
  name: string;
  size: number;
  /** Encrypted, so safe to hold for "save again" after a cancelled save dialog. */
  bytes: Uint8Array;
  savedAs: string | null;
  encryption: 'passphrase' | 'recipients';
  recipientCount: number;
}

interface BuilderState {
  open: boolean;
  phase: BuilderPhase;
  files: PickedFile[];
  folder: string | null;
  report: BuildReport | null;
  /** Columns extract.json asks to pseudonymise (known after a clean validation). */
  pseudonymise: string[];
  progress: BuildProgress | null;
  built: BuiltExtract | null;
  /** An unexpected failure (the worker stopped, the file could not be saved). */
  failure: string | null;
  show(): void;
  hide(): void;
  chooseFiles(files: readonly File[]): void;
  validate(): Promise<void>;
  build(request: { encryption: Encryption; pseudonymSecret: string | null }): Promise<void>;
  saveExtract(): Promise<void>;
  /** Back to the encryption step, e.g. to build the same input for other analysts. */
  buildAgain(): void;
  saveReport(language: Language): Promise<void>;
}

const INITIAL = {
  phase: 'choose' as BuilderPhase,
  files: [] as PickedFile[],
  folder: null as string | null,
  report: null as BuildReport | null,
  pseudonymise: [] as string[],
  progress: null as BuildProgress | null,
  built: null as BuiltExtract | null,
  failure: null as string | null,
};

const TOOL = 'Bydelsmonitor (udtræksbygger i appen)';

export const useBuilderStore = create<BuilderState>()((set, get) => {
  let running: WorkerRun | null = null;
  let runId = 0;

  /** Starts a worker run; a later run, or leaving the screen, makes this one's result moot. */
  const start = (request: Parameters<typeof runBuilderWorker>[0]): { id: number; result: Promise<WorkerOutcome> } => {
    running?.cancel();
    const id = ++runId;
    set({ progress: { step: { step: 'read' }, done: 0, total: 1 }, failure: null });
    running = runBuilderWorker(request, (step, total) => {
      if (id !== runId) return;
      const done = (get().progress?.done ?? 0) + 1;
      set({ progress: { step, done, total: Math.max(total, done) } });
    });
    return { id, result: running.result };
  };
  const stop = () => {
    running?.cancel();
    running = null;
    runId++;
  };

  return {
    open: false,
    ...INITIAL,

    show: () => set({ open: true, ...INITIAL }),

    hide() {
      stop();
      set({ open: false, ...INITIAL });
    },

    chooseFiles(files) {
      stop();
      set({ ...INITIAL, files: pickFiles(files), folder: folderName(files) });
    },

    async validate() {
      const { files, folder } = get();
      if (files.length === 0) return;
      set({ phase: 'validating', report: null, built: null, pseudonymise: [] });
      const { id, result } = start({ kind: 'validate', files, flat: folder === null });
      const outcome = await result;
      if (id !== runId) return;
      running = null;
      if (outcome.type === 'validated') set({ phase: 'report', report: outcome.report, pseudonymise: outcome.pseudonymise, progress: null });
      else set({ phase: 'choose', progress: null, failure: outcome.type === 'failed' ? outcome.message : 'unexpected answer' });
    },

    async build({ encryption, pseudonymSecret }) {
      const { files, folder, report } = get();
      if (!report?.ok) return; // nothing is built from input with errors
      set({ phase: 'building', built: null });
      const created = new Date();
      const { id, result } = start({ kind: 'build', files, flat: folder === null, created: created.toISOString(), tool: TOOL, pseudonymSecret, encryption });
      const outcome = await result;
      if (id !== runId) return;
      running = null;
      if (outcome.type === 'built') {
        const code = outcome.report.municipality?.code ?? '';
        set({
          phase: 'built',
          report: outcome.report,
          progress: null,
          built: {
            name: suggestedExtractName(code, created),
            size: outcome.bytes.byteLength,
            bytes: outcome.bytes,
            savedAs: null,
            encryption: 'passphrase' in encryption ? 'passphrase' : 'recipients',
            recipientCount: 'recipients' in encryption ? encryption.recipients.length : 0,
          },
        });
        await get().saveExtract();
      } else if (outcome.type === 'refused') {
        set({ phase: 'report', report: outcome.report, progress: null });
      } else {
        set({ phase: 'report', progress: null, failure: outcome.type === 'failed' ? outcome.message : 'unexpected answer' });
      }
    },

    async saveExtract() {
      const built = get().built;
      if (!built) return;
      try {
        const saved = await getHost().saveFile({
          suggestedName: built.name,
          mimeType: 'application/octet-stream',
          bytes: built.bytes,
          audit: {
            kind: 'extract',
            description: `encrypted extract ${built.name} (${built.encryption === 'passphrase' ? 'passphrase' : `${built.recipientCount} recipient key(s)`})`,
            extractId: get().report?.municipality?.code ?? 'unknown',
            suppression: 'none: encrypted pseudonymised microdata for analysts, never for partners',
          },
        });
        if (saved.saved) set({ built: { ...built, savedAs: saved.name }, failure: null });
      } catch (err) {
        set({ failure: err instanceof Error ? err.message : String(err) });
      }
    },

    buildAgain: () => set({ phase: 'report', built: null, failure: null }),

    async saveReport(language) {
      const report = get().report;
      if (!report) return;
      const code = report.municipality?.code;
      const name = suggestedExtractName(code ?? '', new Date()).replace(/\.bdx$/, language === 'da' ? '-rapport.txt' : '-report.txt');
      try {
        await getHost().saveFile({
          suggestedName: name,
          mimeType: 'text/plain;charset=utf-8',
          bytes: new TextEncoder().encode(formatReport(report, language)),
          audit: { kind: 'builder-report', description: `validation report (${language})`, extractId: code ?? 'unknown', suppression: 'none: problems by table, column and row, with examples of unreadable cells; for the data team only' },
        });
      } catch (err) {
        set({ failure: err instanceof Error ? err.message : String(err) });
      }
    },
  };
});
