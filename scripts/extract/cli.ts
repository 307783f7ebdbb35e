/**
 * `npm run extract -- <command>`: the data team's extract builder on the command line.
 * build (validate, pseudonymise, write Parquet, pack, encrypt with age), validate (report
 * only) and keygen (an analyst's age identity). Secrets never come from the command line:
 * the passphrase from BDX_PASSPHRASE or a prompt without echo, the pseudonymisation secret
 * from BDX_PSEUDONYM_SECRET or a file. Exit 0 on success, 1 on bad input, 2 on bad usage.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { buildArchive, encryptExtract } from '../../shared/extract/pack';
import { buildExtract, formatReport, isLang, validateInput, type BuildReport, type Lang } from '../../shared/builder/index';
import { readInputFolder, readSecretFile, writeFileAtomically, writeNewPrivateFile, exists, readRecipientsFile } from './files';
import { processIo, type CliIo } from '../cli-io';

export type { CliIo };

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

/** Everything the CLI touches outside its arguments, so tests can run it in-process. */

const MIN_PASSPHRASE_LENGTH = 12;

const HELP_MAIN = `Usage: npm run extract -- <command> [options]

Builds encrypted Bydelsmonitor extracts (.bdx) from a folder of CSV, XLSX or Parquet tables
and GeoJSON or zipped-shapefile geography described by an extract.json (see docs/builder.md).

Commands:
  build      validate the input folder and, if there is no error, write an encrypted extract
  validate   validate the input folder and print the report; writes no extract
  keygen     create an age X25519 identity (key pair) for an analyst

Run "npm run extract -- <command> --help" for the options of a command.

Exit status: 0 success, 1 bad input (the report names each problem and its fix), 2 bad usage.
`;

const HELP_BUILD = `Usage: npm run extract -- build --input <folder> --out <file.bdx> (--recipient <age1…>… | --passphrase) [options]

Reads the input folder, checks everything (columns and types, codes against geometry, periods,
duplicate keys, polygons, CPR numbers) and, only if there is no error, pseudonymises the
columns extract.json names, writes the tables as Parquet and the layers as GeoJSON (EPSG:4326),
and encrypts the extract with age. The output file appears only when all of that succeeded.

Options:
  --input <folder>                 input folder holding extract.json and the files it names (required)
  --out <file.bdx>                 extract to write (required)
  --recipient <age1…>              encrypt to this age public key (an analyst's); repeat for several
  --recipients-file <file>         read age public keys from a file, one per line ("#" starts a comment)
  --passphrase                     encrypt with a passphrase instead of recipients: taken from the
                                   environment variable BDX_PASSPHRASE, else asked for twice without
                                   echo (needs a terminal). At least ${MIN_PASSPHRASE_LENGTH} characters.
  --pseudonym-secret-file <file>   file holding the pseudonymisation secret; without it the secret is
                                   taken from the environment variable BDX_PSEUDONYM_SECRET. Needed only
                                   when extract.json lists columns under "pseudonymise".
  --report <file.json|file.txt>    also write the report to a file: JSON (data, both languages) when the
                                   name ends in .json, else text in the --lang language
  --lang da|en                     language of the printed report (default da)
  --force                          replace --out if it exists
  --help                           show this help

Secrets are never given on the command line, where other users can see them in the process list.
Age encrypts either to recipients or to a passphrase, not both.
`;

const HELP_VALIDATE = `Usage: npm run extract -- validate --input <folder> [--report <file>] [--lang da|en]

Reads and checks the input folder exactly as build does, prints the report and writes no extract.
Needs no secret.

Options:
  --input <folder>                 input folder holding extract.json (required)
  --report <file.json|file.txt>    also write the report to a file (.json: data; else text)
  --lang da|en                     language of the printed report (default da)
  --help                           show this help

Exit status: 0 when there is no error (warnings allowed), 1 when there are errors, 2 bad usage.
`;

const HELP_KEYGEN = `Usage: npm run extract -- keygen --out <identity file>

Creates an age X25519 identity for an analyst, writes it to a new file readable only by its owner
(mode 0600) and prints the public key (age1…), which the data team passes to build --recipient.
The analyst keeps the identity file; it never goes to the data team or into an extract.

Options:
  --out <file>   identity file to create; an existing file is never overwritten (required)
  --help         show this help
`;

class UsageError extends Error {}

function usage(message: string): never {
  throw new UsageError(message);
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(args: string[], options: ParseArgsOptionsConfig): Values {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean' } }, strict: true, allowPositionals: false }).values;
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
}

const text = (values: Values, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};
const texts = (values: Values, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
};
const flag = (values: Values, name: string): boolean => values[name] === true;

function language(value: unknown): Lang {
  if (value === undefined) return 'da';
  if (!isLang(value)) usage(`--lang must be "da" or "en", not "${String(value)}"`);
  return value;
}

async function writeReport(path: string | undefined, report: BuildReport, lang: Lang): Promise<void> {
  if (path === undefined) return;
  const content = path.toLowerCase().endsWith('.json') ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, lang);
  await writeFileAtomically(path, new TextEncoder().encode(content), { overwrite: true });
}

async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, { input: { type: 'string' }, report: { type: 'string' }, lang: { type: 'string' } });
  if (flag(values, 'help')) {
    io.stdout(HELP_VALIDATE);
    return EXIT_OK;
  }
  const lang = language(text(values, 'lang'));
  const input = text(values, 'input');
  if (input === undefined) usage('--input <folder> is required');
  const files = await readInputFolder(input).catch((err: Error) => usage(err.message));
  const report = await validateInput(files);
  io.stdout(formatReport(report, lang));
  await writeReport(text(values, 'report'), report, lang);
  return report.ok ? EXIT_OK : EXIT_BAD_INPUT;
}

async function passphraseFrom(io: CliIo): Promise<string> {
  let passphrase = io.env['BDX_PASSPHRASE'];
  if (passphrase === undefined || passphrase === '') {
    if (!io.interactive) {
      usage('--passphrase needs the passphrase in the environment variable BDX_PASSPHRASE when there is no terminal to ask on');
    }
    passphrase = await io.promptHidden('Passphrase for the extract: ');
    const again = await io.promptHidden('Repeat the passphrase: ');
    if (again !== passphrase) usage('the two passphrases differ');
  }
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) usage(`the passphrase is shorter than ${MIN_PASSPHRASE_LENGTH} characters`);
  return passphrase;
}

async function buildCommand(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    input: { type: 'string' },
    out: { type: 'string' },
    recipient: { type: 'string', multiple: true },
    'recipients-file': { type: 'string' },
    passphrase: { type: 'boolean' },
    'pseudonym-secret-file': { type: 'string' },
    report: { type: 'string' },
    lang: { type: 'string' },
    force: { type: 'boolean' },
  });
  if (flag(values, 'help')) {
    io.stdout(HELP_BUILD);
    return EXIT_OK;
  }
  const lang = language(text(values, 'lang'));
  const input = text(values, 'input');
  const out = text(values, 'out');
  if (input === undefined) usage('--input <folder> is required');
  if (out === undefined) usage('--out <file.bdx> is required');
  const recipients = texts(values, 'recipient');
  const recipientsFile = text(values, 'recipients-file');
  if (recipientsFile !== undefined) {
    recipients.push(...(await readRecipientsFile(recipientsFile).catch((err: Error) => usage(err.message))));
  }
  const wantsPassphrase = flag(values, 'passphrase');
  if (wantsPassphrase && recipients.length > 0) usage('give either --recipient or --passphrase: age encrypts to recipients or to a passphrase, not both');
  if (!wantsPassphrase && recipients.length === 0) usage('say whom the extract is for: --recipient <age1…> (repeatable) or --passphrase');
  for (const recipient of recipients) {
    try {
      new Encrypter().addRecipient(recipient);
    } catch (err) {
      usage(`"${recipient}" is not an age public key (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  if (!flag(values, 'force') && (await exists(out))) usage(`${out} exists; choose another --out or add --force`);
  const files = await readInputFolder(input).catch((err: Error) => usage(err.message));
  const secretFile = text(values, 'pseudonym-secret-file');
  const pseudonymSecret = secretFile !== undefined ? await readSecretFile(secretFile).catch((err: Error) => usage(err.message)) : (io.env['BDX_PSEUDONYM_SECRET'] ?? null);
  // Ask for the passphrase before the long part, so the run can be left alone afterwards.
  const passphrase = wantsPassphrase ? await passphraseFrom(io) : undefined;

  const result = await buildExtract(files, { created: io.now().toISOString(), pseudonymSecret, tool: 'npm run extract -- build' });
  io.stdout(formatReport(result.report, lang));
  await writeReport(text(values, 'report'), result.report, lang);
  if (!result.ok) {
    io.stderr(lang === 'da' ? `Intet udtræk skrevet: ${result.report.errors} fejl (se rapporten ovenfor).\n` : `No extract written: ${result.report.errors} error(s) (see the report above).\n`);
    return EXIT_BAD_INPUT;
  }
  const archive = buildArchive(result.contents);
  const encrypted = await encryptExtract(archive, passphrase !== undefined ? { passphrase } : { recipients });
  await writeFileAtomically(out, encrypted, { overwrite: flag(values, 'force') });
  const forWhom = passphrase !== undefined ? (lang === 'da' ? 'en adgangssætning' : 'a passphrase') : recipients.join(', ');
  io.stderr(lang === 'da' ? `Skrev ${out} (${(encrypted.length / 1e6).toFixed(1)} MB), krypteret til ${forWhom}.\n` : `Wrote ${out} (${(encrypted.length / 1e6).toFixed(1)} MB), encrypted to ${forWhom}.\n`);
  return EXIT_OK;
}

async function keygenCommand(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, { out: { type: 'string' } });
  if (flag(values, 'help')) {
    io.stdout(HELP_KEYGEN);
    return EXIT_OK;
  }
  const out = text(values, 'out');
  if (out === undefined) usage('--out <identity file> is required');
  if (await exists(out)) usage(`${out} exists; an identity is never overwritten`);
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const content = `# created: ${io.now().toISOString()}\n# public key: ${recipient}\n${identity}\n`;
  await writeNewPrivateFile(out, content).catch((err: Error) => usage(err.message));
  io.stderr(`Wrote the identity to ${out} (readable only by you). Keep it; give the public key below to the data team.\n`);
  io.stdout(`${recipient}\n`);
  return EXIT_OK;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'build':
        return await buildCommand(args, io);
      case 'validate':
        return await validateCommand(args, io);
      case 'keygen':
        return await keygenCommand(args, io);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(HELP_MAIN);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        usage(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`extract: ${err.message}\nSee "npm run extract -- ${command && ['build', 'validate', 'keygen'].includes(command) ? `${command} ` : ''}--help".\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}


if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2), processIo());
}
