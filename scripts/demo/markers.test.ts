/**
 * The committed demo carries the marker pseudonyms of scripts/demo/markers.ts, and nothing
 * else in it differs from the seeded generator's output: every row of both person tables is
 * the generator's row once a marker is mapped back to the pseudonym it replaced, and the
 * Parquet row order is the same as without markers.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE, DEMO_SEED } from '../../shared/extract/demo';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { sortOrder, type TableData } from '../../shared/extract/parquet-write';
import { unpackExtract, type UnpackedExtract } from '../../shared/extract/unpack';
import { openNativeEngine, type NodeEngine } from '../compute/engines';
import { generateMunicipality } from '../synth/generate';
import type { SyntheticMunicipality } from '../synth/types';
import { EVENT_COLUMNS, PERSON_COLUMNS } from './manifest';
import { chooseMarkedPersons, DEMO_MARKED_PERSONS, markerNeedles, plantMarkers } from './markers';

type Spec = typeof PERSON_COLUMNS | typeof EVENT_COLUMNS;

function table(name: string, columns: object, spec: Spec, personIds?: readonly string[]): TableData {
  const values = columns as Record<string, readonly (string | number | null)[]>;
  return {
    name,
    columns: spec.map(([column, type]) => ({ name: column, type, values: column === 'person_id' && personIds ? personIds : values[column]! })),
  };
}

/** A marker mapped back to the pseudonym it replaced (the part before the first "-"). */
const UNMARKED = `CASE WHEN person_id LIKE '%-BMMARK-%' THEN split_part(person_id, '-', 1) ELSE person_id END`;

describe('the demo\'s marker pseudonyms', () => {
  let committed: UnpackedExtract;
  let generated: SyntheticMunicipality;
  let engine: NodeEngine;
  const q = async (sql: string) => engine.query(sql);

  beforeAll(async () => {
    const decrypted = await decryptAgeInMemory(readFileSync('resources/demo/demo.bdx'), { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
    if (!decrypted.ok) throw new Error(`demo: ${decrypted.error.code}`);
    committed = unpackExtract(decrypted.plaintext);
    generated = generateMunicipality({ seed: DEMO_SEED, scale: 1 });
    engine = await openNativeEngine({ threads: 1 });
    for (const t of committed.manifest.tables.filter((t) => t.name === 'persons' || t.name === 'events')) {
      await engine.loadParquet(t, committed.tables.get(t.name)!);
    }
    await engine.loadColumns(table('gen_persons', generated.persons, PERSON_COLUMNS));
    await engine.loadColumns(table('gen_events', generated.events, EVENT_COLUMNS));
  }, 240_000);

  afterAll(() => engine?.close());

  it('are seven distinct markers, each chosen by the stated rule and unique in every part', () => {
    expect(DEMO_MARKED_PERSONS).toHaveLength(7);
    expect(DEMO_MARKED_PERSONS.map((p) => p.original)).toEqual(chooseMarkedPersons(generated.persons, generated.events, generated.municipality.periods.length));
    const needles = markerNeedles().map((n) => n.needle);
    expect(new Set(needles).size).toBe(needles.length);
    for (const p of DEMO_MARKED_PERSONS) {
      expect(p.marker).toBe(`${p.original}-${p.tag}`);
      expect(p.tag).toMatch(/^BMMARK-[A-Z0-9]{4}-\d{4}$/);
    }
  });

  it('are in the committed demo for every period of each marked person and in the events, and their old pseudonyms are gone', async () => {
    const list = DEMO_MARKED_PERSONS.map((p) => `'${p.marker}'`).join(', ');
    const persons = await q(`SELECT person_id, count(DISTINCT period)::INTEGER AS periods FROM persons WHERE person_id LIKE '%BMMARK%' GROUP BY 1 ORDER BY 1`);
    expect(persons).toEqual(DEMO_MARKED_PERSONS.map((p) => ({ person_id: p.marker, periods: 10 })));
    const events = await q(`SELECT count(DISTINCT person_id)::INTEGER AS n FROM events WHERE person_id IN (${list})`);
    expect(events).toEqual([{ n: 7 }]);
    const stray = await q(`SELECT count(*)::INTEGER AS n FROM events WHERE person_id LIKE '%BMMARK%' AND person_id NOT IN (${list})`);
    expect(stray).toEqual([{ n: 0 }]);
    const originals = DEMO_MARKED_PERSONS.map((p) => `'${p.original}'`).join(', ');
    for (const t of ['persons', 'events']) expect(await q(`SELECT count(*)::INTEGER AS n FROM ${t} WHERE person_id IN (${originals})`)).toEqual([{ n: 0 }]);
  });

  it('change nothing else: every row is the generator\'s, so person counts per district and period are the same', async () => {
    for (const [name, spec] of [['persons', PERSON_COLUMNS], ['events', EVENT_COLUMNS]] as const) {
      const columns = spec.map(([c]) => (c === 'person_id' ? `${UNMARKED} AS person_id` : c)).join(', ');
      const [sizes] = await q(`SELECT (SELECT count(*) FROM ${name})::INTEGER AS a, (SELECT count(*) FROM gen_${name})::INTEGER AS b`);
      expect(sizes?.['a'], name).toBe(sizes?.['b']);
      for (const sql of [`SELECT ${columns} FROM ${name} EXCEPT ALL SELECT * FROM gen_${name}`, `SELECT * FROM gen_${name} EXCEPT ALL SELECT ${columns} FROM ${name}`]) {
        expect(await q(`SELECT count(*)::INTEGER AS n FROM (${sql})`), sql).toEqual([{ n: 0 }]);
      }
    }
    const counts = (t: string) => `SELECT district_id, period, count(*)::INTEGER AS n, count(DISTINCT person_id)::INTEGER AS d FROM ${t} GROUP BY ALL ORDER BY ALL`;
    const committedCounts = await q(counts('persons'));
    expect(committedCounts).toHaveLength(840);
    expect(committedCounts).toEqual(await q(counts('gen_persons')));
  });

  it('keep every Parquet row where it was (a marker sorts right after the pseudonym it replaces)', () => {
    for (const [name, columns, spec, orderBy] of [
      ['persons', generated.persons, PERSON_COLUMNS, ['person_id', 'period']],
      ['events', generated.events, EVENT_COLUMNS, ['person_id', 'period', 'type']],
    ] as const) {
      const rows = columns.person_id.length;
      const plain = sortOrder({ ...table(name, columns, spec), orderBy }, rows);
      const marked = sortOrder({ ...table(name, columns, spec, plantMarkers(columns.person_id, DEMO_MARKED_PERSONS)), orderBy }, rows);
      expect(marked.every((row, i) => row === plain[i]), name).toBe(true);
    }
  });
});
