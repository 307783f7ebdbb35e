/**
 * End to end: a small generated municipality handed over as a data team would (Danish CSV,
 * XLSX, zipped shapefile in EPSG:25832, GeoJSON with a legacy crs, CPR-shaped person ids),
 * built by the CLI for an analyst's age key, decrypted and unpacked as the app does, and
 * compared with the generator's own data.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetRows } from '../../shared/builder/testing/read-parquet-rows';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { unpackExtract, type UnpackedExtract } from '../../shared/extract/unpack';
import type { SyntheticMunicipality } from '../synth/generate';
import { EXIT_OK, runCli, type CliIo } from './cli';
import { syntheticInputFiles, writeInputFolder } from './synthetic-input';

const SECRET = 'the data team keeps this secret offline';
const PASSPHRASE = 'end-to-end passphrase';

let dir: string;
let municipality: SyntheticMunicipality;
let extract: UnpackedExtract;
let persons: Record<string, unknown>[];
let events: Record<string, unknown>[];
let stdout = '';

function io(env: Record<string, string> = {}): CliIo {
  return {
    stdout: (t) => {
      stdout += t;
    },
    stderr: () => undefined,
    env,
    interactive: false,
    promptHidden: async () => '',
    now: () => new Date('2025-01-15T00:00:00Z'),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bdm-e2e-'));
  const input = await syntheticInputFiles(4242, 0.05);
  municipality = input.municipality;
  await writeInputFolder(join(dir, 'input'), input.files);
  expect(await runCli(['keygen', '--out', join(dir, 'analyst.key')], io())).toBe(EXIT_OK);
  const recipient = stdout.trim();
  stdout = '';
  const out = join(dir, 'sundby.bdx');
  const code = await runCli(['build', '--input', join(dir, 'input'), '--out', out, '--recipient', recipient], io({ BDX_PSEUDONYM_SECRET: SECRET }));
  if (code !== EXIT_OK) throw new Error(stdout);
  const identity = (await readFile(join(dir, 'analyst.key'), 'utf8')).split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  extract = unpackExtract(await decrypter.decrypt(await readFile(out)));
  persons = await parquetRows(extract.tables.get('persons')!);
  events = await parquetRows(extract.tables.get('events')!);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sum = (values: readonly unknown[]) => values.reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);

describe('an extract built from a generated municipality', () => {
  it('reports what it read, in Danish by default', () => {
    expect(stdout).toContain('Resultat: 0 fejl og 1 advarsel. Udtrækket er bygget.');
    expect(stdout).toContain('tabel persons (person-period): personer.csv · CSV · UTF-8 med BOM · skilletegn ";"');
    expect(stdout).toContain('lag basisdistrikt: geografi/basisdistrikt.zip · shapefil · EPSG:25832 (fra filen) → EPSG:4326 · 84 områder');
    expect(stdout).toContain('lag bydel: geografi/bydel.geojson · GeoJSON · EPSG:25832 (fra filen) → EPSG:4326 · 8 områder');
  });

  it('has a manifest describing tables, types and layers', () => {
    const m = extract.manifest;
    expect(m).toMatchObject({
      formatVersion: '1.0',
      municipality: { code: municipality.municipality.code, name: municipality.municipality.name },
      periods: municipality.municipality.periods,
      baseLayer: 'basisdistrikt',
      baseAreaColumn: 'district_id',
      synthetic: true,
      created: '2025-01-15T00:00:00.000Z',
    });
    expect(m.areaLayers.map((l) => [l.id, l.parent?.layer ?? null])).toEqual([
      ['basisdistrikt', 'bydel'],
      ['bydel', null],
      ['boligomraade', null],
    ]);
    const persons = m.tables.find((t) => t.name === 'persons')!;
    expect(persons.kind).toBe('person-period');
    expect(persons.columns.map((c) => `${c.name}:${c.type}${c.nullable ? '?' : ''}`)).toEqual([
      'period:INTEGER',
      'person_id:VARCHAR',
      'district_id:VARCHAR',
      'age:INTEGER',
      'sex:VARCHAR',
      'household:VARCHAR',
      'origin:VARCHAR',
      'education:VARCHAR?',
      'labour_status:VARCHAR',
      'income:INTEGER',
      'benefit:VARCHAR',
      'school_absence:DOUBLE?',
    ]);
  });

  it('holds the generator\'s persons: same rows, sums and empty cells, sorted by pseudonym', () => {
    const p = municipality.persons;
    expect(persons).toHaveLength(p.period.length);
    expect(sum(persons.map((r) => r['income']))).toBe(sum(p.income));
    expect(sum(persons.map((r) => r['age']))).toBe(sum(p.age));
    expect(sum(persons.map((r) => r['school_absence']))).toBeCloseTo(sum(p.school_absence), 6);
    expect(persons.filter((r) => r['education'] === null)).toHaveLength(p.education.filter((e) => e === null).length);
    const ids = persons.map((r) => String(r['person_id']));
    expect(ids.every((id) => /^P[A-Z2-7]{16}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(new Set(p.person_id).size);
    const sorted = [...persons].sort((a, b) => (String(a['person_id']) < String(b['person_id']) ? -1 : String(a['person_id']) > String(b['person_id']) ? 1 : Number(a['period']) - Number(b['period'])));
    expect(persons).toEqual(sorted);
  });

  it('pseudonymises events with the same key, so they still join to persons', () => {
    expect(events).toHaveLength(municipality.events.period.length);
    const known = new Set(persons.map((r) => r['person_id']));
    // The generator has events of people outside the person table (e.g. moved away); the rest must join.
    const generatorPersons = new Set(municipality.persons.person_id);
    const joining = municipality.events.person_id.filter((id) => generatorPersons.has(id)).length;
    expect(events.filter((e) => known.has(e['person_id']))).toHaveLength(joining);
    // No CPR-shaped value anywhere in the tables.
    const bytes = new TextDecoder('latin1').decode(extract.tables.get('persons')!) + new TextDecoder('latin1').decode(extract.tables.get('events')!);
    expect(bytes).not.toMatch(/\d{6}-\d{4}/);
  });

  it('reprojects the shapefile districts onto the generator\'s own EPSG:4326 geometry', () => {
    const built = extract.layers.get('basisdistrikt')!;
    expect(built.features).toHaveLength(84);
    const expected = new Map(municipality.layers.basisdistrikt.features.map((f) => [f.properties.area_id, f]));
    let worst = 0;
    for (const feature of built.features) {
      const id = String(feature.properties['area_id']);
      const reference = expected.get(id)!;
      expect(feature.properties['name']).toBe(reference.properties.name);
      expect(feature.properties['bydel_id']).toBe(reference.properties.bydel_id);
      const rings = (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates) as [number, number][][][];
      const refRings = (reference.geometry.type === 'Polygon' ? [reference.geometry.coordinates] : reference.geometry.coordinates) as [number, number][][][];
      const refPoints = refRings.flat(2);
      for (const [lon, lat] of rings.flat(2)) {
        const nearest = Math.min(...refPoints.map(([x, y]) => Math.hypot(x - lon, y - lat)));
        worst = Math.max(worst, nearest);
      }
    }
    // The generator rounds its EPSG:25832 vertices to 1 cm: about 2e-7 degrees.
    expect(worst).toBeLessThan(5e-7);
  });

  it('keeps GeoJSON layers and their properties', () => {
    expect(extract.layers.get('bydel')!.features).toHaveLength(8);
    const estates = extract.layers.get('boligomraade')!.features;
    expect(estates.map((f) => f.properties['district_ids'])).toEqual(municipality.layers.boligomraade.features.map((f) => f.properties.district_ids));
  });

  it('opens with a passphrase through the app\'s decryption path too', async () => {
    stdout = '';
    const out = join(dir, 'passphrase.bdx');
    expect(await runCli(['build', '--input', join(dir, 'input'), '--out', out, '--passphrase', '--lang', 'en'], io({ BDX_PSEUDONYM_SECRET: SECRET, BDX_PASSPHRASE: PASSPHRASE }))).toBe(EXIT_OK);
    const decrypted = await decryptAgeInMemory(await readFile(out), { kind: 'passphrase', passphrase: PASSPHRASE });
    if (!decrypted.ok) throw new Error(decrypted.error.code);
    const again = unpackExtract(decrypted.plaintext);
    // Same input, secret and timestamp: the same tables, byte for byte.
    expect(again.tables.get('persons')).toEqual(extract.tables.get('persons'));
    expect(stdout).toContain('Result: 0 errors and 1 warning. The extract has been built.');
  }, 60_000);
});
