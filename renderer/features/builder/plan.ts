/**
 * How many progress steps a run will report, read leniently from extract.json before the
 * builder checks it properly. Only for the progress bar: a wrong guess just ends early.
 */
interface LooseSpec {
  areaLayers?: unknown[];
  tables?: { columns?: { name?: unknown }[] }[];
  pseudonymise?: unknown[];
}

export function planSteps(specText: string | null, mode: 'validate' | 'build'): number {
  let spec: LooseSpec = {};
  try {
    if (specText !== null) spec = JSON.parse(specText) as LooseSpec;
  } catch {
    // A broken extract.json stops the run at its first step; the report says why.
  }
  const layers = Array.isArray(spec.areaLayers) ? spec.areaLayers.length : 0;
  const tables = Array.isArray(spec.tables) ? spec.tables : [];
  // read files, extract.json, each layer, each table, the cross-checks
  let total = 1 + 1 + layers + tables.length + 1;
  if (mode === 'build') {
    const hidden = new Set(Array.isArray(spec.pseudonymise) ? spec.pseudonymise : []);
    const pseudonymised = tables.reduce((n, t) => n + (Array.isArray(t.columns) ? t.columns.filter((c) => hidden.has(c.name)).length : 0), 0);
    // pseudonymise, write each table, pack, encrypt
    total += pseudonymised + tables.length + 2;
  }
  return total;
}
