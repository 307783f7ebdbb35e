/** Step 2: the validation report — summary, what was read, every problem with its fix. */
import { useEffect, useRef, useState } from 'react';
import type { BuildReport } from '../../../shared/builder';
import { useT } from '../../i18n/useT';
import { useBuilderStore } from '../../stores/builder';
import { useViewStore } from '../../stores/view';
import { fill, formatInteger, orderedProblems, periodRanges, problemRows } from './text';

type Filter = 'all' | 'error' | 'warning';

function Summary({ report }: { report: BuildReport }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const n = (x: number) => formatInteger(x, language);
  return (
    <>
      {report.ok ? (
        <p className="report-status ok" role="status" data-testid="builder-status">
          ✓ {fill(t(report.warnings > 0 ? 'builderOkWithWarnings' : 'builderOk'), { warnings: n(report.warnings) })}
        </p>
      ) : (
        <div className="report-status bad" role="alert" data-testid="builder-status">
          ✖ {fill(t('builderHasErrors'), { errors: n(report.errors) })}
        </div>
      )}
      <dl className="report-facts">
        <div>
          <dt>{t('builderMunicipality')}</dt>
          <dd>{report.municipality ? `${report.municipality.name} (${report.municipality.code})` : '–'}</dd>
        </div>
        <div>
          <dt>{t('builderPeriods')}</dt>
          <dd>{report.periods.length > 0 ? periodRanges(report.periods) : '–'}</dd>
        </div>
        <div>
          <dt>{t('builderErrors')}</dt>
          <dd data-testid="builder-error-count">{n(report.errors)}</dd>
        </div>
        <div>
          <dt>{t('builderWarnings')}</dt>
          <dd data-testid="builder-warning-count">{n(report.warnings)}</dd>
        </div>
      </dl>
      <div className="report-inputs">
        {report.tables.length > 0 ? (
          <table data-testid="builder-tables">
            <caption>{t('builderTables')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('builderTable')}</th>
                <th scope="col">{t('builderFile')}</th>
                <th scope="col" className="number">
                  {t('builderRows')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.tables.map((table) => (
                <tr key={table.name}>
                  <td>
                    {table.name} <span className="hint">({table.kind})</span>
                  </td>
                  <td className="file-name">{table.file}</td>
                  <td className="number">{n(table.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {report.layers.length > 0 ? (
          <table data-testid="builder-layers">
            <caption>{t('builderLayers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('builderLayer')}</th>
                <th scope="col">{t('builderFile')}</th>
                <th scope="col">{t('builderCrs')}</th>
                <th scope="col" className="number">
                  {t('builderAreas')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.layers.map((layer) => (
                <tr key={layer.id}>
                  <td>{layer.id}</td>
                  <td className="file-name">{layer.file}</td>
                  <td>{layer.crs ? (layer.crs === 'EPSG:4326' ? layer.crs : `${layer.crs} → EPSG:4326`) : '–'}</td>
                  <td className="number">{n(layer.features)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </>
  );
}

function Problems({ report }: { report: BuildReport }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const [filter, setFilter] = useState<Filter>('all');
  const problems = orderedProblems(report).filter((p) => filter === 'all' || p.severity === filter);
  if (report.problems.length === 0) return <p>{t('builderNoProblems')}</p>;
  return (
    <>
      <div className="problem-filter">
        <label>
          {t('builderShow')}
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} data-testid="builder-filter">
            <option value="all">{fill(t('builderShowAll'), { n: formatInteger(report.problems.length, language) })}</option>
            <option value="error">{fill(t('builderShowErrors'), { n: formatInteger(report.errors, language) })}</option>
            <option value="warning">{fill(t('builderShowWarnings'), { n: formatInteger(report.warnings, language) })}</option>
          </select>
        </label>
      </div>
      {problems.length === 0 ? (
        <p>{t('builderNoneOfKind')}</p>
      ) : (
        <div className="problems-scroll">
          <table className="problems" data-testid="builder-problems">
            <caption className="visually-hidden">{t('builderProblems')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('builderSeverity')}</th>
                <th scope="col">{t('builderWhere')}</th>
                <th scope="col">{t('builderColumn')}</th>
                <th scope="col">{t('builderRow')}</th>
                <th scope="col">{t('builderMessage')}</th>
                <th scope="col">{t('builderFix')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i} className={p.severity} data-testid="builder-problem" data-code={p.code}>
                  <td>
                    <span className={`severity ${p.severity}`}>
                      {p.severity === 'error' ? `✖ ${t('builderError')}` : `⚠ ${t('builderWarning')}`}
                    </span>
                  </td>
                  <td>
                    {p.table !== undefined ? <div>{`${t('builderTable')} ${p.table}`}</div> : null}
                    {p.layer !== undefined ? <div>{`${t('builderLayer')} ${p.layer}`}</div> : null}
                    {p.file !== undefined ? <div className="file-name">{p.file}</div> : null}
                  </td>
                  <td>{p.column ?? ''}</td>
                  <td>{problemRows(p, t, language)}</td>
                  <td>{p.message[language]}</td>
                  <td>{p.fix[language]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ReportView({ report }: { report: BuildReport }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const saveReport = useBuilderStore((s) => s.saveReport);
  const heading = useRef<HTMLHeadingElement>(null);
  // A new report moves focus to it, so keyboard and screen-reader users land on the result.
  useEffect(() => {
    heading.current?.focus();
  }, [report]);
  return (
    <section className="builder-step" aria-labelledby="builder-report-title" data-testid="builder-report">
      <h2 id="builder-report-title" ref={heading} tabIndex={-1}>
        {t('builderReportTitle')}
      </h2>
      <Summary report={report} />
      <h3>{t('builderProblems')}</h3>
      <Problems report={report} />
      <div className="actions">
        <button type="button" onClick={() => void saveReport(language)}>
          {t('builderSaveReport')}
        </button>
      </div>
    </section>
  );
}
