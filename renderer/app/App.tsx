import { useEffect, useState } from 'react';
import { AuditLogDialog } from '../features/audit/AuditLogDialog';
import { MeetingMode } from '../features/meeting/MeetingMode';
import { useMeetingStore } from '../stores/meeting';
import { BuilderScreen } from '../features/builder/BuilderScreen';
import { OpenPanel } from '../features/open/OpenPanel';
import { useT } from '../i18n/useT';
import { useBuilderStore } from '../stores/builder';
import { useSessionStore } from '../stores/session';
import { useViewStore } from '../stores/view';
import { Workspace } from './Workspace';
import { ErrorBoundary } from './ErrorBoundary';
import { LockControls, useIdleLock } from '../features/lock/IdleLock';

function Header() {
  const t = useT();
  const current = useSessionStore((s) => s.current);
  const startOpening = useSessionStore((s) => s.startOpening);
  const closeExtract = useSessionStore((s) => s.closeExtract);
  const { language, setLanguage } = useViewStore();
  const building = useBuilderStore((s) => s.open);
  const [auditOpen, setAuditOpen] = useState(false);
  return (
    <header className="app-header">
      <span className="app-name">{t('appName')}</span>
      {/* While the builder is open, the extract's own buttons would act out of sight. */}
      {current && !building ? (
        <>
          <span className="municipality" data-testid="municipality-name">
            {current.manifest.municipality.name}
          </span>
          {current.manifest.synthetic ? <span className="badge">{t('syntheticBadge')}</span> : null}
          <button onClick={startOpening}>{t('openOther')}</button>
          <button onClick={closeExtract}>{t('closeExtract')}</button>
          <LockControls />
        </>
      ) : null}
      <button type="button" className="audit-button" onClick={() => setAuditOpen(true)} data-testid="open-audit-log">
        {t('auditOpen')}
      </button>
      {auditOpen ? <AuditLogDialog onClose={() => setAuditOpen(false)} /> : null}
      <label className="language">
        {t('language')}
        <select value={language} onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'da')}>
          <option value="da">Dansk</option>
          <option value="en">English</option>
        </select>
      </label>
    </header>
  );
}

export function App() {
  const briefing = useMeetingStore((s) => s.briefing);
  const current = useSessionStore((s) => s.current);
  const opening = useSessionStore((s) => s.opening);
  const language = useViewStore((s) => s.language);
  const building = useBuilderStore((s) => s.open);
  useIdleLock();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  // A meeting shows the briefing alone: nothing of an open extract is on screen.
  if (briefing) return <MeetingMode briefing={briefing} />;
  return (
    <>
      <Header />
      <main>
        {building ? (
          <div className="builder-screen">
            <BuilderScreen />
          </div>
        ) : null}
        {!building && opening ? (
          <div className={current ? 'modal-backdrop' : 'start-screen'}>
            <div className={current ? 'modal' : undefined} role={current ? 'dialog' : undefined} aria-modal={current ? true : undefined}>
              <OpenPanel />
            </div>
          </div>
        ) : null}
        {!building && current ? (
          <ErrorBoundary language={language} key={current.handle.id}>
            <Workspace extract={current} />
          </ErrorBoundary>
        ) : null}
      </main>
    </>
  );
}
