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
  keysTitle: 'Dine nøgler',
  keysIntro:
    'Datateamet kan kryptere udtræk til din offentlige nøgle, så ingen adgangskode skal deles. Din hemmelige nøgle bliver på denne maskine, forseglet af styresystemets nøglering eller af en adgangskode.',
  noKeys: 'Du har ingen gemte nøgler.',
  keyLabel: 'Navn på nøglen',
  keyProtection: 'Beskyttelse',
  protectionOs: 'Styresystemets nøglering',
  protectionPassphrase: 'Adgangskode til nøglen',
  keyPassphrase: 'Nøglens adgangskode',
  createKey: 'Lav ny nøgle',
  importKey: 'Importér nøglefil…',
  deleteKey: 'Slet',
  publicKey: 'Offentlig nøgle (giv den til datateamet)',
  copy: 'Kopiér',
  copied: 'Kopieret',
  chooseKey: 'Vælg nøgle',
  extractForKeys: 'Udtrækket er krypteret til navngivne nøgler. Vælg din nøgle.',
  extractForKeysNoKeys:
    'Udtrækket er krypteret til navngivne nøgler, og du har ingen gemte nøgler. Importér din nøglefil, eller lav en nøgle og bed datateamet kryptere til den.',
  keyError: 'Nøglen kunne ikke gemmes eller bruges',
} as const;

export type MessageKey = keyof typeof da;

/** Key-store failures (shared/keys/key-store.ts codes), with what to do. */
export const KEY_ERROR_MESSAGES: Record<Language, Record<string, string>> = {
  da: {
    'no-such-key': 'Nøglen findes ikke længere. Vælg en anden nøgle.',
    'wrong-key-passphrase': 'Forkert adgangskode til nøglen. Prøv igen.',
    'os-keystore-unavailable': 'Styresystemets nøglering er ikke tilgængelig her. Beskyt nøglen med en adgangskode i stedet.',
    'invalid-request': 'Oplysningerne er ikke gyldige: en nøgle skal have et navn, og en adgangskode til nøglen skal have mindst 8 tegn; en nøglefil skal indeholde én age-nøgle (AGE-SECRET-KEY-1…).',
    'corrupt-store': 'Filen med dine nøgler er beskadiget. Kontakt IT-supporten.',
  },
  en: {
    'no-such-key': 'The key no longer exists. Choose another key.',
    'wrong-key-passphrase': "Wrong passphrase for the key. Try again.",
    'os-keystore-unavailable': "The operating system's key store is not available here. Protect the key with a passphrase instead.",
    'invalid-request': 'The details are not valid: a key needs a name and a key passphrase at least 8 characters; a key file must hold one age key (AGE-SECRET-KEY-1…).',
    'corrupt-store': 'The file holding your keys is damaged. Contact IT support.',
  },
};

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
  keysTitle: 'Your keys',
  keysIntro:
    "The data team can encrypt extracts to your public key, so no passphrase has to be shared. Your secret key stays on this machine, sealed by the operating system's key store or by a passphrase.",
  noKeys: 'You have no stored keys.',
  keyLabel: 'Key name',
  keyProtection: 'Protection',
  protectionOs: "Operating system's key store",
  protectionPassphrase: 'Key passphrase',
  keyPassphrase: "The key's passphrase",
  createKey: 'Create new key',
  importKey: 'Import key file…',
  deleteKey: 'Delete',
  publicKey: 'Public key (give it to the data team)',
  copy: 'Copy',
  copied: 'Copied',
  chooseKey: 'Choose key',
  extractForKeys: 'The extract is encrypted for named keys. Choose your key.',
  extractForKeysNoKeys:
    'The extract is encrypted for named keys and you have no stored keys. Import your key file, or create a key and ask the data team to encrypt to it.',
  keyError: 'The key could not be stored or used',
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
