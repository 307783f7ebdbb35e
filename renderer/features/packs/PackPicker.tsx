/**
 * Choose the indicator pack: a shipped one, or the analyst's own JSON file. A file is
 * validated in full and checked against the open extract before it replaces the pack in
 * view; until then the current pack stays, and every problem is listed with the indicator
 * and the field it is in.
 */
import { useRef, type ChangeEvent } from 'react';
import { formatPackProblem } from '../../../shared/indicators/schema';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { usePacksStore } from '../../stores/packs';
import { useSessionStore } from '../../stores/session';
import { useViewStore } from '../../stores/view';

export function PackPicker() {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const { builtin, loaded, chosenId, readPackFile, all } = usePacksStore();
  const choosePack = useSessionStore((s) => s.choosePack);
  const computingPackId = useSessionStore((s) => s.computingPackId);
  const fileInput = useRef<HTMLInputElement>(null);

  const onChoose = (id: string) => {
    const pack = all().find((p) => p.id === id);
    if (pack) void choosePack(pack);
  };
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that loading the same file again (after fixing it) fires again.
    event.target.value = '';
    if (!file) return;
    const pack = await readPackFile(file);
    if (pack) await choosePack(pack);
  };

  return (
    <>
      <label>
        {t('packLabel')}
        <select value={chosenId} onChange={(e) => onChoose(e.target.value)} disabled={computingPackId !== null} data-testid="pack-select">
          <optgroup label={t('packsBuiltin')}>
            {builtin.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label[language]}
              </option>
            ))}
          </optgroup>
          {loaded.length > 0 ? (
            <optgroup label={t('packsLoaded')}>
              {loaded.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label[language]}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <button type="button" onClick={() => fileInput.current?.click()} disabled={computingPackId !== null}>
        {t('loadPack')}
      </button>
      <input ref={fileInput} type="file" accept=".json,application/json" hidden onChange={(e) => void onFile(e)} data-testid="pack-file-input" />
      {computingPackId !== null ? (
        <span role="status" className="pack-status" data-testid="pack-computing">
          {t('computingPack')}
        </span>
      ) : null}
    </>
  );
}

/** The problems of the last pack that could not be used (a file, or a pack that does not fit the extract). */
export function PackProblems() {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const problems = usePacksStore((s) => s.problems);
  const showProblems = usePacksStore((s) => s.showProblems);
  if (!problems) return null;
  return (
    <div className="error-box pack-problems" role="alert" data-testid="pack-problems">
      <p>{fill(t('packProblemsTitle'), { name: problems.source[language] })}</p>
      <ul>
        {problems.problems.map((p, i) => (
          <li key={i}>{formatPackProblem(p, language)}</li>
        ))}
      </ul>
      <p>{t('packProblemsKeep')}</p>
      <button type="button" onClick={() => showProblems(null)}>
        {t('dismiss')}
      </button>
    </div>
  );
}
