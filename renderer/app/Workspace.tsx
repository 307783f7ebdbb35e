/** The analyst's workspace: indicator and period, the map with legend, the area panel. */
import { useMemo } from 'react';
import { cellKey, type IndicatorCell, type MunicipalityValue } from '../../shared/indicators/results';
import { formatIndicatorValue } from '../../shared/format/number';
import { DOMAIN_LABELS, groupByDomain } from '../../shared/indicators/domains';
import { AreaPanel } from '../features/area-panel/AreaPanel';
import { CriteriaPanel } from '../features/criteria/CriteriaPanel';
import { PackPicker, PackProblems } from '../features/packs/PackPicker';
import { buildChoropleth } from '../features/map/choropleth';
import { DistrictMap } from '../features/map/DistrictMap';
import { Legend } from '../features/map/Legend';
import type { LoadedExtract } from '../engine/open-extract';
import { useT } from '../i18n/useT';
import { useViewStore } from '../stores/view';

export function Workspace({ extract }: { extract: LoadedExtract }) {
  const t = useT();
  const { language, indicatorId, period, selectedAreaId, setIndicator, setPeriod, selectArea } = useViewStore();
  const { pack, results } = extract.analysis;
  const indicators = pack.indicators;
  const def = indicators.find((d) => d.id === indicatorId) ?? indicators[0];

  const cellIndex = useMemo(
    () => new Map<string, IndicatorCell>(results.cells.map((c) => [cellKey(c.indicatorId, c.period, c.areaId), c])),
    [results],
  );
  const municipalityIndex = useMemo(
    () => new Map<string, MunicipalityValue>(results.municipality.map((m) => [`${m.indicatorId}|${m.period}`, m])),
    [results],
  );
  const currentCells = useMemo(
    () => results.cells.filter((c) => c.indicatorId === def?.id && c.period === period),
    [results, def, period],
  );
  const choropleth = useMemo(() => (def ? buildChoropleth(currentCells, def) : null), [currentCells, def]);
  if (!def || !choropleth) return null;

  const nameOf = (areaId: string) => extract.areas.find((a) => a.id === areaId)?.name ?? areaId;
  const describe = (areaId: string) =>
    `${nameOf(areaId)}: ${formatIndicatorValue(cellIndex.get(cellKey(def.id, period, areaId))?.value ?? null, def.unit, language)}`;
  const sortedAreas = [...extract.areas].sort((a, b) => a.name.localeCompare(b.name, 'da'));

  return (
    <div className="workspace">
      <div className="toolbar" role="toolbar" aria-label={t('indicator')}>
        <PackPicker />
        <label>
          {t('indicator')}
          <select value={def.id} onChange={(e) => setIndicator(e.target.value)} data-testid="indicator-select">
            {groupByDomain(indicators).map(([domain, indicators]) => (
              <optgroup key={domain} label={DOMAIN_LABELS[domain]?.[language] ?? domain}>
                {indicators.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.label[language]}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          {t('period')}
          <select value={period} onChange={(e) => setPeriod(Number(e.target.value))} data-testid="period-select">
            {extract.manifest.periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('area')}
          <select
            value={selectedAreaId ?? ''}
            onChange={(e) => selectArea(e.target.value || null)}
            data-testid="area-select"
          >
            <option value="">{t('chooseArea')}</option>
            {sortedAreas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.id})
              </option>
            ))}
          </select>
        </label>
      </div>
      <PackProblems />
      <p className="indicator-description">{def.description[language]}</p>
      <div className="map-and-panel">
        <div className="map-column">
          <DistrictMap
            extract={extract}
            choropleth={choropleth}
            selectedAreaId={selectedAreaId}
            onSelect={selectArea}
            describe={describe}
          />
          <Legend choropleth={choropleth} def={def} />
        </div>
        <AreaPanel extract={extract} cellIndex={cellIndex} municipalityIndex={municipalityIndex} />
      </div>
      {(pack.classifications?.length ?? 0) > 0 ? <CriteriaPanel extract={extract} analysis={extract.analysis} /> : null}
    </div>
  );
}
