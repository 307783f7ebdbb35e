import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeSuggestedName, saveDialogFilters, writeExportFile } from './save-file';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-save-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('sanitizeSuggestedName', () => {
  it('keeps ordinary Danish file names', () => {
    expect(sanitizeSuggestedName('Nøgletal Sundby 2025.csv')).toBe('Nøgletal Sundby 2025.csv');
  });
  it('drops folders and characters dialogs cannot take', () => {
    expect(sanitizeSuggestedName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeSuggestedName('C:\\Users\\x\\rapport.pdf')).toBe('rapport.pdf');
    expect(sanitizeSuggestedName('a<b>|c?.csv')).toBe('a_b__c_.csv');
    expect(sanitizeSuggestedName('.hidden')).toBe('hidden');
    expect(sanitizeSuggestedName('   ')).toBe('eksport');
  });
});

describe('saveDialogFilters', () => {
  it('offers the suggested extension', () => {
    expect(saveDialogFilters('tabel.xlsx')).toEqual([{ name: 'XLSX', extensions: ['xlsx'] }]);
    expect(saveDialogFilters('uden-endelse')).toEqual([]);
  });
});

describe('writeExportFile', () => {
  it('writes the bytes and returns only the file name', async () => {
    const target = path.join(tmp, 'eksport.csv');
    const result = await writeExportFile(target, new TextEncoder().encode('område;værdi\n101;5\n'));
    expect(result).toEqual({ name: 'eksport.csv' });
    expect(await readFile(target, 'utf8')).toBe('område;værdi\n101;5\n');
  });

  it('refuses relative paths and reports write failures without a stack of details', async () => {
    await expect(writeExportFile('eksport.csv', new Uint8Array())).rejects.toThrow(/absolute/);
    await expect(writeExportFile(path.join(tmp, 'no-such-dir', 'x.csv'), new Uint8Array())).rejects.toThrow(
      'the file could not be written (ENOENT)',
    );
  });
});
