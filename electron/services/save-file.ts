/**
 * Writing an export to the place the user chose in the save dialog. Exports are already
 * anonymised aggregates; plaintext extract data never goes through here.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface SaveDialogFilter {
  name: string;
  extensions: string[];
}

/** A file name safe to suggest in a dialog: no folders, no control characters. */
export function sanitizeSuggestedName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .trim()
    .replace(/^\.+/, '');
  return cleaned === '' ? 'eksport' : cleaned.slice(0, 200);
}

/** One filter for the suggested file's extension, so the dialog keeps it. */
export function saveDialogFilters(suggestedName: string): SaveDialogFilter[] {
  const ext = path.extname(suggestedName).slice(1).toLowerCase();
  if (!/^[a-z0-9]{1,10}$/.test(ext)) return [];
  return [{ name: ext.toUpperCase(), extensions: [ext] }];
}

export async function writeExportFile(absolutePath: string, bytes: Uint8Array): Promise<{ name: string }> {
  if (!path.isAbsolute(absolutePath)) throw new Error('save paths must be absolute');
  try {
    await fs.writeFile(absolutePath, bytes);
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unknown error';
    throw new Error(`the file could not be written (${code})`, { cause: err });
  }
  return { name: path.basename(absolutePath) };
}

/** Removes an export that could not be recorded in the audit log (already gone is fine). */
export async function removeExportFile(absolutePath: string): Promise<void> {
  await fs.rm(absolutePath, { force: true });
}
