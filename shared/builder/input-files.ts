/**
 * The input folder as the builder sees it: a list of files with paths relative to the
 * folder ('/'-separated). The CLI reads them from disk; the app's builder screen from the
 * files the user picked. The builder never touches a file system itself.
 */
import type { ProblemList, ProblemPlace } from './problems';

export interface InputFile {
  /** Path relative to the input folder, e.g. "tables/persons.csv". */
  name: string;
  bytes: Uint8Array;
}

export function normalisePath(name: string): string {
  return name.replaceAll('\\', '/').replace(/^\.\//, '').replace(/^\/+/, '');
}

export class InputFolder {
  private readonly byPath = new Map<string, InputFile>();
  private readonly used = new Set<string>();

  constructor(files: readonly InputFile[]) {
    for (const file of files) this.byPath.set(normalisePath(file.name), file);
  }

  /** Finds a file named in extract.json: the exact path, else the one file whose path ends with it. */
  find(name: string, problems: ProblemList, place: ProblemPlace): InputFile | null {
    const wanted = normalisePath(name);
    const exact = this.byPath.get(wanted);
    if (exact) {
      this.used.add(wanted);
      return exact;
    }
    const lower = wanted.toLowerCase();
    const candidates = [...this.byPath.keys()].filter((p) => p.toLowerCase() === lower || p.toLowerCase().endsWith(`/${lower}`)).sort();
    if (candidates.length === 1) {
      this.used.add(candidates[0]!);
      return this.byPath.get(candidates[0]!)!;
    }
    if (candidates.length > 1) problems.add('file-ambiguous', { file: name, candidates }, place);
    else problems.add('file-missing', { file: name }, place);
    return null;
  }

  get(path: string): InputFile | undefined {
    return this.byPath.get(normalisePath(path));
  }

  /** Data files in the folder that extract.json does not name (hidden files and notes are ignored). */
  unused(): string[] {
    const dataFile = /\.(csv|txt|tsv|xlsx|xls|parquet|geojson|json|zip|shp)$/i;
    return [...this.byPath.keys()]
      .filter((p) => !this.used.has(p) && dataFile.test(p) && !p.split('/').some((part) => part.startsWith('.') || part === '__MACOSX'))
      .sort();
  }

  markUsed(path: string): void {
    this.used.add(normalisePath(path));
  }
}

export function extensionOf(name: string): string {
  const base = name.split('/').pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
}
