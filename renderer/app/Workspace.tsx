/** The analyst's workspace: indicator (or composite index) and period, the map with legend, the area panel. */
import { useMemo, useRef, useState } from 'react';
import { getHost } from '../host';
import { mapToPng, type PngLegend } from '../features/map/export-png';
import { basemapLayer } from '../features/map/basemap';
import type L from 'leaflet';
import { ReportButton } from '../features/report/ReportButton';
import { TableExport } from '../features/export/TableExport';
import { BriefingBuilder } from '../features/briefing/BriefingBuilder';
import { extractKey } from '../stores/saved-view';
import { cellKey, type IndicatorCell, type MunicipalityValue } from '../../shared/indicators/results';
import { formatIndicatorChange, formatIndicatorValue } from '../../shared/format/number';
import { DOMAIN_LABELS, groupByDomain } from '../../shared/indicators/domains';
import { AreaPanel } from '../features/area-panel/AreaPanel';
import { indicatorRanks } from '../features/area-panel/ranks';
import { COMPOSITE_ID, compositeCellsOf, compositeMapCells, formatIndex, METHOD_LABEL } from '../features/composite/composite-view';
import { RobustnessTable } from '../features/composite/RobustnessTable';
import { CriteriaPanel } from '../features/criteria/CriteriaPanel';
import { PackPicker, PackProblems } from '../features/packs/PackPicker';
import { buildChangeChoropleth, buildChoropleth } from '../features/map/choropleth';
import { changeCells, type MapSubject } from '../features/map/map-subject';
import { PeriodControls } from '../features/time/PeriodControls';
import { ComparePanel } from '../features/compare/ComparePanel';
import { layerView } from '../features/map/layer-view';
import { computeComposite } from '../../shared/indicators/composite';
import { DistrictMap, type MapMark } from '../features/map/DistrictMap';
import { FlagsPanel } from '../features/flags/FlagsPanel';
import { TargetGroupPanel } from '../features/target-group/TargetGroupPanel';
import { CityLifeButton, CityLifeScreen } from '../features/citylife/CityLifeScreen';
import { ErrorBoundary } from './ErrorBoundary';
import { useFlagAnalysis } from '../features/flags/use-flag-analysis';
import { KIND_LABEL, SEVERITY_LABEL, strongestFlagByArea } from '../../shared/flags';
import { Legend } from '../features/map/Legend';
import { canSmooth, smoothedCells, type RateSmoothing } from '../features/map/smoothing';
import type { ClassMethod } from '../../shared/stats/classify';
import { adjacencyRecord, contiguityWeights, type PolygonFeatureCollection } from '../../shared/stats/spatial';
import type { LoadedExtract } from '../engine/open-extract';
import { fill } from '../i18n/fill';
import { useT } from '../i18n/useT';
import { useViewStore } from '../stores/view';

export function Workspace({ extract }: { extract: LoadedExtract }) {
  const t = useT();
  const mapColumn = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState(false);
  const [exportMessage, setExportMessage] = useState<string | null>(null);
  const [briefingOpen, setBriefingOpen] = useState(false);
  const [showFlagMarks, setShowFlagMarks] = useState(true);
  const [tableOpen, setTableOpen] = useState(false);
  const [showLabels, setShowLabels] = useState(false);
  const [basemap, setBasemap] = useState<{ layer: L.Layer; name: string } | null>(null);
  const [basemapProblem, setBasemapProblem] = useState<string | null>(null);
  const basemapInput = useRef<HTMLInputElement>(null);
  const { language, indicatorId, period, baseline, selectedAreaId, layerId: chosenLayer, smoothing, classMethod, setIndicator, selectArea, setLayer, setSmoothing, setClassMethod } = useViewStore();
  const { pack, results, packResults, areaMap } = extract.analysis;
  const indicators = pack.indicators;
  const def = indicators.find((d) => d.id === indicatorId) ?? indicators[0];

  // The layer in view: the chosen one when the extract has its geography, else the base layer.
  const view = useMemo(
    () => layerView(extract.manifest, extract.layers, chosenLayer) ?? layerView(extract.manifest, extract.layers, extract.manifest.baseLayer)!,
    [extract, chosenLayer],
  );
  const layerId = view.layerId;
  const layerCells = useMemo(() => packResults.cells.filter((c) => c.layerId === layerId), [packResults, layerId]);
  const cellIndex = useMemo(
    () => new Map<string, IndicatorCell>(layerCells.map((c) => [cellKey(c.indicatorId, c.period, c.areaId), c])),
    [layerCells],
  );
  const ranks = useMemo(() => indicatorRanks(layerCells, indicators, period), [layerCells, indicators, period]);
  // The composite ranks the areas of the layer in view against each other.
  const composite = useMemo(
    () => (layerId === extract.manifest.baseLayer ? extract.analysis.composite : computeComposite(pack, packResults, { layerId, areaMap })),
    [extract, layerId, pack, packResults, areaMap],
  );
  const showComposite = indicatorId === COMPOSITE_ID && composite !== null;
  const flagSettings = useViewStore((s) => s.flagSettings);
  const flagState = useFlagAnalysis(pack, packResults, view, flagSettings);
  const flagAnalysis = flagState.status === 'ready' ? flagState.analysis : flagState.status === 'computing' ? flagState.previous : null;
  // The most severe flag of each area in the period, drawn on the map.
  const marks = useMemo((): Map<string, MapMark> | undefined => {
    const analysis = flagAnalysis;
    if (!analysis || !showFlagMarks) return undefined;
    // The indicator in view's flags; over the composite index, the alarms of every indicator.
    const relevant = analysis.flags.filter((f) => (showComposite ? f.severity === 'alarm' : f.indicatorId === def?.id));
    const strongest = strongestFlagByArea(relevant, period);
    return new Map([...strongest].map(([areaId, f]) => [areaId, { level: f.severity, text: `${SEVERITY_LABEL[f.severity][language]} – ${KIND_LABEL[f.kind][language]}: ${f.explanation[language]}` }]));
  }, [flagAnalysis, showFlagMarks, period, language, showComposite, def]);
  const municipalityIndex = useMemo(
    () => new Map<string, MunicipalityValue>(results.municipality.map((m) => [`${m.indicatorId}|${m.period}`, m])),
    [results],
  );
  // Queen contiguity of the layer's areas, for spatial smoothing (built once per geography).
  const adjacency = useMemo(
    () => adjacencyRecord(contiguityWeights(view.geometry as unknown as PolygonFeatureCollection, { idProperty: view.idProperty })),
    [view],
  );
  const compositeCells = useMemo(() => (composite ? compositeCellsOf(composite, period) : new Map()), [composite, period]);

  const compareTo = baseline !== null && baseline < period ? baseline : null;
  const valueSubject = useMemo((): MapSubject | null => {
    if (showComposite) {
      const excluded = composite.excluded.map((x) => indicators.find((i) => i.id === x.id)?.label[language] ?? x.id);
      return {
        id: COMPOSITE_ID,
        title: composite.label[language],
        description: `${fill(t('compositeDescription'), { method: t(METHOD_LABEL[composite.method]) })}${excluded.length > 0 ? ` ${fill(t('compositeExcluded'), { list: excluded.join(', ') })}` : ''}`,
        direction: 'higher-is-worse',
        cells: compositeMapCells(compositeCells),
        raw: null,
        change: false,
        format: (v) => formatIndex(v, language),
      };
    }
    if (!def) return null;
    const cells = layerCells.filter((c) => c.indicatorId === def.id && c.period === period);
    const smoothed = smoothing !== 'raw' && canSmooth(def);
    return {
      id: def.id,
      title: smoothed ? `${def.label[language]} (${t(smoothing === 'global-eb' ? 'smoothingGlobal' : 'smoothingSpatial').toLowerCase()})` : def.label[language],
      description: def.description[language],
      direction: def.direction,
      cells: smoothedCells(cells, def, smoothing, adjacency),
      raw: smoothed ? new Map(cells.map((c) => [c.areaId, c.value])) : null,
      change: false,
      format: (v) => formatIndicatorValue(v, def.unit, language),
    };
  }, [showComposite, composite, compositeCells, def, layerCells, period, indicators, language, t, smoothing, adjacency]);
  // "Change since": the same subject's raw values now minus at the baseline.
  const subject = useMemo((): MapSubject | null => {
    if (!valueSubject || compareTo === null) return valueSubject;
    const now = showComposite ? compositeMapCells(compositeCells) : layerCells.filter((c) => c.indicatorId === valueSubject.id && c.period === period);
    const then = showComposite && composite ? compositeMapCells(compositeCellsOf(composite, compareTo)) : layerCells.filter((c) => c.indicatorId === valueSubject.id && c.period === compareTo);
    const title = showComposite ? valueSubject.title : (def?.label[language] ?? valueSubject.title);
    return {
      ...valueSubject,
      title: fill(t('changeTitle'), { title, baseline: compareTo, period }),
      description: `${valueSubject.description} ${t('changeDescription')}`,
      cells: changeCells(now, then),
      raw: null,
      change: true,
      format: (v) => (showComposite ? (v === null ? '–' : `${v > 0 ? '+' : ''}${formatIndex(v, language)}`) : formatIndicatorChange(v, def?.unit ?? 'share', language)),
    };
  }, [valueSubject, compareTo, showComposite, compositeCells, composite, layerCells, period, def, language, t]);
  // The official thresholds in force in this period, where they are absolute limits on the value.
  const thresholdLimits = useMemo(
    () => (showComposite || !def ? [] : (def.thresholds ?? []).filter((th) => (th.relativeTo ?? 'absolute') === 'absolute' && (th.fromPeriod ?? -Infinity) <= period && period <= (th.toPeriod ?? Infinity)).map((th) => th.value)),
    [showComposite, def, period],
  );
  const method = classMethod === 'thresholds' && thresholdLimits.length === 0 ? 'quantile' : classMethod;
  const smallAreas = useMemo(() => new Set(subject?.cells.filter((c) => c.small === true).map((c) => c.areaId) ?? []), [subject]);
  const choropleth = useMemo(
    () => (!subject ? null : subject.change ? buildChangeChoropleth(subject.cells, subject.direction) : buildChoropleth(subject.cells, subject.direction, method, thresholdLimits)),
    [subject, method, thresholdLimits],
  );
  if (!subject || !choropleth) return null;

  const layerLabel = extract.manifest.areaLayers.find((l) => l.id === layerId)?.label[language] ?? layerId;
  // The legend as it is drawn under an exported map (PNG, and the PDF report's map).
  const pngLegend: PngLegend = {
    title: subject.title,
    subtitle: `${extract.manifest.municipality.name} · ${layerLabel} · ${period}`,
    classes: choropleth.classes.map((c) => ({ colour: c.colour, label: `${subject.format(c.lower)} – ${subject.format(c.upper)} (${c.count} ${t('areasCount')})` })),
    notes: [
      ...(choropleth.noValueCount > 0 ? [`${t('noValue')}: ${choropleth.noValueCount} ${t('areasCount')}`] : []),
      ...(smallAreas.size > 0 ? [`${t('smallHatched')}: ${smallAreas.size} ${t('areasCount')}`] : []),
    ],
    footer: `Bydelsmonitor · ${pack.label[language]} · ${new Date().toISOString().slice(0, 10)}${extract.manifest.synthetic ? ` · ${t('syntheticBadge')}` : ''}`,
  };

  const exportPng = async () => {
    const container = mapColumn.current?.querySelector<HTMLElement>('[data-testid="district-map"]');
    if (!container) return;
    setExporting(true);
    setExportMessage(null);
    try {
      const bytes = await mapToPng(container, pngLegend);
      const saved = await getHost().saveFile({
        suggestedName: `kort-${subject.id.replace(/\W/g, '')}-${layerId}-${period}.png`,
        mimeType: 'image/png',
        bytes,
        audit: {
          kind: 'map-png',
          description: `map: ${subject.title}; ${layerLabel}; ${period}; pack ${pack.id}`,
          extractId: extractKey(extract.manifest),
          suppression: 'classes and class counts only, no area counts; areas below the minimum population hatched',
        },
      });
      setExportMessage(saved.saved ? fill(t('exportPngSaved'), { name: saved.name }) : null);
    } catch (err) {
      setExportMessage(fill(t('exportPngFailed'), { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      setExporting(false);
    }
  };

  const nameOf = (areaId: string) => view.areas.find((a) => a.id === areaId)?.name ?? areaId;
  const valueByArea = new Map(subject.cells.map((c) => [c.areaId, c.value]));
  const describe = (areaId: string) =>
    `${nameOf(areaId)}: ${subject.format(valueByArea.get(areaId) ?? null)}${subject.raw ? ` (${t('smoothingRawValue')} ${subject.format(subject.raw.get(areaId) ?? null)})` : ''}`;
  const smoothable = !showComposite && def !== undefined && canSmooth(def);
  const sortedAreas = [...view.areas].sort((a, b) => a.name.localeCompare(b.name, 'da'));

  return (
    <div className="workspace">
      <div className="toolbar" role="toolbar" aria-label={t('indicator')}>
        <PackPicker />
        <label>
          {t('indicator')}
          <select value={subject.id} onChange={(e) => setIndicator(e.target.value)} data-testid="indicator-select">
            {composite ? (
              <optgroup label={t('compositeGroup')}>
                <option value={COMPOSITE_ID}>{composite.label[language]}</option>
              </optgroup>
            ) : null}
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
          {t('mapLayer')}
          <select value={layerId} onChange={(e) => setLayer(e.target.value)} data-testid="layer-select">
            {extract.manifest.areaLayers
              .filter((l) => extract.layers.has(l.id))
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label[language]}
                </option>
              ))}
          </select>
        </label>
        <PeriodControls periods={extract.manifest.periods} />
        <label>
          {t('classMethod')}
          <select value={method} onChange={(e) => setClassMethod(e.target.value as ClassMethod)} data-testid="class-method-select">
            <option value="quantile">{t('classQuantile')}</option>
            <option value="natural-breaks">{t('classNatural')}</option>
            <option value="equal-interval">{t('classEqual')}</option>
            <option value="thresholds" disabled={thresholdLimits.length === 0}>
              {t('classThresholds')}
            </option>
          </select>
        </label>
        <label>
          {t('smoothing')}
          <select
            value={smoothable ? smoothing : 'raw'}
            onChange={(e) => setSmoothing(e.target.value as RateSmoothing)}
            disabled={!smoothable}
            title={smoothable ? t('smoothingHint') : t('smoothingNotApplicable')}
            data-testid="smoothing-select"
          >
            <option value="raw">{t('smoothingRaw')}</option>
            <option value="global-eb">{t('smoothingGlobal')}</option>
            <option value="spatial-eb">{t('smoothingSpatial')}</option>
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
      <p className="indicator-description">{subject.description}</p>
      {baseline !== null && compareTo === null ? (
        <p className="note" role="status" data-testid="baseline-note">
          {fill(t('changeSameYear'), { baseline })}
        </p>
      ) : null}
      <div className="map-and-panel">
        <div className="map-column" ref={mapColumn}>
          <DistrictMap
            view={view}
            choropleth={choropleth}
            smallAreas={smallAreas}
            showLabels={showLabels}
            basemap={basemap?.layer ?? null}
            {...(marks ? { marks } : {})}
            selectedAreaId={selectedAreaId}
            onSelect={selectArea}
            describe={describe}
          />
          <button type="button" onClick={() => (basemap ? setBasemap(null) : basemapInput.current?.click())} data-testid="basemap-button">
            {basemap ? fill(t('basemapRemove'), { name: basemap.name }) : t('basemapChoose')}
          </button>
          <input
            ref={basemapInput}
            type="file"
            accept=".pmtiles"
            hidden
            data-testid="basemap-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              setBasemapProblem(null);
              basemapLayer(file).then(setBasemap, (err: unknown) => setBasemapProblem(err instanceof Error ? err.message : String(err)));
            }}
          />
          {basemapProblem ? (
            <p role="alert" className="error-box" data-testid="basemap-problem">
              {basemapProblem}
            </p>
          ) : null}
          <label className="inline">
            <input type="checkbox" checked={showLabels} onChange={(e) => setShowLabels(e.target.checked)} data-testid="map-labels" />
            {t('mapLabels')}
          </label>
          <label className="inline">
            <input type="checkbox" checked={showFlagMarks} onChange={(e) => setShowFlagMarks(e.target.checked)} data-testid="flags-on-map" />
            {t('flagsOnMap')} {marks ? `(${marks.size})` : ''}
          </label>
          <ReportButton
            extract={extract}
            view={view}
            def={showComposite ? undefined : def}
            cellIndex={cellIndex}
            municipalityIndex={municipalityIndex}
            ranks={ranks}
            mapColumn={mapColumn}
            legend={pngLegend}
            flags={flagAnalysis?.flags ?? null}
          />
          <button type="button" onClick={() => setTableOpen(true)} disabled={showComposite || !def} data-testid="open-table-export">
            {t('tableOpen')}
          </button>
          {tableOpen && def && !showComposite ? <TableExport extract={extract} view={view} indicator={def} onClose={() => setTableOpen(false)} /> : null}
          <button type="button" onClick={() => setBriefingOpen(true)} data-testid="open-briefing-builder">
            {t('briefingOpen')}
          </button>
          {briefingOpen ? <BriefingBuilder extract={extract} view={view} flags={flagAnalysis?.flags ?? null} onClose={() => setBriefingOpen(false)} /> : null}
          <CityLifeButton />
          <button type="button" onClick={() => void exportPng()} disabled={exporting} data-testid="export-png">
            {exporting ? t('exportingPng') : t('exportPng')}
          </button>
          {exportMessage ? (
            <p className="note" role="status" data-testid="export-png-status">
              {exportMessage}
            </p>
          ) : null}
          <Legend choropleth={choropleth} smallCount={smallAreas.size} title={subject.title} direction={subject.direction} format={subject.format} />
          {showComposite ? <RobustnessTable cells={compositeCells} nameOf={nameOf} /> : null}
        </div>
        <AreaPanel
          extract={extract}
          areas={view.areas}
          flags={flagAnalysis?.flags ?? null}
          ranks={ranks}
          cellIndex={cellIndex}
          municipalityIndex={municipalityIndex}
          compositeCell={selectedAreaId ? compositeCells.get(selectedAreaId) : undefined}
        />
      </div>
      <FlagsPanel state={flagState} pack={pack} nameOf={nameOf} />
      <ComparePanel pack={pack} results={packResults} manifest={extract.manifest} layerId={layerId} areas={view.areas} />
      {(pack.classifications?.length ?? 0) > 0 ? <CriteriaPanel extract={extract} analysis={extract.analysis} /> : null}
      <TargetGroupPanel extract={extract} />
      <ErrorBoundary language={language}>
        <CityLifeScreen extract={extract} />
      </ErrorBoundary>
    </div>
  );
}
