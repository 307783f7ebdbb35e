/** Start screen content: choose demo or file, enter the passphrase, follow progress. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DEMO_PASSPHRASE } from '../../../shared/extract/demo';
import type { LoadStage } from '../../engine/open-extract';
import { useExtractErrorMessage, useT } from '../../i18n/useT';
import { fill } from '../../i18n/fill';
import { useSessionStore } from '../../stores/session';
import type { MessageKey } from '../../../shared/i18n/messages';
import type { ExtractErrorInfo } from '../../../shared/extract/errors';
import { useBuilderStore } from '../../stores/builder';
import { useKeysStore } from '../../stores/keys';
import { KeyErrorBox, KeyManager } from '../keys/KeyManager';
import { MeetingOpener } from '../meeting/MeetingOpener';
import { useMeetingStore } from '../../stores/meeting';

const STAGES: { stage: LoadStage; label: MessageKey }[] = [
  { stage: 'decrypting', label: 'stageDecrypting' },
  { stage: 'unpacking', label: 'stageUnpacking' },
  { stage: 'loading', label: 'stageLoading' },
  { stage: 'computing', label: 'stageComputing' },
];

function ErrorBox({ error }: { error: ExtractErrorInfo }) {
  const t = useT();
  const message = useExtractErrorMessage();
  const hasCurrent = useSessionStore((s) => s.current !== null);
  return (
    <div role="alert" className="error-box" data-testid="open-error" data-error-code={error.code}>
      <strong>{t('errorTitle')}</strong>
      <p>{message(error)}</p>
      {error.detail ? <p className="error-detail">{error.detail}</p> : null}
      {hasCurrent ? <p>{t('previousStillOpen')}</p> : null}
    </div>
  );
}

/** Asks for what opens this extract: its passphrase, or one of the analyst's stored keys. */
function SecretForm() {
  const t = useT();
  const opening = useSessionStore((s) => s.opening);
  const submit = useSessionStore((s) => s.submitSecret);
  const cancel = useSessionStore((s) => s.cancelOpening);
  const { keys, refresh } = useKeysStore();
  const [passphrase, setPassphrase] = useState('');
  const [keyId, setKeyId] = useState('');
  const [keyPassphrase, setKeyPassphrase] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const error = opening?.phase === 'passphrase' ? opening.error : undefined;
  const forKeys = opening?.phase === 'passphrase' && opening.handle.encryption === 'recipients';

  useEffect(() => {
    if (forKeys) void refresh();
  }, [forKeys, refresh]);
  useEffect(() => {
    if (!keys.some((k) => k.id === keyId)) setKeyId(keys[0]?.id ?? '');
  }, [keys, keyId]);
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [error]);

  if (opening?.phase !== 'passphrase') return null;
  const selectedKey = keys.find((k) => k.id === keyId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!forKeys) return void submit({ kind: 'passphrase', passphrase });
    if (!selectedKey) return;
    void submit(
      selectedKey.protection === 'passphrase'
        ? { kind: 'stored-key', keyId: selectedKey.id, keyPassphrase }
        : { kind: 'stored-key', keyId: selectedKey.id },
    );
  };
  const locked = opening.locked;
  return (
    <form className="passphrase-form" onSubmit={onSubmit}>
      {locked ? (
        <p role="status" className={locked.kind === 'closed-engine' ? 'error-box' : 'lock-notice'} data-testid="lock-notice" data-lock-reason={locked.kind}>
          {locked.kind === 'idle' ? fill(t('lockedIdle'), { minutes: locked.minutes }) : locked.kind === 'manual' ? t('lockedManual') : locked.kind === 'system' ? t('lockedSystem') : fill(t('lockedEngine'), { detail: locked.detail })}
        </p>
      ) : null}
      {forKeys ? (
        <>
          <p>
            <span className="file-name">{opening.handle.name}</span>: {keys.length > 0 ? t('extractForKeys') : t('extractForKeysNoKeys')}
          </p>
          {keys.length > 0 ? (
            <label>
              {t('chooseKey')}
              <select value={keyId} onChange={(e) => setKeyId(e.target.value)} data-testid="key-select">
                {keys.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {selectedKey?.protection === 'passphrase' ? (
            <label>
              {t('keyPassphrase')}
              <input
                ref={inputRef}
                type="password"
                autoComplete="off"
                value={keyPassphrase}
                onChange={(e) => setKeyPassphrase(e.target.value)}
              />
            </label>
          ) : null}
        </>
      ) : (
        <>
          <label htmlFor="passphrase">
            {t('passphraseFor')} <span className="file-name">{opening.handle.name}</span>
          </label>
          <input
            id="passphrase"
            ref={inputRef}
            type="password"
            autoComplete="off"
            aria-label={t('passphrase')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            aria-invalid={error?.code === 'wrong-secret'}
          />
        </>
      )}
      {opening.handle.origin === 'demo' ? (
        <p className="demo-notice">
          {t('demoNotice')} <code data-testid="demo-passphrase">{DEMO_PASSPHRASE}</code>
        </p>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={forKeys && !selectedKey}>
          {t('unlock')}
        </button>
        <button type="button" onClick={cancel}>{t('cancel')}</button>
      </div>
      {forKeys && keys.length === 0 ? <KeyManager /> : <KeyErrorBox />}
    </form>
  );
}

function Progress({ stage }: { stage: LoadStage }) {
  const t = useT();
  const index = STAGES.findIndex((s) => s.stage === stage);
  return (
    <div className="progress" role="status" aria-live="polite" data-testid="open-progress">
      <h2>{t('loadingTitle')}</h2>
      <ol>
        {STAGES.map((s, i) => (
          <li key={s.stage} className={i < index ? 'done' : i === index ? 'active' : 'pending'}>
            {i < index ? '✓ ' : i === index ? '… ' : ''}
            {t(s.label)}
          </li>
        ))}
      </ol>
      <progress max={STAGES.length} value={index + 0.5} />
    </div>
  );
}

export function OpenPanel() {
  const t = useT();
  const opening = useSessionStore((s) => s.opening);
  const chooseDemo = useSessionStore((s) => s.chooseDemo);
  const chooseFile = useSessionStore((s) => s.chooseFile);
  const hasCurrent = useSessionStore((s) => s.current !== null);
  const cancel = useSessionStore((s) => s.cancelOpening);
  const openBuilder = useBuilderStore((s) => s.show);
  const chooseBriefing = useMeetingStore((s) => s.chooseFile);
  if (!opening) return null;
  return (
    <section className="open-panel" aria-labelledby="open-title">
      <h1 id="open-title">{t('appName')}</h1>
      <p className="tagline">{t('tagline')}</p>
      {opening.phase === 'choosing' ? (
        <>
          <div className="actions">
            <button className="primary" onClick={() => void chooseDemo()} autoFocus>
              {t('openDemo')}
            </button>
            <button onClick={() => void chooseFile()}>{t('openFile')}</button>
            <button onClick={openBuilder}>{t('builderOpen')}</button>
            <button onClick={() => void chooseBriefing()} data-testid="open-briefing">
              {t('meetingOpen')}
            </button>
            {hasCurrent ? <button onClick={cancel}>{t('cancel')}</button> : null}
          </div>
          <MeetingOpener />
          <p className="demo-notice">
            {t('demoNotice')} <code>{DEMO_PASSPHRASE}</code>
          </p>
          {opening.error ? <ErrorBox error={opening.error} /> : null}
          <KeyManager />
        </>
      ) : null}
      {opening.phase === 'passphrase' ? <SecretForm key={opening.handle.id} /> : null}
      {opening.phase === 'loading' ? <Progress stage={opening.stage} /> : null}
    </section>
  );
}
