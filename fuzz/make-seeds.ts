/**
 * Writes the seed files that cannot be rebuilt byte-identically on every run (age encrypts
 * with a random file key and nonce; XLSX carries timestamps):  npx tsx fuzz/make-seeds.ts
 * They hold only the synthetic unit-test fixtures. The fuzz cases derive from these bytes,
 * so regenerating them changes which inputs a seed and index produce.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type * as ExcelJs from 'exceljs';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { unzipSync, zipSync } from 'fflate';
import { encryptExtract } from '../shared/extract/pack';
import { PERSONS_CSV } from '../shared/builder/testing/fixtures';
import { Rng } from './mutate';
import { FUZZ_PASSPHRASE, SEED_WORK_FACTOR, VECTOR_IDENTITY } from './secrets';
import { tinyArchive } from './targets/extract-seeds';

type ExcelModule = typeof ExcelJs;

const DIR = new URL('./corpus/seeds/', import.meta.url);
mkdirSync(DIR, { recursive: true });
const write = (name: string, bytes: Uint8Array) => {
  writeFileSync(new URL(name, DIR), bytes);
  console.log(`${name}: ${bytes.length} bytes`);
};

const archive = tinyArchive();
write('tiny-passphrase.bdx', await encryptExtract(archive, { passphrase: FUZZ_PASSPHRASE, scryptWorkFactor: SEED_WORK_FACTOR }));

// Two recipients: the vector identity, and a throwaway key made here and never kept
// (so OTHER_VECTOR_IDENTITY is a well-formed key that matches no stanza).
const recipients = [await identityToRecipient(VECTOR_IDENTITY), await identityToRecipient(await generateX25519Identity())];
write('tiny-x25519.bdx', await encryptExtract(archive, { recipients }));

// Over three STREAM chunks (64 KiB each), so chunk boundaries and the last-chunk flag are in play.
const rng = new Rng('fuzz-seed-padding');
const padding = Uint8Array.from({ length: 200_000 }, () => rng.int(256));
const files = unzipSync(archive);
const multi = zipSync({ ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 0 }]])), 'tables/padding.parquet': [padding, { level: 0 }] });
write('multichunk-passphrase.bdx', await encryptExtract(multi, { passphrase: FUZZ_PASSPHRASE, scryptWorkFactor: SEED_WORK_FACTOR }));

// The builder's persons table as a workbook (exceljs, as Danish Excel would save it).
// As shared/builder/tables/read-xlsx.ts loads it (CommonJS: the module may sit under default).
const excel = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
const ExcelJS = excel.default ?? excel;
const workbook = new ExcelJS.Workbook();
workbook.created = new Date(Date.UTC(2025, 0, 1));
workbook.modified = new Date(Date.UTC(2025, 0, 1));
const sheet = workbook.addWorksheet('Personer');
for (const line of PERSONS_CSV.split('\r\n')) {
  sheet.addRow(line.split(';').map((cell, i) => (i === 3 && /^\d+$/.test(cell) ? Number(cell) : cell)));
}
write('persons.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
