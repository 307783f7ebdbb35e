/** Step 1: choose the input folder (or its files), see what was chosen, validate it. */
import { useRef, type ChangeEvent } from 'react';
import { useT } from '../../i18n/useT';
import { useBuilderStore } from '../../stores/builder';
import { useViewStore } from '../../stores/view';
import { formatBytes } from './input';
import { fill, formatInteger } from './text';

/** React's types lack webkitdirectory; Chromium (and so Electron) supports it. */
const DIRECTORY_PICKER = { webkitdirectory: '' } as Record<string, string>;

export function InputStep() {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const { phase, files, folder, report, chooseFiles, validate } = useBuilderStore();
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const busy = phase === 'validating' || phase === 'building';

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = [...(event.target.files ?? [])];
    // Cleared so that choosing the same folder again (after fixing a file) fires again.
    event.target.value = '';
    if (picked.length > 0) chooseFiles(picked);
  };
  const total = files.reduce((sum, f) => sum + f.file.size, 0);

  return (
    <section className="builder-step" aria-labelledby="builder-input-title">
      <h2 id="builder-input-title">{t('builderInputTitle')}</h2>
      <p className="hint">{t('builderInputHint')}</p>
      <div className="actions">
        <button type="button" onClick={() => folderInput.current?.click()} disabled={busy}>
          {t('builderChooseFolder')}
        </button>
        <button type="button" onClick={() => filesInput.current?.click()} disabled={busy}>
          {t('builderChooseFiles')}
        </button>
        <input ref={folderInput} type="file" multiple hidden {...DIRECTORY_PICKER} onChange={onPick} data-testid="builder-folder-input" />
        <input ref={filesInput} type="file" multiple hidden onChange={onPick} data-testid="builder-files-input" />
      </div>
      {files.length > 0 ? (
        <>
          <table className="builder-files" data-testid="builder-files">
            <caption>
              {folder ? `${t('builderFolder')} ${folder}: ` : ''}
              {fill(t('builderFileCount'), { n: formatInteger(files.length, language), size: formatBytes(total, language) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('builderFile')}</th>
                <th scope="col" className="number">
                  {t('builderSize')}
                </th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.name}>
                  <td className="file-name">{f.name}</td>
                  <td className="number">{formatBytes(f.file.size, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void validate()} disabled={busy}>
              {report ? t('builderValidateAgain') : t('builderValidate')}
            </button>
          </div>
        </>
      ) : (
        <p>{t('builderNoFiles')}</p>
      )}
    </section>
  );
}
