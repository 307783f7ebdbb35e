/**
 * The pack's classifications (the official criteria for vulnerable housing areas and their
 * successors) for one area layer and period: a row per area, a column per rule in force,
 * each status with the criteria behind it. The origin criterion is legally contested: rules
 * that need it are not evaluated unless the analyst switches it on.
 */
import { Fragment, useMemo, useState } from 'react';
import {
  describeCondition,
  evaluateClassifications,
  statusText,
  type ClassificationResult,
} from '../../../shared/indicators/classifications';
import { formatNumber } from '../../../shared/format/number';
import type { PackAnalysis } from '../../engine/analyse-pack';
import type { LoadedExtract } from '../../engine/open-extract';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { useViewStore } from '../../stores/view';

/** Housing estates are what the law classifies; fall back to the base layer where an extract has none. */
const PREFERRED_LAYER = 'boligomraade';

export function CriteriaPanel({ extract, analysis }: { extract: LoadedExtract; analysis: PackAnalysis }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const period = useViewStore((s) => s.period);
  const layers = extract.manifest.areaLayers;
  const [layerId, setLayerId] = useState(layers.some((l) => l.id === PREFERRED_LAYER) ? PREFERRED_LAYER : extract.manifest.baseLayer);
  const [includeContested, setIncludeContested] = useState(false);
  const [openAreaId, setOpenAreaId] = useState<string | null>(null);
  const { pack, packResults, areaMap } = analysis;

  const evaluated = useMemo(
    () => evaluateClassifications(pack, packResults, { includeContested }),
    [pack, packResults, includeContested],
  );
  const here = evaluated.filter((r) => r.layerId === layerId && r.period === period);
  const ruleIds = [...new Set(here.map((r) => r.classificationId))];
  const rules = (pack.classifications ?? []).filter((c) => ruleIds.includes(c.id));
  const areas = areaMap.areas.filter((a) => a.layerId === layerId);
  const byArea = new Map<string, Map<string, ClassificationResult>>();
  for (const r of here) {
    const row = byArea.get(r.areaId) ?? new Map<string, ClassificationResult>();
    row.set(r.classificationId, r);
    byArea.set(r.areaId, row);
  }
  const unitOf = (indicatorId: string) => pack.indicators.find((i) => i.id === indicatorId)?.unit ?? 'share';
  const municipalityStandsIn = here.some((r) => [...r.gates, ...r.criteria].some((c) => c.relativeTo === 'reference' && c.referenceLevel === 'municipality'));
  const listYear = here[0]?.listYear ?? period;

  return (
    <section className="criteria-panel" aria-labelledby="criteria-title" data-testid="criteria-panel">
      <h2 id="criteria-title">{fill(t('criteriaTitle'), { period, listYear })}</h2>
      <div className="criteria-controls">
        <label>
          {t('areaLayer')}
          <select value={layerId} onChange={(e) => setLayerId(e.target.value)} data-testid="criteria-layer">
            {layers.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label[language]}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={includeContested} onChange={(e) => setIncludeContested(e.target.checked)} data-testid="include-contested" />
          {t('includeContested')}
        </label>
      </div>
      <p className="criteria-note">{t('contestedNote')}</p>
      {municipalityStandsIn ? <p className="criteria-note" data-testid="reference-fallback">{t('referenceFallback')}</p> : null}
      {rules.length === 0 ? (
        <p>{fill(t('noRulesInForce'), { listYear })}</p>
      ) : (
        <table className="criteria-table">
          <thead>
            <tr>
              <th scope="col">{t('areaGeneric')}</th>
              <th scope="col">{t('residents')}</th>
              {rules.map((c) => (
                <th scope="col" key={c.id} title={c.description[language]}>
                  {c.label[language]}
                </th>
              ))}
              <th scope="col">{t('criteriaDetails')}</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((area) => {
              const row = byArea.get(area.areaId);
              const first = row?.values().next().value;
              const residents = [...(row?.values() ?? [])].find((r) => r.residents !== null)?.residents ?? null;
              const open = openAreaId === area.areaId;
              return (
                <Fragment key={area.areaId}>
                  <tr data-area-id={area.areaId}>
                    <th scope="row">{area.name}</th>
                    <td className="number">{residents === null ? '–' : formatNumber(residents, language)}</td>
                    {rules.map((c) => {
                      const r = row?.get(c.id);
                      return (
                        <td key={c.id} className={`status ${r?.status ?? ''}`} data-rule={c.id} data-status={r?.status ?? 'none'} title={r?.reason[language]}>
                          {r ? statusText(r.status, language) : '–'}
                        </td>
                      );
                    })}
                    <td>
                      <button type="button" aria-expanded={open} onClick={() => setOpenAreaId(open ? null : area.areaId)} disabled={!first}>
                        {open ? t('hide') : t('show')}
                      </button>
                    </td>
                  </tr>
                  {open && row ? (
                    <tr className="criteria-details">
                      <td colSpan={rules.length + 3}>
                        {rules.map((c) => {
                          const r = row.get(c.id);
                          if (!r) return null;
                          return (
                            <div key={c.id} data-testid={`criteria-details-${c.id}`}>
                              <h3>
                                {c.label[language]}: {statusText(r.status, language)}
                              </h3>
                              <p>{r.reason[language]}</p>
                              <ul>
                                {[...r.gates, ...r.criteria].map((cond) => (
                                  <li key={`${cond.role}-${cond.thresholdId}`}>{describeCondition(cond, unitOf(cond.indicatorId), language)}</li>
                                ))}
                              </ul>
                              <p className="source">{c.source.text}</p>
                            </div>
                          );
                        })}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
