/**
 * An extract file the app was asked to open from outside: double-clicking a .bdx
 * (Windows and Linux pass it on the command line, to the first instance or to the
 * running one through `second-instance`; macOS sends `open-file`). The file is not
 * opened behind the analyst's back: the next "Åbn fil…" dialog starts on it, and the
 * chosen path then goes the usual way (dialog → ExtractService.openFile → handle).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTRACT_FILE_EXTENSION = '.bdx';

function isExtractPath(candidate: string): boolean {
  return path.extname(candidate).toLowerCase() === EXTRACT_FILE_EXTENSION;
}

/** One argument as an absolute path, or null when it is a switch or no .bdx file. */
export function extractPathFromArgument(argument: string, cwd: string): string | null {
  if (argument.length === 0 || argument.startsWith('-')) return null;
  let candidate = argument;
  if (/^file:/i.test(argument)) {
    try {
      candidate = fileURLToPath(argument);
    } catch {
      return null;
    }
  } else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(argument)) {
    return null; // any other URL: not a local file
  }
  if (!isExtractPath(candidate)) return null;
  return path.resolve(cwd, candidate);
}

/**
 * The .bdx files among a process's arguments. argv[0] is the executable; in development
 * argv[1] is the main script; Chromium may add switches anywhere.
 */
export function extractPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .map((argument) => extractPathFromArgument(argument, cwd))
    .filter((found): found is string => found !== null);
}

/** The most recent file asked for, until the open dialog has used it. */
export class LaunchFiles {
  #pending: string | null = null;

  offer(filePath: string): void {
    if (isExtractPath(filePath) && path.isAbsolute(filePath)) this.#pending = path.normalize(filePath);
  }

  /** Offers the last .bdx of a command line; true when there was one. */
  offerArgv(argv: readonly string[], cwd: string): boolean {
    const last = extractPathsFromArgv(argv, cwd).at(-1);
    if (last === undefined) return false;
    this.offer(last);
    return true;
  }

  peek(): string | null {
    return this.#pending;
  }

  /** The pending file, once. */
  take(): string | null {
    const pending = this.#pending;
    this.#pending = null;
    return pending;
  }
}
