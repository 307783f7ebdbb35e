import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Decrypter } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { unpackExtract } from '../../shared/extract/unpack';
import { PERSONS_CSV, testFolder } from '../../shared/builder/testing/fixtures';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, runCli, type CliIo } from './cli';
import { writeInputFolder } from './synthetic-input';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { env?: Record<string, string>; interactive?: boolean; answers?: string[] } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const answers = [...(options.answers ?? [])];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: options.env ?? {},
    interactive: options.interactive ?? false,
    promptHidden: async () => answers.shift() ?? '',
    now: () => new Date('2025-01-15T12:00:00Z'),
  };
  const code = await runCli(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

let dir: string;
let good: string;
let bad: string;
const PASSPHRASE = 'correct horse battery staple';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bdm-cli-'));
  good = join(dir, 'good');
  bad = join(dir, 'bad');
  await writeInputFolder(good, testFolder());
  await writeInputFolder(bad, testFolder({ 'persons.csv': PERSONS_CSV.replace(';0101;34', ';0199;34') }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('help', () => {
  it.each([
    ['build', ['--input', '--out', '--recipient', '--recipients-file', '--passphrase', '--pseudonym-secret-file', '--report', '--lang', '--force', '--help', 'BDX_PASSPHRASE', 'BDX_PSEUDONYM_SECRET']],
    ['validate', ['--input', '--report', '--lang', '--help']],
    ['keygen', ['--out', '--help', '0600']],
  ])('documents every option of %s', async (command, options) => {
    const r = await run([command, '--help']);
    expect(r.code).toBe(EXIT_OK);
    for (const option of options) expect(r.stdout).toContain(option);
  });

  it('lists the commands', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/build[\s\S]*validate[\s\S]*keygen/);
  });
});

describe('bad usage exits 2 and says what to do', () => {
  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['build', '--input', 'x'], '--out <file.bdx> is required'],
    [['build', '--input', 'x', '--out', 'y.bdx'], 'say whom the extract is for'],
    [['build', '--input', 'x', '--out', 'y.bdx', '--passphrase', '--recipient', 'age1abc'], 'not both'],
    [['build', '--input', 'x', '--out', 'y.bdx', '--recipient', 'age1abc'], '"age1abc" is not an age public key'],
    [['build', '--passphrase=hunter2'], "Option '--passphrase' does not take an argument"],
    [['validate', '--input', '/nonexistent/folder'], 'does not exist'],
    [['validate', '--input', '.', '--lang', 'de'], '--lang must be "da" or "en"'],
    [['keygen'], '--out <identity file> is required'],
  ])('%j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('--help');
  });

  it('refuses --passphrase without BDX_PASSPHRASE when there is no terminal to ask on', async () => {
    const out = join(dir, 'no-tty.bdx');
    const r = await run(['build', '--input', good, '--out', out, '--passphrase']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain('BDX_PASSPHRASE');
    await expect(stat(out)).rejects.toThrow();
  });

  it('refuses a short passphrase and two that differ', async () => {
    expect((await run(['build', '--input', good, '--out', join(dir, 'x.bdx'), '--passphrase'], { env: { BDX_PASSPHRASE: 'short' } })).stderr).toContain('shorter than 12');
    const r = await run(['build', '--input', good, '--out', join(dir, 'x.bdx'), '--passphrase'], { interactive: true, answers: [PASSPHRASE, `${PASSPHRASE}!`] });
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain('the two passphrases differ');
  });
});

describe('validate', () => {
  it('exits 0 on good input and 1 on bad input, printing problem and fix', async () => {
    expect((await run(['validate', '--input', good])).code).toBe(EXIT_OK);
    const r = await run(['validate', '--input', bad]);
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stdout).toContain('FEJL · tabel persons · fil persons.csv · kolonne district_id · række 2');
    expect(r.stdout).toContain('Koder uden geometri i laget «basisdistrikt»: "0199".');
    expect(r.stdout).toContain('Sådan retter du: Ret koderne i tabellen');
    const en = await run(['validate', '--input', bad, '--lang', 'en']);
    expect(en.stdout).toContain('ERROR · table persons · file persons.csv · column district_id · row 2');
  });
});

describe('build', () => {
  it('writes nothing when validation fails, but writes the report', async () => {
    const out = join(dir, 'failed.bdx');
    const report = join(dir, 'failed-report.json');
    const r = await run(['build', '--input', bad, '--out', out, '--passphrase', '--report', report], { env: { BDX_PASSPHRASE: PASSPHRASE } });
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stderr).toContain('Intet udtræk skrevet');
    await expect(stat(out)).rejects.toThrow();
    expect((await readdir(dir)).filter((f) => f.includes('failed') && f.endsWith('.bdx'))).toEqual([]);
    expect((await readdir(dir)).some((f) => f.endsWith('.partial'))).toBe(false);
    const json = JSON.parse(await readFile(report, 'utf8')) as { ok: boolean; problems: { code: string; message: { da: string; en: string } }[] };
    expect(json.ok).toBe(false);
    expect(json.problems[0]).toMatchObject({ code: 'area-code-unknown' });
    expect(json.problems[0]!.message.en).toContain('Codes without geometry');
  });

  it('encrypts to a passphrase from BDX_PASSPHRASE, and refuses to overwrite without --force', async () => {
    const out = join(dir, 'passphrase.bdx');
    const r = await run(['build', '--input', good, '--out', out, '--passphrase', '--report', join(dir, 'report.txt')], { env: { BDX_PASSPHRASE: PASSPHRASE } });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stderr).toContain('krypteret til en adgangssætning');
    const decrypted = await decryptAgeInMemory(await readFile(out), { kind: 'passphrase', passphrase: PASSPHRASE });
    if (!decrypted.ok) throw new Error(decrypted.error.code);
    const extract = unpackExtract(decrypted.plaintext);
    expect(extract.manifest).toMatchObject({ formatVersion: '1.0', created: '2025-01-15T12:00:00.000Z', municipality: { code: '0999' } });
    expect([...extract.layers.keys()]).toEqual(['basisdistrikt', 'bydel']);
    expect(await readFile(join(dir, 'report.txt'), 'utf8')).toContain('Udtrækket er bygget.');
    const again = await run(['build', '--input', good, '--out', out, '--passphrase'], { env: { BDX_PASSPHRASE: PASSPHRASE } });
    expect(again.code).toBe(EXIT_USAGE);
    expect(again.stderr).toContain('add --force');
    expect((await run(['build', '--input', good, '--out', out, '--passphrase', '--force'], { env: { BDX_PASSPHRASE: PASSPHRASE } })).code).toBe(EXIT_OK);
  });

  it('asks for the passphrase twice on a terminal', async () => {
    const out = join(dir, 'prompted.bdx');
    const r = await run(['build', '--input', good, '--out', out, '--passphrase'], { interactive: true, answers: [PASSPHRASE, PASSPHRASE] });
    expect(r.code).toBe(EXIT_OK);
    expect((await decryptAgeInMemory(await readFile(out), { kind: 'passphrase', passphrase: PASSPHRASE })).ok).toBe(true);
  });

  it('encrypts to recipients made by keygen (mode 0600), each of whom can decrypt', async () => {
    const keys = [join(dir, 'anna.key'), join(dir, 'bo.key')];
    const recipients: string[] = [];
    for (const key of keys) {
      const k = await run(['keygen', '--out', key]);
      expect(k.code).toBe(EXIT_OK);
      expect((await stat(key)).mode & 0o777).toBe(0o600);
      recipients.push(k.stdout.trim());
      expect(k.stdout.trim()).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
    }
    expect((await run(['keygen', '--out', keys[0]!])).code).toBe(EXIT_USAGE);
    const recipientsFile = join(dir, 'recipients.txt');
    await writeFile(recipientsFile, `# Bo, analyst\n${recipients[1]}\n`);
    const out = join(dir, 'recipients.bdx');
    const r = await run(['build', '--input', good, '--out', out, '--recipient', recipients[0]!, '--recipients-file', recipientsFile, '--lang', 'en']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stderr).toContain(`encrypted to ${recipients[0]}, ${recipients[1]}`);
    for (const key of keys) {
      const identity = (await readFile(key, 'utf8')).split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
      const decrypter = new Decrypter();
      decrypter.addIdentity(identity);
      const extract = unpackExtract(await decrypter.decrypt(await readFile(out)));
      expect(extract.tables.has('persons')).toBe(true);
    }
  });

  it('takes the pseudonymisation secret from a file or BDX_PSEUDONYM_SECRET, never from the command line', async () => {
    const folder = join(dir, 'pseudo');
    const spec = JSON.parse(new TextDecoder().decode(testFolder().find((f) => f.name === 'extract.json')!.bytes)) as Record<string, unknown>;
    await writeInputFolder(folder, testFolder({ 'extract.json': { ...spec, pseudonymise: ['person_id'] } }));
    const out = join(dir, 'pseudo.bdx');
    const env = { BDX_PASSPHRASE: PASSPHRASE };
    const missing = await run(['build', '--input', folder, '--out', out, '--passphrase'], { env });
    expect(missing.code).toBe(EXIT_BAD_INPUT);
    expect(missing.stdout).toContain('BDX_PSEUDONYM_SECRET');
    const secretFile = join(dir, 'secret.txt');
    await writeFile(secretFile, 'a-long-team-secret-kept-offline\n');
    const fromFile = await run(['build', '--input', folder, '--out', out, '--passphrase', '--pseudonym-secret-file', secretFile], { env });
    expect(fromFile.code).toBe(EXIT_OK);
    const fromEnv = await run(['build', '--input', folder, '--out', join(dir, 'pseudo2.bdx'), '--passphrase'], { env: { ...env, BDX_PSEUDONYM_SECRET: 'a-long-team-secret-kept-offline' } });
    expect(fromEnv.code).toBe(EXIT_OK);
    // Same secret, same pseudonyms: the two extracts hold identical tables.
    const open = async (file: string) => {
      const d = await decryptAgeInMemory(await readFile(file), { kind: 'passphrase', passphrase: PASSPHRASE });
      if (!d.ok) throw new Error(d.error.code);
      return unpackExtract(d.plaintext).tables.get('persons');
    };
    expect(await open(out)).toEqual(await open(join(dir, 'pseudo2.bdx')));
    expect((await run(['build', '--pseudonym-secret', 'x'])).code).toBe(EXIT_USAGE);
  });
});

describe('as a process', () => {
  const exec = promisify(execFile);
  const cli = (args: string[]) =>
    exec(process.execPath, ['--import', 'tsx', 'scripts/extract/cli.ts', ...args], { env: { ...process.env, BDX_PASSPHRASE: '' } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('exits 0, 1 and 2', async () => {
    expect((await cli(['validate', '--help'])).code).toBe(0);
    expect((await cli(['validate', '--input', good])).code).toBe(0);
    const failed = await cli(['validate', '--input', bad]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Koder uden geometri');
    expect((await cli(['build', '--bogus'])).code).toBe(2);
  }, 60_000);
});
