/** On the start screen: open a briefing pack for meeting mode (its passphrase if encrypted). */
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/useT';
import { useMeetingStore } from '../../stores/meeting';
import { useViewStore } from '../../stores/view';

export function MeetingOpener() {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const { pending, problem, opening, submitPassphrase, cancel } = useMeetingStore();
  const [passphrase, setPassphrase] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submitPassphrase(passphrase);
  };
  return (
    <>
      {pending ? (
        <form className="passphrase-form" onSubmit={onSubmit} data-testid="meeting-passphrase">
          <label>
            {t('meetingPassphrase')} ({pending.name})
            <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus autoComplete="off" />
          </label>
          <div className="actions">
            <button className="primary" type="submit" disabled={opening}>
              {t('meetingOpenButton')}
            </button>
            <button type="button" onClick={cancel}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {opening ? <p role="status">{t('stageDecrypting')}</p> : null}
      {problem ? (
        <div role="alert" className="error-box" data-testid="meeting-problem">
          {problem[language]}
        </div>
      ) : null}
    </>
  );
}
