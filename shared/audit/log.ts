/**
 * The export audit log: one entry per export, each holding the SHA-256 of the previous
 * entry, so that changing, removing or reordering any entry breaks the chain from there
 * on. Stored as JSON lines and only ever appended to (by the main process, or by the
 * browser host in its storage). Pure: hashing uses Web Crypto, which Node and browsers
 * both have.
 */

/** What the renderer says about an export; the host adds file, hash, time and user. */
export interface ExportAudit {
  /** e.g. 'table-csv', 'table-xlsx', 'map-png', 'report-pdf', 'briefing'. */
  kind: string;
  /** What was exported, in words (indicator, layer, period, areas). */
  description: string;
  /** Which extract the figures come from (municipality, producer, created). */
  extractId: string;
  /** The disclosure settings in force (minimum cell size, rounding, …), as stated. */
  suppression: string;
}

export interface AuditEntry extends ExportAudit {
  seq: number;
  /** ISO 8601 time of the export. */
  time: string;
  user: string;
  fileName: string;
  fileSha256: string;
  /** Hash of the previous entry (64 zeros for the first). */
  prev: string;
  /** SHA-256 over this entry's fields (all but `hash`), in a fixed order. */
  hash: string;
}

export const GENESIS = '0'.repeat(64);

const FIELDS = ['seq', 'time', 'user', 'kind', 'description', 'extractId', 'suppression', 'fileName', 'fileSha256', 'prev'] as const;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hashed text: the fields as a JSON array in FIELDS order (no key-order ambiguity). */
function canonical(entry: Omit<AuditEntry, 'hash'>): string {
  return JSON.stringify(FIELDS.map((f) => entry[f]));
}

export async function entryHash(entry: Omit<AuditEntry, 'hash'>): Promise<string> {
  return sha256Hex(new TextEncoder().encode(canonical(entry)));
}

/** The next entry after `last` (null: the log is empty). */
export async function nextEntry(
  last: AuditEntry | null,
  record: ExportAudit,
  file: { name: string; sha256: string },
  time: Date,
  user: string,
): Promise<AuditEntry> {
  const body: Omit<AuditEntry, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    time: time.toISOString(),
    user,
    kind: record.kind,
    description: record.description,
    extractId: record.extractId,
    suppression: record.suppression,
    fileName: file.name,
    fileSha256: file.sha256,
    prev: last?.hash ?? GENESIS,
  };
  return { ...body, hash: await entryHash(body) };
}

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; line: number; problem: string };

function isEntry(value: unknown): value is AuditEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['seq'] === 'number' && typeof v['hash'] === 'string' && FIELDS.every((f) => f in v);
}

/** Parses a log's JSON lines; a line that is not an entry is reported, not skipped. */
export function parseAuditLog(text: string): { entries: AuditEntry[]; badLine: number | null } {
  const entries: AuditEntry[] = [];
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  for (let i = 0; i < lines.length; i++) {
    try {
      const value: unknown = JSON.parse(lines[i]!);
      if (!isEntry(value)) return { entries, badLine: i + 1 };
      entries.push(value);
    } catch {
      return { entries, badLine: i + 1 };
    }
  }
  return { entries, badLine: null };
}

export function serializeEntry(entry: AuditEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** Checks numbering, links and hashes from the first entry to the last. */
export async function verifyAuditLog(text: string): Promise<AuditVerification> {
  const { entries, badLine } = parseAuditLog(text);
  let prev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const line = i + 1;
    if (entry.seq !== line) return { ok: false, entries: entries.length, line, problem: `entry ${line} has number ${entry.seq}: an entry was removed or reordered` };
    if (entry.prev !== prev) return { ok: false, entries: entries.length, line, problem: `entry ${line} does not link to the entry before it: an entry was changed, removed or inserted` };
    const { hash, ...body } = entry;
    if ((await entryHash(body)) !== hash) return { ok: false, entries: entries.length, line, problem: `entry ${line} was changed after it was written` };
    prev = hash;
  }
  if (badLine !== null) return { ok: false, entries: entries.length, line: badLine, problem: `line ${badLine} is not an audit entry` };
  return { ok: true, entries: entries.length };
}

/** Where a log's text lives: a file the main process appends to, or browser storage. */
export interface AuditStore {
  read(): Promise<string>;
  append(line: string): Promise<void>;
}

export interface AuditLogView {
  entries: AuditEntry[];
  verification: AuditVerification;
}

/** Appends entries one at a time (calls are queued) and reads the log back verified. */
export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: AuditStore,
    private readonly user: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  append(record: ExportAudit, file: { name: string; sha256: string }): Promise<AuditEntry> {
    const run = this.queue.then(async () => {
      const text = await this.store.read();
      const verification = await verifyAuditLog(text);
      // Appending to a broken chain would bury the damage: refuse, and say where it is.
      if (!verification.ok) throw new Error(`the audit log is damaged (${verification.problem}); exports are stopped until it is looked at`);
      const { entries } = parseAuditLog(text);
      const entry = await nextEntry(entries.at(-1) ?? null, record, file, this.now(), this.user);
      await this.store.append(serializeEntry(entry));
      return entry;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async view(): Promise<AuditLogView> {
    const text = await this.store.read();
    return { entries: parseAuditLog(text).entries, verification: await verifyAuditLog(text) };
  }
}
