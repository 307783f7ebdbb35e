/** The analyst's keys: list with public keys to hand the data team, create, import, delete. */
import { useEffect, useState, type FormEvent } from 'react';
import { KEY_ERROR_MESSAGES } from '../../../shared/i18n/messages';
import type { KeyProtection } from '../../../shared/keys/key-store';
import { useT } from '../../i18n/useT';
import { useKeysStore } from '../../stores/keys';
import { useViewStore } from '../../stores/view';

export function KeyErrorBox() {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const error = useKeysStore((s) => s.error);
  if (!error) return null;
  return (
    <div role="alert" className="error-box" data-testid="key-error" data-error-code={error}>
      <strong>{t('keyError')}</strong>
      <p>{KEY_ERROR_MESSAGES[language][error] ?? t('unexpectedError')}</p>
    </div>
  );
}

export function KeyManager() {
  const t = useT();
  const { keys, osKeystore, refresh, create, importFile, remove } = useKeysStore();
  const [label, setLabel] = useState('');
  const [protection, setProtection] = useState<KeyProtection>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [copiedId, setCopiedId] = useState<string | null>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (osKeystore) setProtection('os-keystore');
  }, [osKeystore]);

  const request = () => (protection === 'passphrase' ? { label, protection, passphrase } : { label, protection });
  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    if (await create(request())) {
      setLabel('');
      setPassphrase('');
    }
  };
  const copy = async (id: string, text: string) => {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    setCopiedId(id);
  };

  return (
    <section className="key-manager" aria-labelledby="keys-title" data-testid="key-manager">
      <h2 id="keys-title">{t('keysTitle')}</h2>
      <p className="hint">{t('keysIntro')}</p>
      {keys.length === 0 ? <p>{t('noKeys')}</p> : null}
      <ul className="key-list">
        {keys.map((key) => (
          <li key={key.id} data-testid="stored-key">
            <strong>{key.label}</strong>{' '}
            <span className="hint">({key.protection === 'os-keystore' ? t('protectionOs') : t('protectionPassphrase')})</span>
            <div className="public-key">
              <span className="hint">{t('publicKey')}:</span> <code data-testid="public-key">{key.recipient}</code>{' '}
              <button type="button" onClick={() => void copy(key.id, key.recipient)}>
                {copiedId === key.id ? t('copied') : t('copy')}
              </button>{' '}
              <button type="button" onClick={() => void remove(key.id)} aria-label={`${t('deleteKey')} ${key.label}`}>
                {t('deleteKey')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form className="key-form" onSubmit={(e) => void onCreate(e)}>
        <label>
          {t('keyLabel')}
          <input value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label>
          {t('keyProtection')}
          <select value={protection} onChange={(e) => setProtection(e.target.value as KeyProtection)}>
            {osKeystore ? <option value="os-keystore">{t('protectionOs')}</option> : null}
            <option value="passphrase">{t('protectionPassphrase')}</option>
          </select>
        </label>
        {protection === 'passphrase' ? (
          <label>
            {t('keyPassphrase')}
            <input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          </label>
        ) : null}
        <div className="actions">
          <button type="submit">{t('createKey')}</button>
          <button type="button" onClick={() => void importFile(request())}>
            {t('importKey')}
          </button>
        </div>
      </form>
      <KeyErrorBox />
    </section>
  );
}
