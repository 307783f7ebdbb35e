import { describe, expect, it } from 'vitest';
import { buildExtract, formatReport, validateInput } from '../index';
import { CREATED, latin1, spec, square, testFolder } from '../testing/fixtures';
import { PRJ_ED50_UTM32N, PRJ_ETRS89_UTM32N, PRJ_WGS84, writeShapefile, zipShapefile, type Position } from '../testing/write-shapefile';
import { buildArchive } from '../../extract/pack';
import { unpackExtract } from '../../extract/unpack';
import { crsFromName, crsFromPrj, readGeoJsonCrs, toWgs84 } from './crs';

/**
 * ETRS89 / UTM 32N → geographic by the Krüger series (Karney 2011, to n³), written here
 * independently of proj4 so the builder's reprojection is checked against other code.
 */
function utm32ToLonLat(easting: number, northing: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257222101; // GRS80
  const n = f / (2 - f);
  const A = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const beta = [n / 2 - (2 * n ** 2) / 3 + (37 * n ** 3) / 96, n ** 2 / 48 + n ** 3 / 15, (17 * n ** 3) / 480];
  const delta = [2 * n - (2 * n ** 2) / 3 - 2 * n ** 3, (7 * n ** 2) / 3 - (8 * n ** 3) / 5, (56 * n ** 3) / 15];
  const k0 = 0.9996;
  const xi = northing / (k0 * A);
  const eta = (easting - 500000) / (k0 * A);
  let xi1 = xi;
  let eta1 = eta;
  beta.forEach((b, i) => {
    const j = 2 * (i + 1);
    xi1 -= b * Math.sin(j * xi) * Math.cosh(j * eta);
    eta1 -= b * Math.cos(j * xi) * Math.sinh(j * eta);
  });
  const chi = Math.asin(Math.sin(xi1) / Math.cosh(eta1));
  let phi = chi;
  delta.forEach((d, i) => {
    phi += d * Math.sin(2 * (i + 1) * chi);
  });
  const lambda = (9 * Math.PI) / 180 + Math.atan2(Math.sinh(eta1), Math.cos(xi1));
  return [(lambda * 180) / Math.PI, (phi * 180) / Math.PI];
}

/** The test folder with the base district layer replaced by `file` (and the layer spec patched). */
function withDistricts(file: string, bytes: Uint8Array | string | object, layer: Record<string, unknown> = {}, ids = ['0101', '0102', '0103']) {
  const base = spec();
  const layers = base['areaLayers'] as Record<string, unknown>[];
  const persons = ['period;person_id;district_id', ...ids.map((id, i) => `2023;A${i};${id}`), ...ids.map((id, i) => `2024;A${i};${id}`)].join('\n');
  const tables = [{ name: 'persons', kind: 'person-period', file: 'persons.csv', columns: [{ name: 'period', type: 'INTEGER' }, { name: 'person_id', type: 'VARCHAR' }, { name: 'district_id', type: 'VARCHAR' }] }];
  return testFolder({
    'extract.json': { ...base, tables, areaLayers: [{ ...layers[0], file, ...layer }, layers[1]] },
    'geo/basisdistrikt.geojson': null,
    [file]: bytes,
    'persons.csv': persons,
  });
}

/** Three 500 m squares in EPSG:25832, the first with its corner on (724000, 6176000) near City Hall. */
function utmDistricts(): { properties: Record<string, string>; polygons: Position[][][] }[] {
  return [
    { properties: { area_id: '0101', name: 'Åkanten', bydel_id: 'B1' }, polygons: [[square(724000, 6176000, 500)]] },
    { properties: { area_id: '0102', name: 'Søparken', bydel_id: 'B1' }, polygons: [[square(724500, 6176000, 500)]] },
    { properties: { area_id: '0103', name: 'Ørestien', bydel_id: 'B2' }, polygons: [[square(725000, 6176000, 500)]] },
  ];
}

const FIELDS = [
  { name: 'area_id', type: 'C', length: 8 },
  { name: 'name', type: 'C', length: 40 },
  { name: 'bydel_id', type: 'C', length: 4 },
] as const;

describe('coordinate systems', () => {
  it('recognises ETRS89 / UTM 32N, WGS84 and refuses ED50 in .prj files', () => {
    expect(crsFromPrj(PRJ_ETRS89_UTM32N)).toMatchObject({ kind: 'known', crs: 'EPSG:25832' });
    expect(crsFromPrj(PRJ_WGS84)).toMatchObject({ kind: 'known', crs: 'EPSG:4326' });
    expect(crsFromPrj(PRJ_ED50_UTM32N)).toMatchObject({ kind: 'unknown', text: 'ED_1950_UTM_Zone_32N' });
    expect(crsFromPrj('PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",SPHEROID["GRS 1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",9],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","25832"]]')).toMatchObject({ crs: 'EPSG:25832' });
  });

  it('reads the names GeoJSON 2008 used for its crs member', () => {
    expect(crsFromName('urn:ogc:def:crs:EPSG::25832')).toBe('EPSG:25832');
    expect(crsFromName('EPSG:25832')).toBe('EPSG:25832');
    expect(crsFromName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('EPSG:4326');
    expect(crsFromName('urn:ogc:def:crs:EPSG::4326')).toBe('EPSG:4326');
    expect(crsFromName('EPSG:3857')).toBeNull();
  });

  it('projects E 724000 N 6176000 to about 12.56° E, 55.68° N, agreeing with an independent Krüger series', () => {
    const [lon, lat] = toWgs84('EPSG:25832')([724000, 6176000]);
    const [refLon, refLat] = utm32ToLonLat(724000, 6176000);
    // The brief's rounded figure; the exact check is against the series below.
    expect(Math.abs(lon - 12.57)).toBeLessThan(0.01);
    expect(Math.abs(lat - 55.68)).toBeLessThan(0.01);
    // 1e-7° is about a centimetre.
    expect(Math.abs(lon - refLon)).toBeLessThan(1e-7);
    expect(Math.abs(lat - refLat)).toBeLessThan(1e-7);
  });
});

describe('zipped shapefiles', () => {
  it('reads a shapefile in EPSG:25832 (.prj), with Windows-1252 names, and reprojects it', async () => {
    const parts = writeShapefile(utmDistricts(), FIELDS);
    expect([...parts.dbf]).toContain(0xc5); // Å in Windows-1252
    const result = await buildExtract(withDistricts('geo/districts.zip', zipShapefile('districts', { ...parts, prj: PRJ_ETRS89_UTM32N })), { created: CREATED });
    if (!result.ok) throw new Error(formatReport(result.report, 'en'));
    const layer = result.contents.layers.get('basisdistrikt')!;
    expect(layer.features.map((f) => f.properties['name'])).toEqual(['Åkanten', 'Søparken', 'Ørestien']);
    const ring = (layer.features[0]!.geometry.coordinates as Position[][])[0]!;
    const [refLon, refLat] = utm32ToLonLat(724000, 6176000);
    expect(ring.some(([lon, lat]) => Math.abs(lon - refLon) < 2e-7 && Math.abs(lat - refLat) < 2e-7)).toBe(true);
    expect(result.report.layers[0]).toMatchObject({ format: 'shapefile', crs: 'EPSG:25832', crsSource: 'file', features: 3, rewound: 3 });
    // Shapefile rings run clockwise; rewinding them is reported, as a warning.
    const rewound = result.report.problems.find((p) => p.code === 'poly-rewound')!;
    expect(rewound).toMatchObject({ severity: 'warning', layer: 'basisdistrikt', feature: 1, count: 3 });
    expect(formatReport(result.report, 'da')).toContain('lag basisdistrikt: geo/districts.zip · shapefil · EPSG:25832 (fra filen) → EPSG:4326 · 3 områder · 3 vendt');
  });

  it('honours a .cpg naming UTF-8', async () => {
    const parts = writeShapefile(utmDistricts(), FIELDS, 'utf-8');
    const result = await buildExtract(withDistricts('geo/districts.zip', zipShapefile('districts', { ...parts, prj: PRJ_ETRS89_UTM32N, cpg: 'UTF-8' })), { created: CREATED });
    expect(result.ok && result.contents.layers.get('basisdistrikt')!.features[2]!.properties['name']).toBe('Ørestien');
  });

  it('does not guess a missing .prj: an error, unless extract.json states the CRS', async () => {
    const zip = zipShapefile('districts', writeShapefile(utmDistricts(), FIELDS));
    const report = await validateInput(withDistricts('geo/districts.zip', zip));
    const p = report.problems.find((x) => x.code === 'crs-missing')!;
    expect(p).toMatchObject({ severity: 'error', layer: 'basisdistrikt', file: 'geo/districts.zip' });
    expect(p.message.da).toBe('Shapefilen har ingen .prj-fil, så koordinatsystemet er ukendt. Byggeren gætter det ikke.');
    expect(p.fix.en).toContain('state "crs" for the layer in extract.json');
    const stated = await validateInput(withDistricts('geo/districts.zip', zip, { crs: 'EPSG:25832' }));
    expect(stated.ok).toBe(true);
    expect(stated.layers[0]).toMatchObject({ crs: 'EPSG:25832', crsSource: 'extract.json' });
  });

  it('refuses an unusual datum (ED50) unless stated, and then warns', async () => {
    const zip = zipShapefile('districts', { ...writeShapefile(utmDistricts(), FIELDS), prj: PRJ_ED50_UTM32N });
    const report = await validateInput(withDistricts('geo/districts.zip', zip));
    expect(report.problems.find((x) => x.code === 'crs-unknown')?.message.en).toBe(
      'Coordinate system "ED_1950_UTM_Zone_32N" is not recognised (supported: EPSG:25832, EPSG:25833, EPSG:32632, EPSG:32633, EPSG:4326, EPSG:4258). The builder does not guess it.',
    );
    const stated = await validateInput(withDistricts('geo/districts.zip', zip, { crs: 'EPSG:25832' }));
    expect(stated.problems.map((p) => [p.severity, p.code])).toContainEqual(['warning', 'crs-stated']);
  });

  it('refuses a CRS in extract.json that contradicts the .prj', async () => {
    const zip = zipShapefile('districts', { ...writeShapefile(utmDistricts(), FIELDS), prj: PRJ_ETRS89_UTM32N });
    const report = await validateInput(withDistricts('geo/districts.zip', zip, { crs: 'EPSG:4326' }));
    expect(report.problems.find((x) => x.code === 'crs-conflict')?.message.da).toBe(
      'Filen angiver koordinatsystemet EPSG:25832 (ETRS_1989_UTM_Zone_32N), men extract.json angiver EPSG:4326.',
    );
  });

  it('refuses a vertex that does not project (easting 33 849 088 m) instead of writing [null, null]', async () => {
    const districts = utmDistricts();
    districts[1]!.polygons[0]![0]![1] = [33_849_088, 6176000];
    const zip = zipShapefile('districts', { ...writeShapefile(districts, FIELDS), prj: PRJ_ETRS89_UTM32N });
    const result = await buildExtract(withDistricts('geo/districts.zip', zip), { created: CREATED });
    expect(result.ok).toBe(false);
    const p = result.report.problems.find((x) => x.code === 'poly-projection')!;
    expect(p).toMatchObject({ severity: 'error', layer: 'basisdistrikt', file: 'geo/districts.zip', feature: 2, featureId: '0102' });
    expect(p.message.en).toBe(
      "The geometry has coordinates that cannot be converted from EPSG:25832 to longitude and latitude (WGS84): they lie far outside the coordinate system's area.",
    );
    expect(p.message.da).toContain('ikke kan omregnes fra EPSG:25832');
    expect(p.fix.da).not.toBe('');
    // One bad feature is reported once; the others are read as usual.
    expect(result.report.problems.filter((x) => x.severity === 'error' && x.layer !== undefined).map((x) => x.code)).toEqual(['poly-projection']);
  });

  it('names a zip without a .dbf', async () => {
    const { shp, shx } = writeShapefile(utmDistricts(), FIELDS);
    const { zipSync } = await import('fflate');
    const report = await validateInput(withDistricts('geo/districts.zip', zipSync({ 'districts.shp': shp, 'districts.shx': shx })));
    expect(report.problems.find((x) => x.code === 'shapefile-parts')?.message.en).toBe('The zip file is not a usable shapefile: no .dbf file beside districts.shp.');
  });
});

describe('GeoJSON', () => {
  const utmCollection = (crs?: object) => ({
    type: 'FeatureCollection',
    ...(crs ? { crs } : {}),
    features: utmDistricts().map((d) => ({ type: 'Feature', properties: d.properties, geometry: { type: 'Polygon', coordinates: d.polygons[0] } })),
  });

  it('honours a legacy crs member naming EPSG:25832', async () => {
    const result = await buildExtract(withDistricts('geo/d.geojson', utmCollection({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } })), { created: CREATED });
    if (!result.ok) throw new Error(formatReport(result.report, 'en'));
    expect(result.report.layers[0]).toMatchObject({ format: 'geojson', crs: 'EPSG:25832', crsSource: 'file', rewound: 0 });
    const ring = (result.contents.layers.get('basisdistrikt')!.features[0]!.geometry.coordinates as Position[][])[0]!;
    const [refLon, refLat] = utm32ToLonLat(724000, 6176000);
    expect(ring[0]![0]).toBeCloseTo(refLon, 6);
    expect(ring[0]![1]).toBeCloseTo(refLat, 6);
    // The extract's GeoJSON is RFC 7946: no crs member.
    expect(JSON.stringify(result.contents.layers.get('basisdistrikt'))).not.toContain('"crs"');
  });

  it('honours a legacy crs member naming CRS84', async () => {
    const fc = { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, ...JSON.parse(JSON.stringify(await import('../testing/fixtures').then((m) => m.districtLayer()))) };
    const report = await validateInput(withDistricts('geo/d.geojson', fc));
    expect(report.ok).toBe(true);
    expect(report.layers[0]).toMatchObject({ crs: 'EPSG:4326', crsSource: 'file' });
  });

  it('refuses metres in a GeoJSON that says nothing about its CRS', async () => {
    const report = await validateInput(withDistricts('geo/d.geojson', utmCollection()));
    const p = report.problems.find((x) => x.code === 'crs-coordinates')!;
    expect(p.message.da).toBe('Koordinaterne passer ikke til EPSG:4326: de ligner meter (fx UTM), ikke grader.');
    expect((await validateInput(withDistricts('geo/d.geojson', utmCollection(), { crs: 'EPSG:25832' }))).ok).toBe(true);
  });

  it('refuses latitude/longitude in swapped order', async () => {
    const swapped = {
      type: 'FeatureCollection',
      features: ['0101', '0102', '0103'].map((id, i) => ({
        type: 'Feature',
        properties: { area_id: id, name: id, bydel_id: 'B1' },
        geometry: { type: 'Polygon', coordinates: [square(55.67, 12.5 + i / 100, 0.01).map(([x, y]) => [x, y])] },
      })),
    };
    const report = await validateInput(withDistricts('geo/d.geojson', swapped));
    expect(report.problems.find((x) => x.code === 'crs-coordinates')?.message.en).toBe(
      'The coordinates do not fit EPSG:4326: they look like latitude, longitude in swapped order.',
    );
  });

  it('refuses coordinates nested deeper than a MultiPolygon\'s as a geometry problem, however deep (no stack overflow)', async () => {
    for (const depth of [5, 10_000]) {
      // Written as text: the file is what a broken export could hold, and JSON.stringify would recurse.
      const deep = `${'['.repeat(depth)}12.5, 55.6${']'.repeat(depth)}`;
      const layer = JSON.parse(JSON.stringify(await import('../testing/fixtures').then((m) => m.districtLayer()))) as { features: { geometry: unknown }[] };
      layer.features[2]!.geometry = '@@DEEP@@';
      const text = JSON.stringify(layer).replace('"@@DEEP@@"', `{"type":"MultiPolygon","coordinates":${deep}}`);
      const result = await buildExtract(withDistricts('geo/d.geojson', text), { created: CREATED });
      expect(result.ok).toBe(false);
      const errors = result.report.problems.filter((x) => x.severity === 'error' && x.layer !== undefined);
      expect(errors.map((x) => [x.code, x.layer, x.file, x.feature])).toEqual([['poly-coordinates', 'basisdistrikt', 'geo/d.geojson', 3]]);
    }
  });

  it('other deeply nested values are reported, not thrown: a geometry type, a crs member, a .prj', async () => {
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const layer = JSON.parse(JSON.stringify(await import('../testing/fixtures').then((m) => m.districtLayer()))) as { features: { geometry: { type: unknown } }[] };
    layer.features[1]!.geometry.type = '@@DEEP@@';
    const result = await buildExtract(withDistricts('geo/d.geojson', JSON.stringify(layer).replace('"@@DEEP@@"', deep(10_000))), { created: CREATED });
    const p = result.report.problems.find((x) => x.code === 'geo-geometry-type')!;
    expect(p).toMatchObject({ layer: 'basisdistrikt', feature: 2 });
    expect(p.message.en).toBe('The feature has geometry type […]; areas must be Polygon or MultiPolygon.');
    // JSON.stringify and a recursive WKT parser overflowed on these.
    expect(readGeoJsonCrs(JSON.parse(`{"crs":${deep(10_000)}}`))).toEqual({ kind: 'unknown', text: '[…]' });
    expect(crsFromPrj(`${'PROJCS['.repeat(10_000)}${']'.repeat(10_000)}`)).toMatchObject({ kind: 'unknown' });
  });

  it('refuses a property nested thousands deep (it broke writing the archive), and keeps simple lists', async () => {
    const layer = JSON.parse(JSON.stringify(await import('../testing/fixtures').then((m) => m.districtLayer()))) as { features: { properties: Record<string, unknown> }[] };
    layer.features[0]!.properties['district_ids'] = ['0101', '0102'];
    layer.features[2]!.properties['deep'] = '@@DEEP@@';
    const text = JSON.stringify(layer).replace('"@@DEEP@@"', `${'['.repeat(10_000)}"0101"${']'.repeat(10_000)}`);
    const refused = await buildExtract(testFolder({ 'geo/basisdistrikt.geojson': text }), { created: CREATED });
    expect(refused.ok).toBe(false);
    const p = refused.report.problems.find((x) => x.code === 'geo-property-nested')!;
    expect(p).toMatchObject({ severity: 'error', layer: 'basisdistrikt', file: 'geo/basisdistrikt.geojson', feature: 3 });
    expect(p.message.en).toBe(
      'Property "deep" cannot be written to the extract: it has lists or objects nested more than 16 levels deep, or a list holding an object that cannot be read as text.',
    );
    // As the reader (shared/extract/layer-check.ts): 17 levels, or an object with its own "toString" in a list, are refused too.
    for (const value of [`${'['.repeat(17)}"0101"${']'.repeat(17)}`, '["0101", {"toString": 1}]']) {
      const report = (await buildExtract(testFolder({ 'geo/basisdistrikt.geojson': JSON.stringify(layer).replace('"@@DEEP@@"', value) }), { created: CREATED })).report;
      expect(report.problems.find((x) => x.code === 'geo-property-nested'), value).toMatchObject({ feature: 3 });
    }

    // 16 levels pass, and the archive is written and opens.
    const ok = JSON.stringify(layer).replace('"@@DEEP@@"', `${'['.repeat(16)}"0101"${']'.repeat(16)}`);
    const result = await buildExtract(testFolder({ 'geo/basisdistrikt.geojson': ok }), { created: CREATED });
    if (!result.ok) throw new Error(formatReport(result.report, 'en'));
    expect(result.contents.layers.get('basisdistrikt')!.features[0]!.properties['district_ids']).toEqual(['0101', '0102']);
    expect(unpackExtract(buildArchive(result.contents)).layers.get('basisdistrikt')!.features).toHaveLength(3);
  });

  it('a property named "__proto__" is an ordinary property (the name fell back to the id but was never written)', async () => {
    const layer = JSON.parse(JSON.stringify(await import('../testing/fixtures').then((m) => m.districtLayer()))) as object;
    const result = await buildExtract(withDistricts('geo/d.geojson', layer, { nameProperty: '__proto__' }), { created: CREATED });
    if (!result.ok) throw new Error(formatReport(result.report, 'en'));
    expect(result.report.problems.find((x) => x.code === 'geo-name-missing')).toMatchObject({ severity: 'warning', count: 3 });
    const opened = unpackExtract(buildArchive(result.contents)).layers.get('basisdistrikt')!.features;
    expect(opened.map((f) => Object.hasOwn(f.properties, '__proto__') && f.properties['__proto__'])).toEqual(['0101', '0102', '0103']);
  });

  it('reads a Windows-1252 shapefile name in a GeoJSON? No: GeoJSON is UTF-8 by RFC 8259', () => {
    // A reminder in test form: GeoJSON is decoded as UTF-8 only (latin1 bytes would be replaced).
    expect(new TextDecoder().decode(latin1('Å'))).toBe('\uFFFD');
  });
});
