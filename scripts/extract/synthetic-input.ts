/**
 * An input folder as a municipal data team would hand it over, made from the synthetic
 * generator: persons as Danish CSV (';', BOM, decimal comma, '.' thousands, padding),
 * events as XLSX, base districts as a zipped shapefile in EPSG:25832, bydele as GeoJSON with
 * a legacy crs member (EPSG:25832), estates as plain GeoJSON (EPSG:4326). Person ids are
 * replaced by fictitious CPR-shaped numbers so the pseudonymisation path is exercised.
 * Synthetic data only; used by tests and to try the CLI.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import type { InputFile } from '../../shared/builder/input-files';
import { PRJ_ETRS89_UTM32N, writeShapefile, zipShapefile, type Position } from '../../shared/builder/testing/write-shapefile';
import { generateMunicipality, type SyntheticMunicipality } from '../synth/generate';

/** A fictitious CPR-shaped number per person: valid date, the person's index as serial. */
function fakeCpr(index: number): string {
  const day = (index % 28) + 1;
  const month = (Math.floor(index / 28) % 12) + 1;
  const year = Math.floor(index / 336) % 100;
  const serial = 1000 + (index % 9000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(day)}${two(month)}${two(year)}-${serial}`;
}

const danishNumber = (n: number, decimals = 0): string => {
  const [whole, frac] = Math.abs(n).toFixed(decimals).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
};

function personsCsv(m: SyntheticMunicipality, cpr: (id: string) => string): string {
  const p = m.persons;
  const lines = ['period;person_id;district_id;age;sex;household;origin;education;labour_status;income;benefit;school_absence'];
  for (let i = 0; i < p.period.length; i++) {
    const absence = p.school_absence[i];
    lines.push(
      [
        p.period[i],
        cpr(p.person_id[i]!),
        p.district_id[i],
        // Padded, as fixed-width exports are.
        String(p.age[i]).padStart(3, ' '),
        p.sex[i],
        p.household[i],
        p.origin[i],
        p.education[i] ?? '',
        p.labour_status[i],
        danishNumber(p.income[i]!),
        p.benefit[i],
        absence === null || absence === undefined ? '' : danishNumber(absence, 3),
      ].join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function eventsXlsx(m: SyntheticMunicipality, cpr: (id: string) => string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Hændelser');
  sheet.addRow(['period', 'person_id', 'district_id', 'type', 'detail']);
  const e = m.events;
  for (let i = 0; i < e.period.length; i++) sheet.addRow([e.period[i], cpr(e.person_id[i]!), e.district_id[i], e.type[i], e.detail[i] ?? null]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function districtsShapefile(m: SyntheticMunicipality): Uint8Array {
  const features = m.layers25832.basisdistrikt.features.map((f) => ({
    properties: { area_id: f.properties.area_id, name: f.properties.name, bydel_id: f.properties.bydel_id },
    polygons: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Position[][][],
  }));
  const parts = writeShapefile(features, [
    { name: 'area_id', type: 'C', length: 10 },
    { name: 'name', type: 'C', length: 60 },
    { name: 'bydel_id', type: 'C', length: 10 },
  ]);
  return zipShapefile('basisdistrikt', { ...parts, prj: PRJ_ETRS89_UTM32N });
}

export function syntheticSpec(m: SyntheticMunicipality): object {
  return {
    municipality: { code: m.municipality.code, name: m.municipality.name },
    periods: { from: m.municipality.periods[0], to: m.municipality.periods[m.municipality.periods.length - 1] },
    baseLayer: 'basisdistrikt',
    baseAreaColumn: 'district_id',
    areaLayers: [
      { id: 'basisdistrikt', file: 'geografi/basisdistrikt.zip', idProperty: 'area_id', nameProperty: 'name', parent: { layer: 'bydel', property: 'bydel_id' } },
      { id: 'bydel', file: 'geografi/bydel.geojson', idProperty: 'area_id', nameProperty: 'name' },
      { id: 'boligomraade', label: { da: 'Boligområde', en: 'Housing estate' }, file: 'geografi/boligomraade.geojson', idProperty: 'area_id', nameProperty: 'name' },
    ],
    tables: [
      {
        name: 'persons',
        kind: 'person-period',
        file: 'personer.csv',
        columns: [
          { name: 'period', type: 'INTEGER' },
          { name: 'person_id', type: 'VARCHAR' },
          { name: 'district_id', type: 'VARCHAR' },
          { name: 'age', type: 'INTEGER' },
          { name: 'sex', type: 'VARCHAR' },
          { name: 'household', type: 'VARCHAR' },
          { name: 'origin', type: 'VARCHAR' },
          { name: 'education', type: 'VARCHAR' },
          { name: 'labour_status', type: 'VARCHAR' },
          { name: 'income', type: 'INTEGER' },
          { name: 'benefit', type: 'VARCHAR' },
          { name: 'school_absence', type: 'DOUBLE' },
        ],
      },
      {
        name: 'events',
        kind: 'events',
        file: 'haendelser.xlsx',
        columns: [
          { name: 'period', type: 'INTEGER' },
          { name: 'person_id', type: 'VARCHAR' },
          { name: 'district_id', type: 'VARCHAR' },
          { name: 'type', type: 'VARCHAR' },
          { name: 'detail', type: 'VARCHAR' },
        ],
      },
    ],
    pseudonymise: ['person_id'],
    sources: [{ name: 'Bydelsmonitor synthetic generator', description: 'Synthetic municipality; no real persons.' }],
    producer: { name: 'Bydelsmonitor tests' },
    synthetic: true,
  };
}

export async function syntheticInputFiles(seed: number, scale: number): Promise<{ files: InputFile[]; municipality: SyntheticMunicipality }> {
  const m = generateMunicipality({ seed, scale });
  const ids = new Map<string, string>();
  const cpr = (id: string) => {
    let c = ids.get(id);
    if (!c) {
      c = fakeCpr(ids.size);
      ids.set(id, c);
    }
    return c;
  };
  const bydel = { ...m.layers25832.bydel, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } } };
  const enc = (text: string) => new TextEncoder().encode(text);
  const files: InputFile[] = [
    { name: 'extract.json', bytes: enc(JSON.stringify(syntheticSpec(m), null, 2)) },
    { name: 'personer.csv', bytes: enc(personsCsv(m, cpr)) },
    { name: 'haendelser.xlsx', bytes: await eventsXlsx(m, cpr) },
    { name: 'geografi/basisdistrikt.zip', bytes: districtsShapefile(m) },
    { name: 'geografi/bydel.geojson', bytes: enc(JSON.stringify(bydel)) },
    { name: 'geografi/boligomraade.geojson', bytes: enc(JSON.stringify(m.layers.boligomraade)) },
  ];
  return { files, municipality: m };
}

export async function writeInputFolder(dir: string, files: readonly InputFile[]): Promise<void> {
  for (const file of files) {
    const path = join(dir, file.name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.bytes);
  }
}
