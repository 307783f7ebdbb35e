/**
 * The export audit log: every export with time, user, extract, what, suppression settings
 * and the file's SHA-256, and whether the hash chain is intact.
 */
import { useEffect, useState } from 'react';
import type { AuditLogView } from '../../../shared/audit/log';
import { getHost } from '../../host';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';

export function AuditLogDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const [view, setView] = useState<AuditLogView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getHost()
      .readAuditLog()
      .then(setView, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="modal-backdrop">
      <div className="modal audit-log" role="dialog" aria-modal="true" aria-labelledby="audit-title" data-testid="audit-log">
        <h2 id="audit-title">{t('auditTitle')}</h2>
        {error ? <p className="error-box" role="alert">{error}</p> : null}
        {view ? (
          <>
            <p role="status" className={view.verification.ok ? 'audit-ok' : 'error-box'} data-testid="audit-verification">
              {view.verification.ok
                ? fill(t('auditIntact'), { count: view.verification.entries })
                : fill(t('auditBroken'), { line: view.verification.line, problem: view.verification.problem })}
            </p>
            {view.entries.length === 0 ? <p>{t('auditEmpty')}</p> : (
              <div className="audit-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('auditTime')}</th>
                      <th scope="col">{t('auditUser')}</th>
                      <th scope="col">{t('auditWhat')}</th>
                      <th scope="col">{t('auditSuppression')}</th>
                      <th scope="col">{t('auditFile')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.entries.map((e) => (
                      <tr key={e.seq} data-seq={e.seq}>
                        <td>{e.seq}</td>
                        <td>{new Date(e.time).toLocaleString()}</td>
                        <td>{e.user}</td>
                        <td>
                          <strong>{e.kind}</strong>: {e.description}
                          <div className="extract-id">{e.extractId}</div>
                        </td>
                        <td>{e.suppression}</td>
                        <td>
                          {e.fileName}
                          <div className="sha" title="SHA-256">{e.fileSha256}</div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ) : null}
        <button type="button" onClick={onClose} autoFocus>
          {t('dismiss')}
        </button>
      </div>
    </div>
  );
}
