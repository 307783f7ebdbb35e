/**
 * The extract builder for the data team: choose the input folder, validate it, read the
 * report, then (only without errors) encrypt, build and save. Everything runs on this
 * machine, in a worker; the same code as `npm run extract`.
 */
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/useT';
import { useBuilderStore, type BuildProgress } from '../../stores/builder';
import { useViewStore } from '../../stores/view';
import { EncryptStep } from './EncryptStep';
import { formatBytes } from './input';
import { InputStep } from './InputStep';
import { ReportView } from './ReportView';
import { fill, stepLabel } from './text';

function Progress({ progress, building }: { progress: BuildProgress; building: boolean }) {
  const t = useT();
  const label = stepLabel(progress.step, t);
  const box = useRef<HTMLDivElement>(null);
  // The build starts from a button at the foot of a long page: bring its progress into view.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <div ref={box} className="builder-step progress" role="status" aria-live="polite" data-testid="builder-progress">
      <h2>{building ? t('builderBuilding') : t('builderValidating')}</h2>
      <p>{label} …</p>
      <progress max={progress.total} value={progress.done} aria-label={label} />
    </div>
  );
}

function Result() {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const { built, saveExtract, hide } = useBuilderStore();
  const again = useBuilderStore((s) => s.buildAgain);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  if (!built) return null;
  return (
    <section className="builder-step result" aria-labelledby="builder-result-title" data-testid="builder-result">
      <h2 id="builder-result-title" ref={heading} tabIndex={-1}>
        {built.savedAs ? t('builderSaved') : t('builderBuiltNotSaved')}
      </h2>
      <dl className="report-facts">
        <div>
          <dt>{t('builderFile')}</dt>
          <dd className="file-name" data-testid="builder-result-name">
            {built.savedAs ?? built.name}
          </dd>
        </div>
        <div>
          <dt>{t('builderSize')}</dt>
          <dd>{formatBytes(built.size, language)}</dd>
        </div>
        <div>
          <dt>{t('builderEncryptedFor')}</dt>
          <dd>
            {built.encryption === 'passphrase'
              ? t('builderEncryptedPassphrase')
              : fill(t(built.recipientCount === 1 ? 'builderEncryptedKeyOne' : 'builderEncryptedKeys'), { n: built.recipientCount })}
          </dd>
        </div>
      </dl>
      <p className="reminder">{built.encryption === 'passphrase' ? t('builderReminderPassphrase') : t('builderReminderRecipients')}</p>
      <div className="actions">
        {built.savedAs ? null : (
          <button type="button" className="primary" onClick={() => void saveExtract()}>
            {t('builderSaveExtract')}
          </button>
        )}
        <button type="button" onClick={again}>
          {t('builderBuildAgain')}
        </button>
        <button type="button" onClick={hide}>
          {t('builderDone')}
        </button>
      </div>
    </section>
  );
}

export function BuilderScreen() {
  const t = useT();
  const { phase, report, progress, failure, hide } = useBuilderStore();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const showReport = report !== null && phase !== 'validating';
  return (
    <section className="builder" aria-labelledby="builder-title" data-testid="builder">
      <div className="builder-head">
        <h1 id="builder-title" ref={heading} tabIndex={-1}>
          {t('builderTitle')}
        </h1>
        <button type="button" onClick={hide}>
          {t('builderBack')}
        </button>
      </div>
      <p className="hint">{t('builderIntro')}</p>
      <InputStep />
      {progress && phase === 'validating' ? <Progress progress={progress} building={false} /> : null}
      {failure ? (
        <div role="alert" className="error-box" data-testid="builder-failure">
          <strong>{t('builderFailed')}</strong>
          <p className="error-detail">{failure}</p>
        </div>
      ) : null}
      {showReport ? <ReportView report={report} /> : null}
      {report?.ok && (phase === 'report' || phase === 'building') ? <EncryptStep /> : null}
      {progress && phase === 'building' ? <Progress progress={progress} building /> : null}
      {phase === 'built' ? <Result /> : null}
    </section>
  );
}
