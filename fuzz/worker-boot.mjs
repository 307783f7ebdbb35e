// Worker entry: registers tsx's loader in this thread, then runs the TypeScript worker.
// (Node 20 does not carry `--import tsx` into worker threads, so it is done here.)
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
