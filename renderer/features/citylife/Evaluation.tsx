/**
 * Before/after evaluation of an intervention at one site: date ranges, optional comparison
 * sites, and the result — rate ratio with its interval, adjusted for weekday and hour, in
 * plain language with its uncertainty (shared/citylife/evaluate.ts).
 */
import { useMemo, useState } from 'react';
import { evaluateIntervention, type EvaluationResult } from '../../../shared/citylife/evaluate';
import type { CityLifeStudy } from '../../../shared/citylife/model';
import { formatDayNumber, localDayNumber } from '../../../shared/citylife/time';
import { sheetCsv, type Sheet } from '../../../shared/export/sheet-files';
import type { Language } from '../../../shared/i18n/messages';
import { useCityLifeStore } from '../../stores/citylife';
import { formatRate } from './format';
import { studySpan } from './span';
import { CITY_LIFE_TEXT } from './text';

interface Props {
  study: CityLifeStudy;
  language: Language;
  onSave(name: string, mimeType: string, bytes: Uint8Array, what: string, kind: string): Promise<void>;
}

/** The study's days split in two halves: a starting point the analyst changes. */
function defaultRanges(study: CityLifeStudy): { beforeFrom: string; beforeTo: string; afterFrom: string; afterTo: string } {
  const { first, last } = studySpan(study);
  const a = localDayNumber(first);
  const b = localDayNumber(last - 1);
  const mid = Math.floor((a + b) / 2);
  return { beforeFrom: formatDayNumber(a), beforeTo: formatDayNumber(mid), afterFrom: formatDayNumber(mid + 1), afterTo: formatDayNumber(b) };
}

export function evaluationSheet(result: Extract<EvaluationResult, { ok: true }>['evaluation'], language: Language): Sheet {
  const tx = CITY_LIFE_TEXT[language];
  const r = result;
  return {
    name: tx.evalTitle,
    head: [language === 'da' ? 'Mål' : 'Measure', language === 'da' ? 'Værdi' : 'Value'],
    rows: [
      [tx.evalSite, r.siteName],
      [tx.comparison, r.comparisonSiteIds.join(', ')],
      [tx.rateRatio, Number(r.rateRatio.toFixed(4))],
      [`${tx.interval} (${language === 'da' ? 'nedre' : 'lower'})`, Number(r.lower.toFixed(4))],
      [`${tx.interval} (${language === 'da' ? 'øvre' : 'upper'})`, Number(r.upper.toFixed(4))],
      [`${tx.change} (%)`, Number(r.percentChange.toFixed(2))],
      [tx.pValue, Number(r.pValue.toPrecision(3))],
      [tx.intervalsBeforeAfter, `${r.treated.before.windows} / ${r.treated.after.windows}`],
      [tx.method, r.method[language]],
      [language === 'da' ? 'Konklusion' : 'Conclusion', r.conclusion[language]],
    ],
  };
}

export function Evaluation({ study, language, onSave }: Props) {
  const tx = CITY_LIFE_TEXT[language];
  const kind = useCityLifeStore((s) => s.kind);
  const setEvaluation = useCityLifeStore((s) => s.setEvaluation);
  const defaults = useMemo(() => defaultRanges(study), [study]);
  const [siteId, setSiteId] = useState(study.sites[0]?.id ?? '');
  const [ranges, setRanges] = useState(defaults);
  const [comparison, setComparison] = useState<string[]>([]);
  const [result, setResult] = useState<EvaluationResult | null>(null);

  const run = () => {
    const evaluated = evaluateIntervention(
      study,
      { siteId, before: [ranges.beforeFrom, ranges.beforeTo], after: [ranges.afterFrom, ranges.afterTo] },
      { kind, comparisonSiteIds: comparison.filter((id) => id !== siteId) },
    );
    setResult(evaluated);
    setEvaluation(evaluated.ok ? evaluated.evaluation : null);
  };
  const dateField = (key: keyof typeof ranges, label: string) => (
    <label>
      {label}
      <input type="date" value={ranges[key]} onChange={(e) => setRanges({ ...ranges, [key]: e.target.value })} data-testid={`citylife-${key}`} />
    </label>
  );

  return (
    <section aria-labelledby="cl-eval-title" className="citylife-evaluation" data-testid="citylife-evaluation">
      <h3 id="cl-eval-title">{tx.evalTitle}</h3>
      <p className="note">{tx.evalIntro}</p>
      <div className="citylife-controls">
        <label>
          {tx.evalSite}
          <select value={siteId} onChange={(e) => setSiteId(e.target.value)} data-testid="citylife-eval-site">
            {study.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        {dateField('beforeFrom', tx.beforeFrom)}
        {dateField('beforeTo', tx.beforeTo)}
        {dateField('afterFrom', tx.afterFrom)}
        {dateField('afterTo', tx.afterTo)}
        <fieldset data-testid="citylife-eval-comparison">
          <legend>{tx.comparison}</legend>
          {study.sites
            .filter((s) => s.id !== siteId)
            .map((s) => (
              <label key={s.id}>
                <input type="checkbox" checked={comparison.includes(s.id)} onChange={() => setComparison(comparison.includes(s.id) ? comparison.filter((x) => x !== s.id) : [...comparison, s.id])} data-site-id={s.id} /> {s.name}
              </label>
            ))}
        </fieldset>
      </div>
      <button type="button" className="primary" onClick={run} data-testid="citylife-evaluate">
        {tx.evaluate}
      </button>
      {result && !result.ok ? (
        <div role="alert" className="error-box" data-testid="citylife-eval-problems">
          <p>{tx.evalRefused}</p>
          <ul>
            {result.problems.map((p, i) => (
              <li key={i} data-code={p.code}>
                {p.message[language]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.ok ? (
        <div className="citylife-result" data-testid="citylife-eval-result" data-clear={result.evaluation.clear ? 'true' : 'false'}>
          <p className="conclusion" data-testid="citylife-conclusion">
            {result.evaluation.conclusion[language]}
          </p>
          <table>
            <tbody>
              <tr>
                <th scope="row">{tx.rateRatio}</th>
                <td data-testid="citylife-rr">
                  {formatRate(result.evaluation.rateRatio, language, 2)} ({tx.interval}: {formatRate(result.evaluation.lower, language, 2)} – {formatRate(result.evaluation.upper, language, 2)})
                </td>
              </tr>
              <tr>
                <th scope="row">{tx.pValue}</th>
                <td>{result.evaluation.pValue < 0.001 ? '< 0,001'.replace(',', language === 'da' ? ',' : '.') : formatRate(result.evaluation.pValue, language, 3)}</td>
              </tr>
              <tr>
                <th scope="row">{tx.intervalsBeforeAfter}</th>
                <td>
                  {result.evaluation.treated.before.windows} / {result.evaluation.treated.after.windows}
                </td>
              </tr>
            </tbody>
          </table>
          <p className="note">{result.evaluation.method[language]}</p>
          {result.evaluation.warnings.length > 0 ? (
            <ul className="note">
              {result.evaluation.warnings.map((w, i) => (
                <li key={i}>{w.message[language]}</li>
              ))}
            </ul>
          ) : null}
          <button type="button" onClick={() => void onSave('byliv-evaluering.csv', 'text/csv', sheetCsv(evaluationSheet(result.evaluation, language)), `before/after evaluation at ${result.evaluation.siteName}`, 'citylife-csv')} data-testid="citylife-save-eval">
            {tx.exportCsv}
          </button>
        </div>
      ) : null}
    </section>
  );
}
