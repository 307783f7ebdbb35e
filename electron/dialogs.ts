/** Electron wiring: the native file dialogs behind the host's open and save calls. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_BRIEFING_BYTES } from '../shared/briefing/limits';
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { HostDialogs } from './ipc/handlers';
import { saveDialogFilters } from './services/save-file';

export const EXTRACT_FILE_FILTER = { name: 'Bydelsmonitor-udtræk (*.bdx)', extensions: ['bdx'] };

export interface ElectronDialogOptions {
  /** A file the open-extract dialog starts on (one the app was asked to open), or null. */
  extractDefaultPath?: () => string | null;
}

export function createElectronDialogs(dialogOptions: ElectronDialogOptions = {}): HostDialogs<BrowserWindow | null> {
  return {
    async chooseExtractFile(owner) {
      const defaultPath = dialogOptions.extractDefaultPath?.() ?? null;
      const options: OpenDialogOptions = {
        title: 'Åbn udtræk',
        filters: [EXTRACT_FILE_FILTER],
        properties: ['openFile'],
        ...(defaultPath === null ? {} : { defaultPath }),
      };
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseKeyFile(owner) {
      const options: OpenDialogOptions = { title: 'Importér nøglefil', properties: ['openFile'] };
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      const file = result.canceled ? undefined : result.filePaths[0];
      if (!file) return null;
      // An age key file is a few hundred bytes; refuse anything that cannot be one.
      if ((await stat(file)).size > 64 * 1024) return '';
      return readFile(file, 'utf8');
    },
    async chooseBriefingFile(owner) {
      const options: OpenDialogOptions = {
        title: 'Åbn mødepakke',
        filters: [{ name: 'Mødepakke (*.bmp, *.bmp.json)', extensions: ['bmp', 'json'] }],
        properties: ['openFile'],
      };
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      const file = result.canceled ? undefined : result.filePaths[0];
      if (!file) return null;
      // Briefings are small; a huge file is refused by the reader with a message, unread.
      if ((await stat(file)).size > MAX_BRIEFING_BYTES) return { name: path.basename(file), bytes: null };
      return { name: path.basename(file), bytes: new Uint8Array(await readFile(file)) };
    },
    async chooseSaveTarget(owner, suggestedName) {
      const options: SaveDialogOptions = {
        title: 'Gem eksport',
        defaultPath: suggestedName,
        filters: saveDialogFilters(suggestedName),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

export const electronDialogs: HostDialogs<BrowserWindow | null> = createElectronDialogs();
