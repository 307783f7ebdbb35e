/**
 * UI text. Danish is the default; English is complete too (a test checks that both
 * languages have the same keys).
 */
import type { ExtractErrorCode } from '../extract/errors';

export type Language = 'da' | 'en';

const da = {
  appName: 'Bydelsmonitor',
  tagline: 'Social balance i bydele – offline og lokalt',
  openDemo: 'Åbn demo-udtræk',
  openFile: 'Åbn fil…',
  openOther: 'Åbn andet udtræk',
  closeExtract: 'Luk udtræk',
  cancel: 'Annullér',
  demoNotice:
    'Demo-udtrækket indeholder kun syntetiske data om en opdigtet kommune. Adgangskoden beskytter intet virkeligt:',
  passphrase: 'Adgangskode',
  passphraseFor: 'Adgangskode til',
  unlock: 'Åbn',
  loadingTitle: 'Åbner udtræk',
  stageDecrypting: 'Dekrypterer i hukommelsen',
  stageUnpacking: 'Pakker ud og kontrollerer indhold',
  stageLoading: 'Indlæser tabeller i analysemotoren',
  stageComputing: 'Beregner indikatorer',
  indicator: 'Indikator',
  period: 'Periode',
  area: 'Distrikt',
  chooseArea: 'Vælg distrikt',
  legend: 'Forklaring',
  areasCount: 'områder',
  noValue: 'Ingen værdi',
  municipality: 'Kommunen',
  value: 'Værdi',
  interval: '95 %-interval',
  count: 'Antal',
  population: 'Population',
  smallPopulation: 'Lille population: tallet er usikkert',
  higherIsWorse: 'Højere er værre',
  higherIsBetter: 'Højere er bedre',
  clickAnArea: 'Klik på et distrikt på kortet eller vælg det på listen for at se dets tal.',
  syntheticBadge: 'Syntetiske data',
  language: 'Sprog',
  bydel: 'Bydel',
  comparedToMunicipality: 'mod kommunen',
  perThousand: 'pr. 1.000',
  errorTitle: 'Udtrækket kunne ikke åbnes',
  previousStillOpen: 'Det udtræk, der allerede var åbent, er stadig åbent.',
  unexpectedError: 'Uventet fejl',
} as const;

export type MessageKey = keyof typeof da;

const en: Record<MessageKey, string> = {
  appName: 'Bydelsmonitor',
  tagline: 'Social balance in neighbourhoods – offline and local',
  openDemo: 'Open demo extract',
  openFile: 'Open file…',
  openOther: 'Open another extract',
  closeExtract: 'Close extract',
  cancel: 'Cancel',
  demoNotice:
    'The demo extract holds only synthetic data about a fictional municipality. Its passphrase protects nothing real:',
  passphrase: 'Passphrase',
  passphraseFor: 'Passphrase for',
  unlock: 'Open',
  loadingTitle: 'Opening extract',
  stageDecrypting: 'Decrypting in memory',
  stageUnpacking: 'Unpacking and checking contents',
  stageLoading: 'Loading tables into the analytic engine',
  stageComputing: 'Computing indicators',
  indicator: 'Indicator',
  period: 'Period',
  area: 'District',
  chooseArea: 'Choose district',
  legend: 'Legend',
  areasCount: 'areas',
  noValue: 'No value',
  municipality: 'Municipality',
  value: 'Value',
  interval: '95% interval',
  count: 'Count',
  population: 'Population',
  smallPopulation: 'Small population: the figure is uncertain',
  higherIsWorse: 'Higher is worse',
  higherIsBetter: 'Higher is better',
  clickAnArea: 'Click a district on the map or choose it from the list to see its figures.',
  syntheticBadge: 'Synthetic data',
  language: 'Language',
  bydel: 'Bydel',
  comparedToMunicipality: 'vs the municipality',
  perThousand: 'per 1,000',
  errorTitle: 'The extract could not be opened',
  previousStillOpen: 'The extract that was already open is still open.',
  unexpectedError: 'Unexpected error',
};

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { da, en };

/** One message per failure: what happened and what to do. */
export const EXTRACT_ERROR_MESSAGES: Record<Language, Record<ExtractErrorCode, string>> = {
  da: {
    'wrong-secret': 'Forkert adgangskode. Kontrollér adgangskoden og prøv igen.',
    'not-an-extract':
      'Filen er ikke et krypteret Bydelsmonitor-udtræk. Vælg den .bdx-fil, datateamet har udleveret.',
    damaged:
      'Udtrækket er ufuldstændigt eller beskadiget (filen er afkortet eller ændret efter kryptering). Hent eller kopiér filen igen fra datateamet.',
    'unsupported-version':
      'Udtrækket er lavet i et formatversion, som denne version af Bydelsmonitor ikke kan læse. Opdatér programmet eller bed datateamet om et udtræk i version 1.',
    'invalid-manifest':
      'Udtrækkets indholdsfortegnelse (manifest) er ugyldig. Bed datateamet om at bygge udtrækket igen.',
    'missing-table': 'Udtrækket mangler en tabel, som manifestet nævner. Bed datateamet om at bygge udtrækket igen.',
    'schema-mismatch':
      'En tabel i udtrækket har ikke de kolonner, manifestet lover. Bed datateamet om at bygge udtrækket igen.',
    'too-large': 'Udtrækket er for stort til at blive åbnet i hukommelsen på denne maskine. Brug et mindre udtræk.',
    'unreadable-file': 'Filen kunne ikke læses. Kontrollér, at den findes, og at du har adgang til den.',
  },
  en: {
    'wrong-secret': 'Wrong passphrase. Check the passphrase and try again.',
    'not-an-extract': 'The file is not an encrypted Bydelsmonitor extract. Choose the .bdx file the data team provided.',
    damaged:
      'The extract is incomplete or damaged (the file was truncated or altered after encryption). Fetch or copy the file again from the data team.',
    'unsupported-version':
      'The extract uses a format version this version of Bydelsmonitor cannot read. Update the app or ask the data team for a version 1 extract.',
    'invalid-manifest': "The extract's table of contents (manifest) is invalid. Ask the data team to build the extract again.",
    'missing-table': 'The extract lacks a table its manifest lists. Ask the data team to build the extract again.',
    'schema-mismatch':
      'A table in the extract lacks the columns its manifest promises. Ask the data team to build the extract again.',
    'too-large': 'The extract is too large to open in memory on this machine. Use a smaller extract.',
    'unreadable-file': 'The file could not be read. Check that it exists and that you have access to it.',
  },
};
