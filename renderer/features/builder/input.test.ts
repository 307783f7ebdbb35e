import { describe, expect, it } from 'vitest';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { BuildReport, Problem } from '../../../shared/builder';
import { MESSAGES, type MessageKey } from '../../../shared/i18n/messages';
import { folderName, formatBytes, parseRecipients, passphraseStrength, pickFiles, relativeName, suggestedExtractName } from './input';
import { planSteps } from './plan';
import { orderedProblems, periodRanges, problemRows } from './text';

const file = (name: string, webkitRelativePath = '') => ({ name, webkitRelativePath }) as File;

describe('picked files', () => {
  it('are named relative to the chosen folder, or by their own name', () => {
    expect(relativeName(file('a.zip', 'udtraek/geografi/a.zip'))).toBe('geografi/a.zip');
    expect(relativeName(file('extract.json', 'udtraek/extract.json'))).toBe('extract.json');
    expect(relativeName(file('personer.csv'))).toBe('personer.csv');
    expect(folderName([file('x.csv', 'levering/x.csv')])).toBe('levering');
    expect(folderName([file('x.csv')])).toBeNull();
    expect(pickFiles([file('b.csv', 'f/b.csv'), file('a.csv', 'f/a.csv')]).map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
  });

  it('show sizes in the UI language', () => {
    expect(formatBytes(999, 'da')).toBe('999 B');
    expect(formatBytes(3_300_000, 'da')).toBe('3,3 MB');
    expect(formatBytes(3_300_000, 'en')).toBe('3.3 MB');
  });
});

it('suggests <municipality>-<date>.bdx', () => {
  expect(suggestedExtractName('0999', new Date(2025, 0, 5))).toBe('0999-2025-01-05.bdx');
  expect(suggestedExtractName('', new Date(2025, 0, 5))).toBe('udtraek-2025-01-05.bdx');
});

describe('recipients', () => {
  it('accepts age public keys, one per line, with comments, and names the bad lines', async () => {
    const key = await identityToRecipient(await generateX25519Identity());
    const broken = `${key.slice(0, -1)}${key.endsWith('q') ? 'p' : 'q'}`; // checksum fails
    const parsed = parseRecipients(`# Anna\n${key}\n\n${key}\nage1kort\n${broken}\nAGE-SECRET-KEY-1XYZ`);
    expect(parsed.recipients).toEqual([key]);
    expect(parsed.invalidLines).toEqual([5, 6, 7]);
  });
});

it('rates passphrases roughly, and never below the minimum length', () => {
  expect(passphraseStrength('kort')).toBe('short');
  expect(passphraseStrength('aaaaaaaaaaaaaaaa')).toBe('weak');
  expect(passphraseStrength('abcdefghijkl')).toBe('weak');
  expect(passphraseStrength('Abc123-xyz!Q')).toBe('fair');
  expect(passphraseStrength('tre lange ord og et tal 42')).toBe('strong');
});

it('plans progress steps from extract.json, and survives a broken one', () => {
  const spec = JSON.stringify({
    areaLayers: [{}, {}],
    tables: [{ columns: [{ name: 'person_id' }, { name: 'period' }] }, { columns: [{ name: 'person_id' }] }],
    pseudonymise: ['person_id'],
  });
  expect(planSteps(spec, 'validate')).toBe(1 + 1 + 2 + 2 + 1);
  expect(planSteps(spec, 'build')).toBe(7 + 2 + 2 + 2);
  expect(planSteps('{not json', 'validate')).toBe(3);
  expect(planSteps(null, 'build')).toBe(5);
});

describe('report text', () => {
  const t = (key: MessageKey) => MESSAGES.da[key];
  const problem = (p: Partial<Problem>): Problem => ({ severity: 'error', code: 'period-outside', message: { da: '', en: '' }, fix: { da: '', en: '' }, ...p });

  it('names rows as the CLI report does', () => {
    expect(problemRows(problem({ row: 17, count: 4, moreRows: [20, 21, 22] }), t, 'da')).toBe('17 og 3 andre (20, 21, 22)');
    expect(problemRows(problem({ row: 17, count: 30, moreRows: [20, 21] }), t, 'da')).toBe('17 og 29 andre (20, 21, …)');
    expect(problemRows(problem({ feature: 3, featureId: '0101' }), t, 'da')).toBe('objekt 3 (id 0101)');
    expect(problemRows(problem({}), t, 'da')).toBe('');
  });

  it('puts errors first and writes periods as ranges', () => {
    const report = { problems: [problem({ severity: 'warning', code: 'file-unused' }), problem({})] } as BuildReport;
    expect(orderedProblems(report).map((p) => p.severity)).toEqual(['error', 'warning']);
    expect(periodRanges([2017, 2015, 2016, 2020])).toBe('2015–2017, 2020');
  });
});

it('places files picked one by one at the paths extract.json names', async () => {
  const { placeFlatFiles } = await import('./flat-files');
  const bytes = new Uint8Array();
  const spec = JSON.stringify({ areaLayers: [{ file: 'geografi/bydel.geojson' }, { file: 'kort/bydel.geojson' }], tables: [{ file: 'data/personer.csv' }] });
  const placed = placeFlatFiles(
    [
      { name: 'extract.json', bytes },
      { name: 'Personer.CSV', bytes },
      { name: 'bydel.geojson', bytes },
    ],
    spec,
  );
  // The one personer.csv gets its path; bydel.geojson is taken by the first path naming it.
  expect(placed.map((f) => f.name)).toEqual(['extract.json', 'data/personer.csv', 'geografi/bydel.geojson']);
  expect(placeFlatFiles([{ name: 'a.csv', bytes }], '{oops').map((f) => f.name)).toEqual(['a.csv']);
});
