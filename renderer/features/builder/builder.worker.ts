/// <reference lib="webworker" />
/**
 * The extract builder off the UI thread: reading, checking, pseudonymising, writing
 * Parquet and scrypt all take long enough to freeze a window. One worker per run, ended
 * afterwards, so the input data and the secrets go with it.
 */
import { buildExtract, buildSpecSchema, SPEC_FILE, validateInput, type InputFile } from '../../../shared/builder';
import { buildArchive, encryptExtract } from '../../../shared/extract/pack';
import { placeFlatFiles } from './flat-files';
import { planSteps } from './plan';
import type { PickedFile, ProgressStep, WorkerRequest, WorkerResponse } from './protocol';

const post = (message: WorkerResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

async function readAll(files: readonly PickedFile[]): Promise<InputFile[]> {
  post({ type: 'progress', step: { step: 'read' } });
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.file.arrayBuffer()) })));
}

function specText(files: readonly InputFile[]): string | null {
  const spec = files.find((f) => f.name === SPEC_FILE);
  return spec ? new TextDecoder().decode(spec.bytes) : null;
}

/** The columns extract.json asks to pseudonymise (valid once validation has passed). */
function pseudonymiseList(files: readonly InputFile[]): string[] {
  try {
    const parsed = buildSpecSchema.safeParse(JSON.parse(specText(files) ?? ''));
    return parsed.success ? (parsed.data.pseudonymise ?? []) : [];
  } catch {
    return [];
  }
}

async function run(request: WorkerRequest): Promise<void> {
  const read = await readAll(request.files);
  const files = request.flat ? placeFlatFiles(read, specText(read)) : read;
  post({ type: 'plan', total: planSteps(specText(files), request.kind) });
  const onProgress = (step: ProgressStep) => post({ type: 'progress', step });

  if (request.kind === 'validate') {
    const report = await validateInput(files, { onProgress });
    post({ type: 'validated', report, pseudonymise: report.ok ? pseudonymiseList(files) : [] });
    return;
  }
  const result = await buildExtract(files, {
    created: request.created,
    tool: request.tool,
    pseudonymSecret: request.pseudonymSecret,
    onProgress,
  });
  if (!result.ok) {
    post({ type: 'refused', report: result.report });
    return;
  }
  onProgress({ step: 'archive' });
  const archive = buildArchive(result.contents);
  onProgress({ step: 'encrypt' });
  const bytes = await encryptExtract(archive, request.encryption);
  post({ type: 'built', report: result.report, bytes }, [bytes.buffer as ArrayBuffer]);
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  run(event.data).catch((err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }));
};
