/** The CLI's file handling: reading the input folder, secrets and keys, and atomic writes. */
import { randomBytes } from 'node:crypto';
import { chmod, lstat, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { InputFile } from '../../shared/builder/input-files';

export async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** All regular files under the folder (hidden ones skipped), with '/'-separated relative names. */
export async function readInputFolder(folder: string): Promise<InputFile[]> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`the input folder ${folder} does not exist or is not a folder`);
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files: InputFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    // parentPath from Node 20.12; `path` before that.
    const parent = (entry as { parentPath?: string; path?: string }).parentPath ?? (entry as { path?: string }).path ?? folder;
    const path = join(parent, entry.name);
    const name = relative(folder, path).split(sep).join('/');
    if (name.split('/').some((part) => part.startsWith('.'))) continue;
    files.push({ name, bytes: new Uint8Array(await readFile(path)) });
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export async function readSecretFile(path: string): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Error(`cannot read the pseudonymisation secret file ${path}`);
  });
  // A trailing newline from an editor or `openssl rand` is not part of the secret.
  return text.replace(/[\r\n]+$/, '');
}

export async function readRecipientsFile(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Error(`cannot read the recipients file ${path}`);
  });
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Writes to a temporary file beside the target, then renames it into place, so a failed or
 * interrupted run never leaves a partial file under the target's name.
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array, options: { overwrite: boolean }): Promise<void> {
  if (!options.overwrite && (await exists(path))) throw new Error(`${path} exists`);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}

/** Creates a new file readable only by its owner; refuses to replace an existing one. */
export async function writeNewPrivateFile(path: string, text: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch {
    throw new Error(`cannot create ${path} (it exists, or its folder does not)`);
  }
  try {
    // The umask can only narrow the mode; chmod states it exactly.
    await handle.chmod(0o600);
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(path, 0o600);
}
