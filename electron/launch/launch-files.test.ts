import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LaunchFiles, extractPathFromArgument, extractPathsFromArgv } from './launch-files';

const cwd = path.resolve('/home/analyst/Hentet');

describe('extractPathsFromArgv', () => {
  it('finds a .bdx passed to the packaged app (Windows and Linux file association)', () => {
    const file = path.resolve('/data/udtraek 2025.bdx');
    expect(extractPathsFromArgv(['/opt/Bydelsmonitor/bydelsmonitor', file], cwd)).toEqual([file]);
  });

  it('skips the main script of an unpackaged run and Chromium switches', () => {
    const argv = ['/usr/bin/electron', '/work/dist/electron/main.cjs', '--allow-file-access-from-files', '--x=y.bdx', 'a.BDX'];
    expect(extractPathsFromArgv(argv, cwd)).toEqual([path.join(cwd, 'a.BDX')]);
  });

  it('accepts a file:// URL (Linux desktop entries pass %U) and refuses other URLs', () => {
    const file = path.resolve('/data/udtraek.bdx');
    expect(extractPathFromArgument(pathToFileURL(file).href, cwd)).toBe(file);
    expect(extractPathFromArgument('https://example.org/udtraek.bdx', cwd)).toBeNull();
    expect(extractPathFromArgument('app://bydelsmonitor/demo/demo.bdx', cwd)).toBeNull();
  });

  it('ignores anything that is not a .bdx file', () => {
    expect(extractPathsFromArgv(['exe', 'notes.txt', 'udtraek.bdx.zip', '', '.'], cwd)).toEqual([]);
    expect(extractPathsFromArgv(['exe'], cwd)).toEqual([]);
  });
});

describe('LaunchFiles', () => {
  it('keeps the last file asked for and hands it out once', () => {
    const files = new LaunchFiles();
    expect(files.offerArgv(['exe', 'a.bdx', 'b.bdx'], cwd)).toBe(true);
    expect(files.peek()).toBe(path.join(cwd, 'b.bdx'));
    expect(files.take()).toBe(path.join(cwd, 'b.bdx'));
    expect(files.take()).toBeNull();
  });

  it('accepts only absolute .bdx paths from open-file', () => {
    const files = new LaunchFiles();
    files.offer('relative.bdx');
    files.offer(path.resolve('/x/readme.md'));
    expect(files.peek()).toBeNull();
    files.offer(path.resolve('/x/udtraek.bdx'));
    expect(files.peek()).toBe(path.resolve('/x/udtraek.bdx'));
    expect(files.offerArgv(['exe', '--flag'], cwd)).toBe(false);
    expect(files.peek()).toBe(path.resolve('/x/udtraek.bdx'));
  });
});
