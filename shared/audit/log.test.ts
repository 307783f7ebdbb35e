import { describe, expect, it } from 'vitest';
import { AuditLog, GENESIS, nextEntry, parseAuditLog, serializeEntry, sha256Hex, verifyAuditLog, type AuditEntry } from './log';

const record = (n: number) => ({ kind: 'table-csv', description: `export ${n}`, extractId: '0999|Datateam|2025-01-01T00:00:00Z', suppression: 'min 5' });

async function log(count: number): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push(await nextEntry(entries.at(-1) ?? null, record(i), { name: `f${i}.csv`, sha256: await sha256Hex(new Uint8Array([i])) }, new Date(Date.UTC(2026, 0, 1, 0, i)), 'analytiker'));
  }
  return entries;
}
const text = (entries: AuditEntry[]) => entries.map(serializeEntry).join('');

describe('audit log', () => {
  it('hashes files with SHA-256', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('chains entries and verifies an untouched log', async () => {
    const entries = await log(4);
    expect(entries[0]!.prev).toBe(GENESIS);
    expect(entries[2]!.prev).toBe(entries[1]!.hash);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await verifyAuditLog(text(entries))).toEqual({ ok: true, entries: 4 });
    expect(await verifyAuditLog('')).toEqual({ ok: true, entries: 0 });
  });

  it('detects a changed entry, even with its own hash recomputed', async () => {
    const entries = await log(4);
    const changed = entries.map((e) => ({ ...e }));
    changed[1]!.description = 'something else';
    expect(await verifyAuditLog(text(changed))).toMatchObject({ ok: false, line: 2, problem: expect.stringContaining('changed after it was written') });
    // Rewriting entry 2 consistently breaks the link of entry 3.
    const forged = await nextEntry(entries[0]!, { ...record(1), description: 'forged' }, { name: 'f1.csv', sha256: entries[1]!.fileSha256 }, new Date(entries[1]!.time), 'analytiker');
    const relinked = [entries[0]!, forged, entries[2]!, entries[3]!];
    expect(await verifyAuditLog(text(relinked))).toMatchObject({ ok: false, line: 3, problem: expect.stringContaining('does not link') });
  });

  it('detects removed, reordered and garbled entries', async () => {
    const entries = await log(4);
    expect(await verifyAuditLog(text([entries[0]!, entries[2]!, entries[3]!]))).toMatchObject({ ok: false, line: 2 });
    expect(await verifyAuditLog(text([entries[1]!, entries[0]!]))).toMatchObject({ ok: false, line: 1 });
    expect(await verifyAuditLog(`${text(entries)}not json\n`)).toMatchObject({ ok: false, line: 5, problem: 'line 5 is not an audit entry' });
    expect(parseAuditLog(`${text(entries.slice(0, 2))}{"seq":3}\n`).badLine).toBe(3);
  });
});

describe('AuditLog', () => {
  const memory = () => {
    let text = '';
    return { store: { read: async () => text, append: async (line: string) => void (text += line) }, get: () => text, set: (t: string) => void (text = t) };
  };

  it('appends entries in order even when calls overlap, and reads them back verified', async () => {
    const m = memory();
    const audit = new AuditLog(m.store, 'analytiker', () => new Date(Date.UTC(2026, 11, 5)));
    const written = await Promise.all([0, 1, 2].map((i) => audit.append(record(i), { name: `f${i}`, sha256: 'a'.repeat(64) })));
    expect(written.map((e) => e.seq)).toEqual([1, 2, 3]);
    const view = await audit.view();
    expect(view.verification).toEqual({ ok: true, entries: 3 });
    expect(view.entries.map((e) => e.description)).toEqual(['export 0', 'export 1', 'export 2']);
    expect(view.entries[0]!.user).toBe('analytiker');
  });

  it('refuses to append to a damaged log', async () => {
    const m = memory();
    const audit = new AuditLog(m.store, 'a');
    await audit.append(record(0), { name: 'f', sha256: 'b'.repeat(64) });
    m.set(m.get().replace('export 0', 'export X'));
    await expect(audit.append(record(1), { name: 'g', sha256: 'c'.repeat(64) })).rejects.toThrow(/audit log is damaged/);
    expect((await audit.view()).verification.ok).toBe(false);
  });
});
