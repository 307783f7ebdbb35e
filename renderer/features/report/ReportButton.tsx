/**
 * "Rapport (PDF)": with an area chosen, a report on that area (every indicator against the
 * municipality); without, a report on every area of the map layer for the indicator in
 * view. Values pass the disclosure rule; the map is the view on screen. Recorded in the
 * export log.
 */
import { useState, type RefObject } from 'react';
import { DEFAULT_MIN_CELL_SIZE } from '../../../shared/disclosure/rules';
import { cellKey, type IndicatorCell, type MunicipalityValue } from '../../../shared/indicators/results';
import type { Indicator } from '../../../shared/indicators/pack';
import type { LoadedExtract } from '../../engine/open-extract';
import { getHost } from '../../host';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { extractKey } from '../../stores/saved-view';
import { useViewStore } from '../../stores/view';
import type { AreaRank } from '../area-panel/ranks';
import { mapToPng, type PngLegend } from '../map/export-png';
import type { LayerView } from '../map/layer-view';
import { valueDisclosure } from '../export/value-disclosure';
import { areaTable, layerTable, type ReportText } from './report-content';
import { reportPdf, type ReportTable } from './report-pdf';
import { KIND_LABEL, SEVERITY_LABEL, type Flag } from '../../../shared/flags';

interface Props {
  extract: LoadedExtract;
  view: LayerView;
  def: Indicator | undefined;
  cellIndex: Map<string, IndicatorCell>;
  municipalityIndex: Map<string, MunicipalityValue>;
  ranks: ReadonlyMap<string, AreaRank>;
  mapColumn: RefObject<HTMLDivElement | null>;
  legend: PngLegend;
  /** The layer's flags (null while computed): the area's, or the indicator's, go in. */
  flags: readonly Flag[] | null;
}

export function ReportButton({ extract, view, def, cellIndex, municipalityIndex, ranks, mapColumn, legend, flags }: Props) {
  const t = useT();
  const { language, period, selectedAreaId } = useViewStore();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ title: string; table: ReportTable; disclosure: string } | null>(null);
  const { pack } = extract.analysis;
  const area = view.areas.find((a) => a.id === selectedAreaId);
  const layerLabel = extract.manifest.areaLayers.find((l) => l.id === view.layerId)?.label[language] ?? view.layerId;

  const text: ReportText = { indicator: t('indicator'), value: t('value'), interval: t('interval'), municipality: t('municipality'), rank: t('rank'), area: t('area'), withheld: t('reportWithheld') };

  /**
   * First the preview: what the report will say, withheld values marked with the reason. The
   * values shown pass the attacker check on the counts they give away (with the municipality).
   */
  const prepare = async () => {
    if (!area && !def) return;
    setStatus(null);
    setBusy(true);
    try {
      const indicators = area ? pack.indicators : [def!];
      const disclosure = await valueDisclosure(extract, view, indicators, period, area ? [area.id] : view.areas.map((a) => a.id));
      if (!disclosure.ok) {
        setStatus(fill(t('reportFailed'), { reason: t('valueAuditFailed') }));
        return;
      }
      const protect = (c: { indicatorId: string; areaId: string }) => disclosure.areaReason(c.indicatorId, c.areaId);
      const municipalityOf = (id: string) => (disclosure.municipalityReason(id) ? null : (municipalityIndex.get(`${id}|${period}`)?.value ?? null));
      const table = area
        ? areaTable(fill(t('reportAreaTable'), { area: area.name, period }), pack.indicators, (id) => cellIndex.get(cellKey(id, period, area.id)), municipalityOf, (id) => ranks.get(`${id}|${area.id}`), protect, language, text)
        : layerTable(fill(t('reportLayerTable'), { indicator: def!.label[language], layer: layerLabel, period }), def!, view.areas, (id) => cellIndex.get(cellKey(def!.id, period, id)), (id) => ranks.get(`${def!.id}|${id}`), protect, language, text);
      const title = area ? fill(t('reportAreaTitle'), { area: area.name }) : fill(t('reportLayerTitle'), { indicator: def!.label[language] });
      setPreview({ title, table, disclosure: disclosure.summary });
    } catch (err) {
      setStatus(fill(t('reportFailed'), { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  const run = async (title: string, table: ReportTable, disclosure: string) => {
    setBusy(true);
    setStatus(null);
    try {
      const container = mapColumn.current?.querySelector<HTMLElement>('[data-testid="district-map"]');
      const png = container ? await mapToPng(container, legend, 1.5) : null;
      const size = container?.getBoundingClientRect();
      const bytes = reportPdf({
        title,
        subtitle: `${extract.manifest.municipality.name} · ${layerLabel} · ${period}`,
        facts: [
          fill(t('reportPack'), { pack: pack.label[language] }),
          ...(area?.parentName ? [`${t('bydel')}: ${area.parentName}`] : []),
          ...(extract.manifest.synthetic ? [t('reportSynthetic')] : []),
        ],
        map: png && size ? { png, width: size.width, height: size.height + 200, caption: legend.title } : null,
        tables: [table],
        attention: {
          title: t('meetingFlags'),
          items: (flags ?? [])
            .filter((f) => f.period === period && f.severity !== 'watch' && (area ? f.areaId === area.id : f.indicatorId === def?.id))
            .slice(0, 40)
            .map((f) => `${SEVERITY_LABEL[f.severity][language]} – ${KIND_LABEL[f.kind][language]}: ${f.explanation[language]}`),
        },
        notes: {
          title: t('reportNotesTitle'),
          items: [fill(t('reportNoteDisclosure'), { min: DEFAULT_MIN_CELL_SIZE }), t('reportNoteIntervals'), t('reportNoteRank'), fill(t('reportNoteSource'), { pack: `${pack.id} ${pack.version}` })],
        },
        footer: `Bydelsmonitor · ${new Date().toISOString().slice(0, 10)}`,
      });
      const name = area ? `rapport-${view.layerId}-${area.id}-${period}.pdf` : `rapport-${view.layerId}-${def!.id}-${period}.pdf`;
      const saved = await getHost().saveFile({
        suggestedName: name.replace(/[^\w.-]/g, '_'),
        mimeType: 'application/pdf',
        bytes,
        audit: {
          kind: 'report-pdf',
          description: `${title}; ${layerLabel}; ${period}; pack ${pack.id}`,
          extractId: extractKey(extract.manifest),
          suppression: disclosure,
        },
      });
      if (saved.saved) {
        setStatus(fill(t('reportSaved'), { name: saved.name, withheld: table.withheldRows?.length ?? 0 }));
        setPreview(null);
      }
    } catch (err) {
      setStatus(fill(t('reportFailed'), { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" onClick={() => void prepare()} disabled={busy || (!area && !def)} data-testid="export-pdf">
        {area ? fill(t('reportAreaButton'), { area: area.name }) : t('reportLayerButton')}
      </button>
      {status ? (
        <p className="note" role="status" data-testid="export-pdf-status">
          {status}
        </p>
      ) : null}
      {preview ? (
        <div className="modal-backdrop">
          <div className="modal table-export" role="dialog" aria-modal="true" aria-labelledby="report-preview-title" data-testid="report-preview">
            <h2 id="report-preview-title">{preview.title}</h2>
            <p className="note">{fill(t('reportPreviewNote'), { withheld: preview.table.withheldRows?.length ?? 0, min: DEFAULT_MIN_CELL_SIZE })}</p>
            <div className="table-preview">
              <table>
                <thead>
                  <tr>
                    {preview.table.head.map((h) => (
                      <th key={h} scope="col">{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.table.rows.map((row, i) => (
                    <tr key={i} className={preview.table.withheldRows?.includes(i) ? 'primary' : undefined} data-withheld={preview.table.withheldRows?.includes(i) ? 'true' : 'false'}>
                      {row.map((v, j) => (
                        <td key={j}>{v}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="actions">
              <button type="button" className="primary" onClick={() => void run(preview.title, preview.table, preview.disclosure)} disabled={busy} data-testid="report-save">
                {busy ? t('reportSaving') : t('reportSave')}
              </button>
              <button type="button" onClick={() => setPreview(null)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </>
  );
}
