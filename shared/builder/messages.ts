/**
 * Every problem the builder can report: severity, message and suggested fix, in Danish and
 * English. Messages never carry a secret, a pseudonym or a person's data; a value from the
 * input is quoted only where it is a code, a period or an unreadable cell (cut short).
 */
import { joinList, quoteValue, sampleList, type Bilingual } from './text';

export type Severity = 'error' | 'warning';

interface MessageText {
  severity: Severity;
  message: Bilingual;
  fix: Bilingual;
}

const SUPPORTED_CRS = 'EPSG:25832, EPSG:25833, EPSG:32632, EPSG:32633, EPSG:4326, EPSG:4258';
const DOCS = 'docs/builder.md';

const error = (message: Bilingual, fix: Bilingual): MessageText => ({ severity: 'error', message, fix });
const warning = (message: Bilingual, fix: Bilingual): MessageText => ({ severity: 'warning', message, fix });
const codes = (values: readonly string[], total: number, lang: 'da' | 'en') =>
  sampleList(values.map((v) => quoteValue(v)), total, lang);

export const MESSAGES = {
  // ── extract.json ────────────────────────────────────────────────────────────
  'spec-missing': (_: Record<string, never>) =>
    error(
      { da: 'Inddatamappen har ingen extract.json.', en: 'The input folder has no extract.json.' },
      {
        da: `Læg en extract.json i mappen, der beskriver kommune, perioder, lag og tabeller (se ${DOCS}).`,
        en: `Put an extract.json in the folder describing municipality, periods, layers and tables (see ${DOCS}).`,
      },
    ),
  'spec-json': (p: { detail: string }) =>
    error(
      { da: `extract.json er ikke gyldig JSON (${p.detail}).`, en: `extract.json is not valid JSON (${p.detail}).` },
      {
        da: 'Ret syntaksen, fx et manglende komma, et ekstra komma til sidst eller manglende anførselstegn.',
        en: 'Fix the syntax, e.g. a missing comma, a trailing comma or missing quotes.',
      },
    ),
  'spec-field': (p: { path: string; detail: string }) =>
    error(
      {
        da: `extract.json: feltet «${p.path}» er ugyldigt: ${p.detail}.`,
        en: `extract.json: field "${p.path}" is invalid: ${p.detail}.`,
      },
      { da: `Ret feltet som beskrevet i ${DOCS}.`, en: `Correct the field as described in ${DOCS}.` },
    ),
  'spec-duplicate-name': (p: { what: 'table' | 'layer' | 'column'; name: string }) =>
    error(
      {
        da: `Navnet «${p.name}» bruges af mere end ${{ table: 'én tabel', layer: 'ét lag', column: 'én kolonne' }[p.what]}.`,
        en: `The name "${p.name}" is used by more than one ${p.what}.`,
      },
      { da: 'Giv hver tabel, hvert lag og hver kolonne sit eget navn.', en: 'Give every table, layer and column its own name.' },
    ),
  'spec-unknown-layer': (p: { field: string; layer: string }) =>
    error(
      {
        da: `«${p.field}» henviser til laget «${p.layer}», som ikke er beskrevet under areaLayers.`,
        en: `"${p.field}" refers to layer "${p.layer}", which is not described under areaLayers.`,
      },
      { da: 'Tilføj laget under areaLayers, eller ret navnet.', en: 'Add the layer under areaLayers, or correct the name.' },
    ),
  'spec-unknown-table': (p: { field: string; kind: string }) =>
    error(
      {
        da: `«${p.field}» kræver en tabel af typen ${p.kind}, men der er ingen.`,
        en: `"${p.field}" needs a table of kind ${p.kind}, and there is none.`,
      },
      { da: `Tilføj tabellen af typen ${p.kind} under tables.`, en: `Add the ${p.kind} table under tables.` },
    ),
  'spec-required-column': (p: { kind: string; column: string; types: readonly string[] }) =>
    error(
      {
        da: `En tabel af typen ${p.kind} skal have kolonnen «${p.column}» (${p.types.join(' eller ')}), men den er ikke angivet.`,
        en: `A table of kind ${p.kind} must have column "${p.column}" (${p.types.join(' or ')}), and it is not declared.`,
      },
      {
        da: `Tilføj «${p.column}» under tabellens columns (og i filen), eller omdøb den kolonne, der rummer den.`,
        en: `Add "${p.column}" to the table's columns (and to the file), or rename the column that holds it.`,
      },
    ),
  'spec-required-type': (p: { column: string; types: readonly string[]; declared: string }) =>
    error(
      {
        da: `Kolonnen «${p.column}» skal have typen ${p.types.join(' eller ')}, men er angivet som ${p.declared}.`,
        en: `Column "${p.column}" must have type ${p.types.join(' or ')}, but is declared as ${p.declared}.`,
      },
      { da: `Ret kolonnens type i extract.json til ${p.types[0] ?? ''}.`, en: `Change the column's type in extract.json to ${p.types[0] ?? ''}.` },
    ),
  'spec-key-column': (p: { column: string }) =>
    error(
      {
        da: `Nøglekolonnen «${p.column}» er ikke blandt tabellens kolonner.`,
        en: `Key column "${p.column}" is not among the table's columns.`,
      },
      { da: 'Ret key-listen, eller tilføj kolonnen under columns.', en: 'Correct the key list, or add the column under columns.' },
    ),
  'spec-pseudonymise-column': (p: { column: string }) =>
    error(
      {
        da: `Kolonnen «${p.column}» skal pseudonymiseres, men ingen tabel har en kolonne med det navn.`,
        en: `Column "${p.column}" is to be pseudonymised, but no table has a column of that name.`,
      },
      { da: 'Ret navnet under pseudonymise i extract.json.', en: 'Correct the name under pseudonymise in extract.json.' },
    ),
  'spec-pseudonymise-type': (p: { column: string; declared: string }) =>
    error(
      {
        da: `Kolonnen «${p.column}» skal pseudonymiseres, så den skal have typen VARCHAR (den er angivet som ${p.declared}).`,
        en: `Column "${p.column}" is pseudonymised, so it must have type VARCHAR (it is declared as ${p.declared}).`,
      },
      {
        da: 'Angiv typen VARCHAR; pseudonymer er tekst, og som tekst bevares foranstillede nuller i CPR-numre.',
        en: 'Declare type VARCHAR: pseudonyms are text, and as text the leading zeros of CPR numbers survive.',
      },
    ),

  // ── files ───────────────────────────────────────────────────────────────────
  'file-missing': (p: { file: string }) =>
    error(
      { da: `Filen «${p.file}» findes ikke i inddatamappen.`, en: `File "${p.file}" is not in the input folder.` },
      {
        da: 'Læg filen i mappen, eller ret filnavnet i extract.json (stien er relativ til mappen).',
        en: 'Put the file in the folder, or correct its name in extract.json (the path is relative to the folder).',
      },
    ),
  'file-ambiguous': (p: { file: string; candidates: readonly string[] }) =>
    error(
      {
        da: `Filnavnet «${p.file}» passer på flere filer: ${p.candidates.join(', ')}.`,
        en: `File name "${p.file}" matches several files: ${p.candidates.join(', ')}.`,
      },
      { da: 'Skriv hele stien i extract.json.', en: 'Give the full path in extract.json.' },
    ),
  'file-format': (p: { file: string; expected: string }) =>
    error(
      { da: `Filtypen for «${p.file}» kendes ikke.`, en: `The type of file "${p.file}" is not known.` },
      { da: `Brug ${p.expected}.`, en: `Use ${p.expected}.` },
    ),
  'file-unreadable': (p: { file: string; detail: string }) =>
    error(
      { da: `Filen «${p.file}» kan ikke læses: ${p.detail}.`, en: `File "${p.file}" cannot be read: ${p.detail}.` },
      {
        da: 'Kontrollér, at filen er hel og har det format, endelsen siger; eksportér den evt. igen.',
        en: 'Check that the file is complete and in the format its extension says; export it again if need be.',
      },
    ),
  'file-unused': (p: { file: string }) =>
    warning(
      { da: `Filen «${p.file}» bruges ikke af extract.json.`, en: `File "${p.file}" is not used by extract.json.` },
      {
        da: 'Intet at gøre, hvis det er meningen; ellers beskriv den under tables eller areaLayers.',
        en: 'Nothing to do if that is intended; else describe it under tables or areaLayers.',
      },
    ),

  // ── reading tables ──────────────────────────────────────────────────────────
  'table-empty': (_: Record<string, never>) =>
    warning(
      { da: 'Tabellen har ingen datarækker.', en: 'The table has no data rows.' },
      { da: 'Kontrollér eksporten; en tom tabel giver ingen tal i appen.', en: 'Check the export; an empty table gives no figures in the app.' },
    ),
  'header-missing': (_: Record<string, never>) =>
    error(
      { da: 'Filen har ingen overskriftsrække.', en: 'The file has no header row.' },
      {
        da: 'Første række skal rumme kolonnenavnene (som i extract.json).',
        en: 'The first row must hold the column names (as in extract.json).',
      },
    ),
  'header-duplicate': (p: { column: string }) =>
    error(
      { da: `Overskriften «${p.column}» står mere end én gang.`, en: `Header "${p.column}" occurs more than once.` },
      { da: 'Giv hver kolonne sit eget navn.', en: 'Give every column its own name.' },
    ),
  'row-field-count': (p: { found: number; expected: number }) =>
    error(
      {
        da: `Rækken har et andet antal felter end overskriftens ${p.expected} (den første har ${p.found}).`,
        en: `The row has another number of fields than the header's ${p.expected} (the first such row has ${p.found}).`,
      },
      {
        da: 'Ofte et skilletegn inde i en tekst uden anførselstegn; sæt teksten i "…", eller ret rækken.',
        en: 'Often a delimiter inside an unquoted text; put the text in "…", or fix the row.',
      },
    ),
  'column-missing': (p: { column: string; header: readonly string[] }) =>
    error(
      {
        da: `Kolonnen «${p.column}» mangler i filen. Filen har: ${p.header.join(', ') || '(ingen)'}.`,
        en: `Column "${p.column}" is missing from the file. The file has: ${p.header.join(', ') || '(none)'}.`,
      },
      {
        da: 'Tilføj kolonnen i eksporten, eller angiv filens navn for den med "header" i extract.json.',
        en: 'Add the column to the export, or give the file\'s name for it with "header" in extract.json.',
      },
    ),
  'column-extra': (p: { column: string }) =>
    warning(
      {
        da: `Kolonnen «${p.column}» i filen er ikke beskrevet i extract.json og kommer ikke med i udtrækket.`,
        en: `Column "${p.column}" in the file is not described in extract.json and is left out of the extract.`,
      },
      {
        da: 'Intet at gøre, hvis den skal udelades; ellers tilføj den under columns.',
        en: 'Nothing to do if it is to be left out; else add it under columns.',
      },
    ),
  'sheet-missing': (p: { sheet: string; sheets: readonly string[] }) =>
    error(
      {
        da: `Regnearket har ingen fane «${p.sheet}». Faner: ${p.sheets.join(', ')}.`,
        en: `The workbook has no sheet "${p.sheet}". Sheets: ${p.sheets.join(', ')}.`,
      },
      { da: 'Ret "sheet" i extract.json.', en: 'Correct "sheet" in extract.json.' },
    ),
  'xlsx-error-cell': (p: { value: string }) =>
    error(
      { da: `Cellen rummer en Excel-fejl (${p.value}).`, en: `The cell holds an Excel error (${p.value}).` },
      { da: 'Ret formlen i regnearket, eller gem værdierne som tal.', en: 'Fix the formula in the workbook, or save the values as numbers.' },
    ),
  'parquet-codec': (p: { codec: string }) =>
    error(
      {
        da: `Parquet-filen er komprimeret med ${p.codec}, som byggeren ikke kan læse.`,
        en: `The Parquet file is compressed with ${p.codec}, which the builder cannot read.`,
      },
      {
        da: 'Skriv filen igen med SNAPPY, GZIP, ZSTD eller uden komprimering.',
        en: 'Write the file again with SNAPPY, GZIP, ZSTD or no compression.',
      },
    ),
  'parquet-nested': (p: { column: string }) =>
    error(
      {
        da: `Kolonnen «${p.column}» er indlejret (liste eller struktur) i Parquet-filen.`,
        en: `Column "${p.column}" is nested (a list or struct) in the Parquet file.`,
      },
      { da: 'Gør kolonnen flad (én værdi pr. række) før eksporten.', en: 'Flatten the column (one value per row) before exporting.' },
    ),
  'value-type': (p: { type: string; example: string }) =>
    error(
      {
        da: `Værdien kan ikke læses som ${typeName(p.type).da} (fx ${quoteValue(p.example)}).`,
        en: `The value cannot be read as ${typeName(p.type).en} (e.g. ${quoteValue(p.example)}).`,
      },
      {
        da: 'Ret værdien, eller ret kolonnens type i extract.json. Undertrykte celler skrives som <5, <10, .., ., x eller -; tomme celler er ukendte.',
        en: 'Correct the value, or the column type in extract.json. Suppressed cells are written <5, <10, .., ., x or -; empty cells are unknown.',
      },
    ),
  'value-integer-range': (p: { example: string }) =>
    error(
      {
        da: `Tallet er for stort til typen INTEGER (fx ${quoteValue(p.example)}).`,
        en: `The number is too large for type INTEGER (e.g. ${quoteValue(p.example)}).`,
      },
      { da: 'Angiv typen BIGINT for kolonnen.', en: 'Declare type BIGINT for the column.' },
    ),
  'decimal-mixed': (p: { comma: string; point: string }) =>
    error(
      {
        da: `Kolonnen blander decimalkomma og decimalpunktum (fx ${quoteValue(p.comma)} og ${quoteValue(p.point)}).`,
        en: `The column mixes decimal commas and decimal points (e.g. ${quoteValue(p.comma)} and ${quoteValue(p.point)}).`,
      },
      {
        da: 'Eksportér kolonnen med ét decimaltegn, eller angiv "decimal" for tabellen i extract.json.',
        en: 'Export the column with one decimal separator, or set "decimal" for the table in extract.json.',
      },
    ),
  'value-missing': (_: Record<string, never>) =>
    error(
      { da: 'Cellen er tom, men kolonnen skal altid have en værdi.', en: 'The cell is empty, but the column must always have a value.' },
      {
        da: 'Udfyld værdien, eller fjern rækken fra eksporten (nøgle- og påkrævede kolonner må ikke være tomme).',
        en: 'Fill in the value, or drop the row from the export (key and required columns may not be empty).',
      },
    ),
  'value-suppressed-required': (p: { marker: string }) =>
    error(
      {
        da: `Cellen er undertrykt (${quoteValue(p.marker)}), men kolonnen skal altid have en værdi.`,
        en: `The cell is suppressed (${quoteValue(p.marker)}), but the column must always have a value.`,
      },
      {
        da: 'Nøgler, perioder og områdekoder kan ikke undertrykkes; eksportér dem uden diskretionering.',
        en: 'Keys, periods and area codes cannot be suppressed; export them without disclosure control.',
      },
    ),

  // ── cross-checks ────────────────────────────────────────────────────────────
  'area-code-unknown': (p: { layer: string; codes: readonly string[]; total: number }) =>
    error(
      {
        da: `Koder uden geometri i laget «${p.layer}»: ${codes(p.codes, p.total, 'da')}.`,
        en: `Codes without geometry in layer "${p.layer}": ${codes(p.codes, p.total, 'en')}.`,
      },
      {
        da: 'Ret koderne i tabellen, eller tilføj de manglende områder i geografien (tjek foranstillede nuller og mellemrum).',
        en: 'Correct the codes in the table, or add the missing areas to the geography (check leading zeros and spaces).',
      },
    ),
  'area-unused': (p: { tables: readonly string[]; codes: readonly string[]; total: number }) =>
    warning(
      {
        da: `Områder, hvis kode aldrig optræder i ${joinList(p.tables, 'da')}: ${codes(p.codes, p.total, 'da')}.`,
        en: `Areas whose code never occurs in ${joinList(p.tables, 'en')}: ${codes(p.codes, p.total, 'en')}.`,
      },
      {
        da: 'Intet at gøre for ubeboede områder (fx havn, park); ellers tjek koderne i tabellen.',
        en: 'Nothing to do for uninhabited areas (e.g. harbour, park); else check the codes in the table.',
      },
    ),
  'period-outside': (p: { periods: readonly string[]; total: number; allowed: string }) =>
    error(
      {
        da: `Perioder uden for udtrækkets perioder (${p.allowed}): ${codes(p.periods, p.total, 'da')}.`,
        en: `Periods outside the extract's periods (${p.allowed}): ${codes(p.periods, p.total, 'en')}.`,
      },
      {
        da: 'Fjern rækkerne fra eksporten, eller tilføj perioderne under periods i extract.json.',
        en: 'Drop the rows from the export, or add the periods under periods in extract.json.',
      },
    ),
  'period-without-data': (p: { periods: readonly string[] }) =>
    warning(
      {
        da: `Perioder i extract.json uden rækker i tabellen: ${p.periods.join(', ')}.`,
        en: `Periods in extract.json without rows in the table: ${p.periods.join(', ')}.`,
      },
      {
        da: 'Kontrollér eksporten, eller fjern perioderne fra periods.',
        en: 'Check the export, or remove the periods from periods.',
      },
    ),
  'duplicate-key': (p: { columns: readonly string[]; firstRow: number }) =>
    error(
      {
        da: `Rækken gentager nøglen (${p.columns.join(', ')}) fra en tidligere række (den første gentager række ${p.firstRow}).`,
        en: `The row repeats the key (${p.columns.join(', ')}) of an earlier row (the first such row repeats row ${p.firstRow}).`,
      },
      {
        da: 'Fjern dubletterne i eksporten; hver nøgle må kun forekomme én gang.',
        en: 'Remove the duplicates in the export; each key may occur only once.',
      },
    ),
  'cpr-column': (p: { count: number }) =>
    error(
      {
        da: `Kolonnen ligner CPR-numre (${p.count} ${p.count === 1 ? 'værdi har' : 'værdier har'} form som et CPR-nummer med gyldig dato). Et udtræk må ikke rumme CPR-numre.`,
        en: `The column looks like CPR numbers (${p.count} ${p.count === 1 ? 'value is' : 'values are'} shaped like a CPR number with a valid date). An extract may not hold CPR numbers.`,
      },
      {
        da: 'Fjern kolonnen fra eksporten, eller angiv den under "pseudonymise" i extract.json, så den erstattes af et nøglebaseret pseudonym.',
        en: 'Remove the column from the export, or list it under "pseudonymise" in extract.json so it is replaced by a keyed pseudonym.',
      },
    ),
  'site-unknown': (p: { codes: readonly string[]; total: number }) =>
    error(
      {
        da: `Tællinger fra steder, der ikke findes i stedtabellen: ${codes(p.codes, p.total, 'da')}.`,
        en: `Counts from sites that are not in the sites table: ${codes(p.codes, p.total, 'en')}.`,
      },
      { da: 'Tilføj stederne i stedtabellen, eller ret site_id.', en: 'Add the sites to the sites table, or correct site_id.' },
    ),
  'coordinate-range': (p: { example: string }) =>
    error(
      {
        da: `Koordinaten ligger uden for gyldige længde-/breddegrader (fx ${quoteValue(p.example)}).`,
        en: `The coordinate is outside valid longitudes/latitudes (e.g. ${quoteValue(p.example)}).`,
      },
      {
        da: 'Angiv stedernes koordinater i WGS84 (længde, bredde i grader).',
        en: 'Give the sites\' coordinates in WGS84 (longitude, latitude in degrees).',
      },
    ),

  // ── geography ───────────────────────────────────────────────────────────────
  'geo-not-collection': (_: Record<string, never>) =>
    error(
      { da: 'Filen er ikke en GeoJSON FeatureCollection.', en: 'The file is not a GeoJSON FeatureCollection.' },
      { da: 'Eksportér laget som GeoJSON (FeatureCollection) eller som zippet shapefil.', en: 'Export the layer as GeoJSON (FeatureCollection) or as a zipped shapefile.' },
    ),
  'geo-geometry-type': (p: { type: string }) =>
    error(
      {
        da: `Objektet har geometritypen ${p.type}; områder skal være Polygon eller MultiPolygon.`,
        en: `The feature has geometry type ${p.type}; areas must be Polygon or MultiPolygon.`,
      },
      { da: 'Eksportér områdernes flader, ikke punkter eller linjer.', en: 'Export the areas\' polygons, not points or lines.' },
    ),
  'geo-no-geometry': (_: Record<string, never>) =>
    error(
      { da: 'Objektet har ingen geometri.', en: 'The feature has no geometry.' },
      { da: 'Tilføj geometrien, eller fjern objektet fra laget.', en: 'Add the geometry, or remove the feature from the layer.' },
    ),
  'shapefile-parts': (p: { detail: string }) =>
    error(
      { da: `Zip-filen er ikke en brugbar shapefil: ${p.detail}.`, en: `The zip file is not a usable shapefile: ${p.detail}.` },
      {
        da: 'Zip .shp, .shx, .dbf og .prj for ét lag sammen (samme navn før endelsen).',
        en: 'Zip .shp, .shx, .dbf and .prj of one layer together (same name before the extension).',
      },
    ),
  'crs-missing': (_: Record<string, never>) =>
    error(
      {
        da: 'Shapefilen har ingen .prj-fil, så koordinatsystemet er ukendt. Byggeren gætter det ikke.',
        en: 'The shapefile has no .prj file, so its coordinate system is unknown. The builder does not guess it.',
      },
      {
        da: 'Læg .prj-filen i zip-filen, eller angiv "crs" for laget i extract.json (fx "EPSG:25832" for ETRS89 / UTM zone 32N), hvis du ved, hvilket det er.',
        en: 'Put the .prj file in the zip, or state "crs" for the layer in extract.json (e.g. "EPSG:25832" for ETRS89 / UTM zone 32N) if you know which it is.',
      },
    ),
  'crs-unknown': (p: { described: string }) =>
    error(
      {
        da: `Koordinatsystemet «${p.described}» genkendes ikke (understøttet: ${SUPPORTED_CRS}). Byggeren gætter det ikke.`,
        en: `Coordinate system "${p.described}" is not recognised (supported: ${SUPPORTED_CRS}). The builder does not guess it.`,
      },
      {
        da: 'Omprojicér laget til EPSG:25832 eller EPSG:4326 i jeres GIS, eller angiv "crs" for laget i extract.json, hvis du ved, at det svarer til et af de understøttede.',
        en: 'Reproject the layer to EPSG:25832 or EPSG:4326 in your GIS, or state "crs" for the layer in extract.json if you know it equals one of the supported ones.',
      },
    ),
  'crs-conflict': (p: { inFile: string; stated: string }) =>
    error(
      {
        da: `Filen angiver koordinatsystemet ${p.inFile}, men extract.json angiver ${p.stated}.`,
        en: `The file states coordinate system ${p.inFile}, but extract.json states ${p.stated}.`,
      },
      { da: 'Fjern eller ret "crs" for laget i extract.json.', en: 'Remove or correct "crs" for the layer in extract.json.' },
    ),
  'crs-stated': (p: { described: string; stated: string }) =>
    warning(
      {
        da: `Filens koordinatsystem «${p.described}» genkendes ikke; ${p.stated} bruges, som extract.json angiver.`,
        en: `The file's coordinate system "${p.described}" is not recognised; ${p.stated} is used, as extract.json states.`,
      },
      {
        da: 'Kontrollér på kortet i appen, at områderne ligger rigtigt.',
        en: 'Check on the map in the app that the areas are in the right place.',
      },
    ),
  'crs-coordinates': (p: { crs: string; looksLike: 'metres' | 'degrees' | 'swapped' }) =>
    error(
      {
        da: `Koordinaterne passer ikke til ${p.crs}: de ${{ metres: 'ligner meter (fx UTM), ikke grader', degrees: 'ligner grader, ikke meter', swapped: 'ligner bredde, længde i ombyttet rækkefølge' }[p.looksLike]}.`,
        en: `The coordinates do not fit ${p.crs}: they ${{ metres: 'look like metres (e.g. UTM), not degrees', degrees: 'look like degrees, not metres', swapped: 'look like latitude, longitude in swapped order' }[p.looksLike]}.`,
      },
      {
        da: 'Angiv det rigtige "crs" for laget i extract.json (fx "EPSG:25832"), eller eksportér laget igen som GeoJSON i længde, bredde.',
        en: 'State the right "crs" for the layer in extract.json (e.g. "EPSG:25832"), or export the layer again as GeoJSON in longitude, latitude.',
      },
    ),
  'geo-outside-denmark': (_: Record<string, never>) =>
    warning(
      {
        da: 'Laget ligger (delvis) uden for Danmark efter omprojicering.',
        en: 'The layer lies (partly) outside Denmark after reprojection.',
      },
      { da: 'Kontrollér koordinatsystemet for laget.', en: 'Check the layer\'s coordinate system.' },
    ),
  'geo-id-missing': (p: { property: string }) =>
    error(
      { da: `Objektet har ingen værdi i id-feltet «${p.property}».`, en: `The feature has no value in id property "${p.property}".` },
      {
        da: 'Udfyld id-feltet, eller ret idProperty for laget i extract.json.',
        en: 'Fill in the id property, or correct idProperty for the layer in extract.json.',
      },
    ),
  'geo-id-duplicate': (p: { property: string; ids: readonly string[]; total: number }) =>
    error(
      {
        da: `Flere objekter har samme id i «${p.property}»: ${codes(p.ids, p.total, 'da')}.`,
        en: `Several features share an id in "${p.property}": ${codes(p.ids, p.total, 'en')}.`,
      },
      {
        da: 'Saml delene til ét MultiPolygon pr. område (fx "dissolve" i GIS), eller ret id\'erne.',
        en: 'Merge the parts into one MultiPolygon per area (e.g. "dissolve" in GIS), or correct the ids.',
      },
    ),
  'geo-property-nested': (p: { property: string; levels: number }) =>
    error(
      {
        da: `Egenskaben ${quoteValue(p.property, 40)} kan ikke skrives i udtrækket: den har lister eller objekter indlejret mere end ${p.levels} niveauer dybt, eller en liste med et objekt, der ikke kan læses som tekst.`,
        en: `Property ${quoteValue(p.property, 40)} cannot be written to the extract: it has lists or objects nested more than ${p.levels} levels deep, or a list holding an object that cannot be read as text.`,
      },
      {
        da: 'Ret eller fjern egenskaben i GIS (områdelag bærer tekst, tal og enkle lister som district_ids), og eksportér laget igen.',
        en: 'Correct or remove the property in GIS (area layers carry text, numbers and simple lists such as district_ids) and export the layer again.',
      },
    ),
  'geo-name-missing': (p: { property: string }) =>
    warning(
      {
        da: `Objektet har intet navn i «${p.property}»; id'et bruges som navn.`,
        en: `The feature has no name in "${p.property}"; its id is used as name.`,
      },
      { da: 'Udfyld navnefeltet, eller ret nameProperty i extract.json.', en: 'Fill in the name property, or correct nameProperty in extract.json.' },
    ),
  'geo-parent-unknown': (p: { parentLayer: string; ids: readonly string[]; total: number }) =>
    error(
      {
        da: `Overordnede koder, der ikke findes i laget «${p.parentLayer}»: ${codes(p.ids, p.total, 'da')}.`,
        en: `Parent codes that are not in layer "${p.parentLayer}": ${codes(p.ids, p.total, 'en')}.`,
      },
      {
        da: 'Ret koderne i feltet for det overordnede lag, eller tilføj områderne i det overordnede lag.',
        en: 'Correct the codes in the parent property, or add the areas to the parent layer.',
      },
    ),
  'poly-coordinates': (_: Record<string, never>) =>
    error(
      { da: 'Geometrien har koordinater, der ikke er tal.', en: 'The geometry has coordinates that are not numbers.' },
      { da: 'Ret geometrien i GIS, og eksportér laget igen.', en: 'Fix the geometry in GIS and export the layer again.' },
    ),
  'poly-projection': (p: { crs: string }) =>
    error(
      {
        da: `Geometrien har koordinater, der ikke kan omregnes fra ${p.crs} til længde og bredde (WGS84): de ligger langt uden for koordinatsystemets område.`,
        en: `The geometry has coordinates that cannot be converted from ${p.crs} to longitude and latitude (WGS84): they lie far outside the coordinate system's area.`,
      },
      {
        da: 'Kontrollér objektets koordinater og lagets koordinatsystem i GIS (fx en fejlindtastet eller forskudt koordinat), og eksportér laget igen.',
        en: 'Check the feature\'s coordinates and the layer\'s coordinate system in GIS (e.g. a mistyped or shifted coordinate) and export the layer again.',
      },
    ),
  'poly-too-few': (_: Record<string, never>) =>
    error(
      {
        da: 'En ring i polygonen har færre end tre forskellige hjørner.',
        en: 'A ring of the polygon has fewer than three distinct vertices.',
      },
      {
        da: 'Fjern den degenererede del i GIS (fx "Repair geometry"/"Fix geometries"), og eksportér igen.',
        en: 'Remove the degenerate part in GIS (e.g. "Repair geometry"/"Fix geometries") and export again.',
      },
    ),
  'poly-zero-area': (_: Record<string, never>) =>
    error(
      { da: 'En ring i polygonen har arealet nul.', en: 'A ring of the polygon has zero area.' },
      { da: 'Fjern den degenererede del i GIS, og eksportér igen.', en: 'Remove the degenerate part in GIS and export again.' },
    ),
  'poly-self-intersection': (_: Record<string, never>) =>
    error(
      {
        da: 'Polygonen skærer sig selv (fx en "sløjfe" eller et ottetal); den kan ikke repareres sikkert automatisk.',
        en: 'The polygon intersects itself (e.g. a loop or a figure eight); it cannot be repaired safely by the builder.',
      },
      {
        da: 'Reparér geometrien i GIS (QGIS: "Fix geometries"; ArcGIS: "Repair Geometry"), kontrollér resultatet, og eksportér igen.',
        en: 'Repair the geometry in GIS (QGIS: "Fix geometries"; ArcGIS: "Repair Geometry"), check the result and export again.',
      },
    ),
  'poly-ring-crossing': (_: Record<string, never>) =>
    error(
      {
        da: 'Et hul krydser polygonens ydre ring eller et andet hul.',
        en: 'A hole crosses the polygon\'s outer ring or another hole.',
      },
      {
        da: 'Reparér geometrien i GIS, kontrollér resultatet, og eksportér igen.',
        en: 'Repair the geometry in GIS, check the result and export again.',
      },
    ),
  'poly-hole-outside': (_: Record<string, never>) =>
    error(
      { da: 'Et hul ligger uden for polygonens ydre ring.', en: 'A hole lies outside the polygon\'s outer ring.' },
      {
        da: 'Reparér geometrien i GIS (hullet er sandsynligvis en selvstændig flade), og eksportér igen.',
        en: 'Repair the geometry in GIS (the hole is probably a polygon of its own) and export again.',
      },
    ),
  'poly-closed': (_: Record<string, never>) =>
    warning(
      {
        da: 'Ringe, der ikke var lukkede (første og sidste punkt forskellige), er lukket.',
        en: 'Rings that were not closed (first and last position differ) have been closed.',
      },
      { da: 'Intet at gøre; reparationen er sikker.', en: 'Nothing to do; the repair is safe.' },
    ),
  'poly-duplicate-vertices': (_: Record<string, never>) =>
    warning(
      { da: 'Gentagne ens punkter efter hinanden er fjernet.', en: 'Repeated consecutive positions have been removed.' },
      { da: 'Intet at gøre; reparationen er sikker.', en: 'Nothing to do; the repair is safe.' },
    ),
  'poly-rewound': (p: { fromShapefile: boolean }) =>
    warning(
      {
        da: `Ringe er vendt til højrehåndsreglen i RFC 7946 (ydre ring mod uret, huller med uret)${p.fromShapefile ? '; shapefiler gemmer ydre ringe med uret' : ''}.`,
        en: `Rings have been rewound to the right-hand rule of RFC 7946 (outer rings counterclockwise, holes clockwise)${p.fromShapefile ? '; shapefiles store outer rings clockwise' : ''}.`,
      },
      { da: 'Intet at gøre; reparationen er sikker.', en: 'Nothing to do; the repair is safe.' },
    ),

  // ── secrets ─────────────────────────────────────────────────────────────────
  'secret-missing': (p: { columns: readonly string[] }) =>
    error(
      {
        da: `Kolonnerne ${p.columns.join(', ')} skal pseudonymiseres, men der er ingen pseudonymiseringsnøgle.`,
        en: `Columns ${p.columns.join(', ')} are to be pseudonymised, but no pseudonymisation secret was given.`,
      },
      {
        da: 'Angiv nøglen i miljøvariablen BDX_PSEUDONYM_SECRET eller med --pseudonym-secret-file (i appen: vælg nøglefilen). Brug den samme nøgle hver gang, så pseudonymerne kan kobles mellem udtræk.',
        en: 'Give the secret in the environment variable BDX_PSEUDONYM_SECRET or with --pseudonym-secret-file (in the app: choose the secret file). Use the same secret every time so pseudonyms link across extracts.',
      },
    ),
  'secret-short': (p: { minimum: number }) =>
    error(
      {
        da: `Pseudonymiseringsnøglen er for kort (under ${p.minimum} tegn).`,
        en: `The pseudonymisation secret is too short (under ${p.minimum} characters).`,
      },
      {
        da: 'Lav en lang tilfældig nøgle, fx med "openssl rand -base64 32", og opbevar den sikkert hos datateamet.',
        en: 'Make a long random secret, e.g. with "openssl rand -base64 32", and keep it safe with the data team.',
      },
    ),
} satisfies Record<string, (p: never) => MessageText>;

export type ProblemCode = keyof typeof MESSAGES;
export type ProblemParams<C extends ProblemCode> = Parameters<(typeof MESSAGES)[C]>[0];

export function renderMessage<C extends ProblemCode>(code: C, params: ProblemParams<C>): MessageText {
  return (MESSAGES[code] as (p: ProblemParams<C>) => MessageText)(params);
}

function typeName(type: string): Bilingual {
  switch (type) {
    case 'INTEGER':
    case 'BIGINT':
      return { da: 'et heltal', en: 'a whole number' };
    case 'DOUBLE':
      return { da: 'et tal', en: 'a number' };
    case 'BOOLEAN':
      return { da: 'sand/falsk', en: 'true/false' };
    case 'DATE':
      return { da: 'en dato', en: 'a date' };
    default:
      return { da: 'tekst', en: 'text' };
  }
}
