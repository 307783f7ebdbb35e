/**
 * The audit log's file in the profile: JSON lines, opened for appending only, owner-only
 * permissions. Entries hold what was exported and the file's hash — never a data value.
 */
import { promises as fs } from 'node:fs';
import type { AuditStore } from '../../shared/audit/log';

export function fileAuditStore(file: string): AuditStore {
  return {
    async read() {
      try {
        return await fs.readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
        throw err;
      }
    },
    async append(line) {
      await fs.appendFile(file, line, { encoding: 'utf8', mode: 0o600, flag: 'a' });
    },
  };
}
