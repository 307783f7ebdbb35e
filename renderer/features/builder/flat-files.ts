/**
 * Files picked one by one (not as a folder) arrive without their sub-folders, while
 * extract.json may name "geografi/bydel.geojson". Each such path is given to the one picked
 * file with that base name, so choosing the files themselves works as choosing the folder.
 */
import type { InputFile } from '../../../shared/builder';

interface LooseSpec {
  areaLayers?: { file?: unknown }[];
  tables?: { file?: unknown }[];
}

const baseName = (path: string) => path.replaceAll('\\', '/').split('/').pop() ?? path;

export function placeFlatFiles(files: readonly InputFile[], specText: string | null): InputFile[] {
  let spec: LooseSpec = {};
  try {
    if (specText !== null) spec = JSON.parse(specText) as LooseSpec;
  } catch {
    return [...files]; // the builder reports the broken extract.json itself
  }
  const named = [...(Array.isArray(spec.areaLayers) ? spec.areaLayers : []), ...(Array.isArray(spec.tables) ? spec.tables : [])]
    .map((entry) => entry?.file)
    .filter((file): file is string => typeof file === 'string' && /[/\\]/.test(file));
  const placed = files.map((f) => ({ ...f }));
  for (const path of named) {
    const matches = placed.filter((f) => !f.name.includes('/') && f.name.toLowerCase() === baseName(path).toLowerCase());
    if (matches.length === 1) matches[0]!.name = path.replaceAll('\\', '/').replace(/^\.\//, '');
  }
  return placed;
}
