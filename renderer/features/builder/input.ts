/** Pure helpers of the builder screen: picked files, sizes, names, recipients, passphrases. */
import { Encrypter } from 'age-encryption';
import type { Language } from '../../../shared/i18n/messages';
import type { PickedFile } from './protocol';

/** Like the CLI's --passphrase. */
export const MIN_PASSPHRASE_LENGTH = 12;

/**
 * The file's path relative to the chosen folder: a folder pick gives "udtraek/geografi/x.zip",
 * whose first segment is the folder itself; a pick of single files has no path at all.
 */
export function relativeName(file: Pick<File, 'name' | 'webkitRelativePath'>): string {
  const path = file.webkitRelativePath.replaceAll('\\', '/');
  if (!path) return file.name;
  const slash = path.indexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** The top folder's name, for display; null when single files were picked. */
export function folderName(files: readonly File[]): string | null {
  const path = files[0]?.webkitRelativePath.replaceAll('\\', '/') ?? '';
  const slash = path.indexOf('/');
  return slash > 0 ? path.slice(0, slash) : null;
}

export function pickFiles(files: readonly File[]): PickedFile[] {
  const byName = new Map<string, PickedFile>();
  for (const file of files) byName.set(relativeName(file), { name: relativeName(file), file });
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

export function formatBytes(bytes: number, language: Language): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** "0999-2025-01-15.bdx": the municipality and the local date of the build. */
export function suggestedExtractName(municipalityCode: string, date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const safeCode = municipalityCode.replace(/[^0-9A-Za-z_-]/g, '') || 'udtraek';
  return `${safeCode}-${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}.bdx`;
}

/** An age X25519 public key: "age1" and 58 bech32 characters. */
const RECIPIENT_SHAPE = /^age1[02-9ac-hj-np-z]{58}$/;

/** Shape first (a clear rule to state), then the bech32 checksum, as age itself checks it. */
export function isRecipient(text: string): boolean {
  if (!RECIPIENT_SHAPE.test(text)) return false;
  try {
    new Encrypter().addRecipient(text);
    return true;
  } catch {
    return false;
  }
}

export interface ParsedRecipients {
  recipients: string[];
  /** 1-based line numbers of lines that are not public keys. */
  invalidLines: number[];
}

/** One key per line; blank lines and "#" comments allowed, as in a recipients file. */
export function parseRecipients(text: string): ParsedRecipients {
  const recipients: string[] = [];
  const invalidLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (!isRecipient(line)) invalidLines.push(index + 1);
    else if (!recipients.includes(line)) recipients.push(line);
  });
  return { recipients, invalidLines };
}

export type Strength = 'short' | 'weak' | 'fair' | 'strong';

/**
 * A rough hint, not a guarantee: length × log2(character pool), with repeated characters
 * counted at most twice so "aaaaaaaaaaaa" is not mistaken for twelve random letters.
 */
export function passphraseStrength(passphrase: string): Strength {
  const chars = [...passphrase];
  if (chars.length < MIN_PASSPHRASE_LENGTH) return 'short';
  let pool = 0;
  if (/[a-zæøå]/.test(passphrase)) pool += 29;
  if (/[A-ZÆØÅ]/.test(passphrase)) pool += 29;
  if (/\d/.test(passphrase)) pool += 10;
  if (/[^a-zæøåA-ZÆØÅ\d]/.test(passphrase)) pool += 33;
  const effective = Math.min(chars.length, new Set(chars).size * 2);
  const bits = effective * Math.log2(Math.max(pool, 2));
  return bits < 60 ? 'weak' : bits < 90 ? 'fair' : 'strong';
}
