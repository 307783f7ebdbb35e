/**
 * The default LP solver: HiGHS (University of Edinburgh; MIT) compiled to WebAssembly by
 * the `highs` npm package (highs-js, MIT). Dual simplex with warm starts between the
 * objectives of one session; branch-and-cut for the integer attacker.
 *
 * Loading:
 * - Node (vitest, CLI, main process): `await loadHighsSolver()`; the loader reads
 *   `highs.wasm` beside `highs.mjs` in node_modules.
 * - Browser / Web Worker built by Vite: `await loadHighsSolver()` also works in a production
 *   build, because highs.mjs locates its wasm with `new URL('highs.wasm', import.meta.url)`,
 *   which Vite turns into an emitted asset. To be independent of that (and for Vite's dev
 *   server, whose dependency pre-bundling moves highs.mjs away from its wasm), pass the
 *   asset URL explicitly:
 *
 *     import highsWasmUrl from 'highs/runtime?url';
 *     const solver = await loadHighsSolver({ locateFile: () => highsWasmUrl });
 *
 *   The wasm is then fetched from the app's own origin (CSP `connect-src 'self'`) and
 *   compiled (CSP `script-src 'wasm-unsafe-eval'`). `wasmBinary` (bytes) or `wasmModule`
 *   (a compiled WebAssembly.Module) avoid the fetch altogether.
 */
import type { Highs } from 'highs';
import type { LinearProgram, LpObjective, LpResult, LpSession, LpSolver } from './lp';
import { DisclosureError } from './types';

export interface HighsLoadOptions {
  /** Maps `highs.wasm` to the URL it is served from. */
  readonly locateFile?: (file: string) => string;
  /** The wasm bytes, instead of fetching or reading them. */
  readonly wasmBinary?: ArrayBuffer | ArrayBufferView;
  /** A compiled module, instead of compiling the bytes. */
  readonly wasmModule?: WebAssembly.Module;
}

let defaultSolver: Promise<LpSolver> | undefined;

/** HiGHS's simplex_strategy values. */
const SIMPLEX_DUAL = 1;
const SIMPLEX_PRIMAL = 4;

/** Loads HiGHS. Without options, one solver per runtime is loaded and shared. */
export function loadHighsSolver(options?: HighsLoadOptions): Promise<LpSolver> {
  if (!options) {
    defaultSolver ??= load(undefined).catch((error: unknown) => {
      defaultSolver = undefined;
      throw error;
    });
    return defaultSolver;
  }
  return load(options);
}

async function load(options: HighsLoadOptions | undefined): Promise<LpSolver> {
  const { default: loadHighs } = await import('highs');
  const init: Record<string, unknown> = {};
  if (options?.locateFile) init['locateFile'] = options.locateFile;
  if (options?.wasmBinary) init['wasmBinary'] = options.wasmBinary;
  if (options?.wasmModule) init['wasmModule'] = options.wasmModule;
  return highsSolver(await loadHighs(init));
}

/** Wraps a loaded HiGHS runtime. Solves are synchronous; run big exports in a worker. */
export function highsSolver(highs: Highs): LpSolver {
  const inf = highs.infinity;
  const status = highs.constants.modelStatus;
  const clamp = (v: number): number => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  return {
    name: `HiGHS ${highs.version.string} (highs-js)`,
    open(program: LinearProgram): LpSession {
      const n = program.numVars;
      const m = program.rows.length;
      const starts: number[] = [0];
      const indices: number[] = [];
      const values: number[] = [];
      const rowLower: number[] = [];
      const rowUpper: number[] = [];
      for (const row of program.rows) {
        for (let k = 0; k < row.vars.length; k++) {
          indices.push(row.vars[k]!);
          values.push(row.coefs[k]!);
        }
        starts.push(indices.length);
        rowLower.push(clamp(row.lo));
        rowUpper.push(clamp(row.hi));
      }
      const model = highs.createModel({
        numCols: n,
        numRows: m,
        colCost: new Float64Array(n),
        colLower: Float64Array.from(program.lower, clamp),
        colUpper: Float64Array.from(program.upper, clamp),
        rowLower,
        rowUpper,
        matrix: { format: 'csr', numRows: m, numCols: n, starts, indices, values },
        ...(program.integer ? { integrality: new Int32Array(n).fill(highs.constants.variableType.integer) } : {}),
      });
      const cost = new Float64Array(n);
      const integer = program.integer === true;
      // LPs are re-solved many times with small changes, so presolve is of no use. After a
      // change of objective only (the audit), the previous basis stays primal feasible: primal
      // simplex from there. After a change of bounds (the protection programs, costs ≥ 0), the
      // slack basis is dual feasible and close to the new optimum: dual simplex from there.
      // Each choice measured several times faster than the other on these programs.
      let boundsChanged = false;
      let strategy = -1;
      const useStrategy = (wanted: number): void => {
        if (integer || wanted === strategy) return;
        model.options.set({ simplex_strategy: wanted });
        strategy = wanted;
      };
      try {
        model.options.set(integer ? { output_flag: false } : { output_flag: false, presolve: 'off', solver: 'simplex' });
      } catch (error) {
        model.dispose();
        throw error;
      }
      const run = (): number => {
        if (boundsChanged && !integer) model.setLogicalBasis();
        useStrategy(boundsChanged ? SIMPLEX_DUAL : SIMPLEX_PRIMAL);
        boundsChanged = false;
        model.run();
        let code: number = model.getModelStatus();
        if (code === status.unboundedOrInfeasible && integer) {
          // Presolve may stop at "one of the two"; the search proper tells them apart.
          model.options.set({ presolve: 'off' });
          model.run();
          code = model.getModelStatus();
          model.options.set({ presolve: 'choose' });
        }
        return code;
      };
      return {
        optimize(objective: LpObjective, sense: 'min' | 'max'): LpResult {
          // One call across the boundary into wasm, not one per column.
          cost.fill(0);
          for (let k = 0; k < objective.vars.length; k++) cost[objective.vars[k]!] = objective.coefs[k]!;
          if (n > 0) model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, cost);
          model.changeObjectiveSense(sense === 'min' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize);
          const code = run();
          if (code === status.optimal) {
            return { status: 'optimal', objective: model.getObjectiveValue(), x: model.getSolution().colValue };
          }
          if (code === status.empty) return { status: 'optimal', objective: 0, x: new Float64Array(n) };
          if (code === status.unbounded) return { status: 'unbounded' };
          if (code === status.infeasible) return { status: 'infeasible' };
          if (code === status.unboundedOrInfeasible) return { status: 'infeasible-or-unbounded' };
          throw new DisclosureError(`The LP solver stopped without an answer (HiGHS model status ${code}).`);
        },
        setBounds(variable: number, lower: number, upper: number): void {
          model.changeColBounds(variable, clamp(lower), clamp(upper));
          boundsChanged = true;
        },
        dispose(): void {
          model.dispose();
        },
      };
    },
  };
}
