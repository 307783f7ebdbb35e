/** Types for worker-build.mjs (imported by the main process and by tests). */
export declare const AGE_DECRYPT_WORKER_BUNDLE: string;

export interface AgeDecryptWorkerBuildOptions {
  entryPoints: string[];
  outfile: string;
  bundle: true;
  format: 'cjs';
  platform: 'node';
  target: string;
  sourcemap: 'linked';
}

export declare function ageDecryptWorkerBuild(root: string, outDir: string): AgeDecryptWorkerBuildOptions;
