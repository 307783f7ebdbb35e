/**
 * Step 3: whom the extract is for (a passphrase, or analysts' public keys) and the
 * pseudonymisation secret. Secrets live in this component's state only, and are cleared
 * the moment the build takes them.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { MIN_SECRET_LENGTH } from '../../../shared/builder';
import type { MessageKey } from '../../../shared/i18n/messages';
import { useT } from '../../i18n/useT';
import { useBuilderStore } from '../../stores/builder';
import { useKeysStore } from '../../stores/keys';
import { MIN_PASSPHRASE_LENGTH, parseRecipients, passphraseStrength, type Strength } from './input';
import { fill } from './text';

type Mode = 'passphrase' | 'recipients';

const STRENGTH_TEXT: Record<Strength, MessageKey> = {
  short: 'builderStrengthShort',
  weak: 'builderStrengthWeak',
  fair: 'builderStrengthFair',
  strong: 'builderStrengthStrong',
};

export function EncryptStep() {
  const t = useT();
  const ids = useId();
  const { phase, pseudonymise, build } = useBuilderStore();
  const { keys, refresh } = useKeysStore();
  const [mode, setMode] = useState<Mode>('recipients');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [recipientText, setRecipientText] = useState('');
  const [chosenKeys, setChosenKeys] = useState<string[]>([]);
  const [secret, setSecret] = useState('');
  const [tried, setTried] = useState(false);
  const building = phase === 'building';

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const typed = parseRecipients(recipientText);
  const stored = keys.filter((k) => chosenKeys.includes(k.id)).map((k) => k.recipient);
  const recipients = [...new Set([...typed.recipients, ...stored])];
  const strength = passphraseStrength(passphrase);

  const problems: string[] = [];
  if (mode === 'passphrase') {
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) problems.push(fill(t('builderPassphraseShort'), { n: MIN_PASSPHRASE_LENGTH }));
    else if (passphrase !== repeat) problems.push(t('builderPassphraseMismatch'));
  } else {
    if (typed.invalidLines.length > 0) problems.push(fill(t('builderRecipientInvalid'), { lines: typed.invalidLines.join(', ') }));
    else if (recipients.length === 0) problems.push(t('builderRecipientNone'));
  }
  const needsSecret = pseudonymise.length > 0;
  if (needsSecret && [...secret].length < MIN_SECRET_LENGTH) problems.push(fill(t('builderSecretShort'), { n: MIN_SECRET_LENGTH }));

  const clearSecrets = () => {
    setPassphrase('');
    setRepeat('');
    setSecret('');
    setTried(false);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.length > 0) return;
    const encryption = mode === 'passphrase' ? { passphrase } : { recipients };
    void build({ encryption, pseudonymSecret: needsSecret ? secret : null });
    clearSecrets();
  };
  const toggleKey = (id: string, on: boolean) => setChosenKeys((list) => (on ? [...list, id] : list.filter((k) => k !== id)));
  const invalid = (when: boolean) => (tried && when ? { 'aria-invalid': true as const, 'aria-describedby': `${ids}-problems` } : {});

  return (
    <form className="builder-step encrypt-form" aria-labelledby={`${ids}-title`} onSubmit={onSubmit} noValidate data-testid="builder-encrypt">
      <h2 id={`${ids}-title`}>{t('builderEncryptTitle')}</h2>
      <fieldset className="plain" disabled={building}>
        <fieldset className="choice">
          <legend>{t('builderEncryptHow')}</legend>
          <label>
            <input type="radio" name="mode" value="recipients" checked={mode === 'recipients'} onChange={() => setMode('recipients')} />
            {t('builderModeRecipients')}
          </label>
          <label>
            <input type="radio" name="mode" value="passphrase" checked={mode === 'passphrase'} onChange={() => setMode('passphrase')} />
            {t('builderModePassphrase')}
          </label>
        </fieldset>

        {mode === 'passphrase' ? (
          <div className="field-group">
            <label>
              {t('builderPassphrase')}
              <input
                type="password"
                autoComplete="new-password"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
                aria-describedby={`${ids}-strength`}
                {...invalid([...passphrase].length < MIN_PASSPHRASE_LENGTH)}
              />
            </label>
            <p id={`${ids}-strength`} className={`strength ${strength}`} aria-live="polite" data-testid="builder-strength">
              {passphrase ? `${t('builderStrength')}: ${t(STRENGTH_TEXT[strength])}` : fill(t('builderPassphraseHint'), { n: MIN_PASSPHRASE_LENGTH })}
            </p>
            <label>
              {t('builderPassphraseRepeat')}
              <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} {...invalid(passphrase !== repeat)} />
            </label>
          </div>
        ) : (
          <div className="field-group">
            <label>
              {t('builderRecipients')}
              <textarea
                rows={4}
                spellCheck={false}
                autoComplete="off"
                placeholder="age1…"
                value={recipientText}
                onChange={(e) => setRecipientText(e.target.value)}
                aria-describedby={`${ids}-recipients-hint`}
                {...invalid(typed.invalidLines.length > 0 || recipients.length === 0)}
              />
            </label>
            <p id={`${ids}-recipients-hint`} className="hint">
              {t('builderRecipientsHint')}
            </p>
            {keys.length > 0 ? (
              <fieldset className="choice">
                <legend>{t('builderStoredKeys')}</legend>
                {keys.map((key) => (
                  <label key={key.id} className="stored-key">
                    <input type="checkbox" checked={chosenKeys.includes(key.id)} onChange={(e) => toggleKey(key.id, e.target.checked)} />
                    <span>
                      {key.label} <code className="recipient">{key.recipient}</code>
                    </span>
                  </label>
                ))}
              </fieldset>
            ) : null}
            <p className="hint" aria-live="polite" data-testid="builder-recipient-count">
              {recipients.length > 0
                ? fill(t(recipients.length === 1 ? 'builderRecipientCountOne' : 'builderRecipientCount'), { n: recipients.length })
                : null}
            </p>
          </div>
        )}

        {needsSecret ? (
          <fieldset className="choice">
            <legend>{t('builderPseudonymTitle')}</legend>
            <p className="hint">{fill(t('builderPseudonymHint'), { columns: pseudonymise.join(', '), n: MIN_SECRET_LENGTH })}</p>
            <label>
              {t('builderSecret')}
              <input type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} {...invalid([...secret].length < MIN_SECRET_LENGTH)} />
            </label>
          </fieldset>
        ) : null}

        {tried && problems.length > 0 ? (
          <div role="alert" className="error-box" id={`${ids}-problems`} data-testid="builder-form-errors">
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary">
            {t('builderBuild')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
