/**
 * "Eksportér tabel": one indicator's counts for the areas of the map layer, their bydele
 * and the municipality, protected by disclosure control (primary and complementary
 * suppression) and proven by the attacker check before anything can be saved. The preview
 * marks every suppressed cell and says why; CSV and XLSX are recorded in the export log.
 */
import { useState } from 'react';
import { protectTable, type ProtectedTable } from '../../../shared/disclosure';
import { DEFAULT_MIN_CELL_SIZE } from '../../../shared/disclosure/rules';
import { exportableAsCounts, indicatorTable } from '../../../shared/export/indicator-table';
import { settingsText, tableCsv, tableHead, tableLines, tableXlsx, type TableLine } from '../../../shared/export/table-files';
import { csvLine } from '../../../shared/format/csv';
import type { Indicator } from '../../../shared/indicators/pack';
import type { LoadedExtract } from '../../engine/open-extract';
import { getHost } from '../../host';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { extractKey } from '../../stores/saved-view';
import { useViewStore } from '../../stores/view';
import type { LayerView } from '../map/layer-view';
import { exportLayerInput } from './layer-input';

interface Props {
  extract: LoadedExtract;
  view: LayerView;
  indicator: Indicator;
  onClose(): void;
}

type Stage = { kind: 'settings' } | { kind: 'protecting' } | { kind: 'preview'; table: ProtectedTable; lines: TableLine[] } | { kind: 'failed'; message: string };

export function TableExport({ extract, view, indicator, onClose }: Props) {
  const t = useT();
  const { language, period } = useViewStore();
  const [allPeriods, setAllPeriods] = useState(false);
  const [minCellSize, setMinCellSize] = useState(DEFAULT_MIN_CELL_SIZE);
  const [rounding, setRounding] = useState<0 | 3 | 5>(0);
  const [zeroIsSafe, setZeroIsSafe] = useState(true);
  const [stage, setStage] = useState<Stage>({ kind: 'settings' });
  const [status, setStatus] = useState<string | null>(null);
  const parentLayerId = extract.manifest.areaLayers.find((l) => l.id === view.layerId)?.parent?.layer;
  const periods = allPeriods ? extract.manifest.periods : [period];

  const protect = async () => {
    setStage({ kind: 'protecting' });
    setStatus(null);
    try {
      const { table, rows } = indicatorTable({ ...exportLayerInput(extract, view), indicator, periods });
      const protectedTable = await protectTable(table, { minCellSize, zeroIsSafe, rounding: rounding ? { base: rounding } : null });
      setStage({ kind: 'preview', table: protectedTable, lines: tableLines(protectedTable, rows, indicator, language) });
    } catch (err) {
      setStage({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const save = async (format: 'csv' | 'xlsx', table: ProtectedTable, lines: TableLine[]) => {
    try {
      const bytes =
        format === 'csv'
          ? tableCsv(lines, language)
          : await tableXlsx(lines, table, indicator, { municipality: extract.manifest.municipality.name, extract: extractKey(extract.manifest), created: new Date() }, language);
      const saved = await getHost().saveFile({
        suggestedName: `tabel-${indicator.id}-${view.layerId}-${allPeriods ? 'alle' : period}.${format}`,
        mimeType: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes,
        audit: {
          kind: `table-${format}`,
          description: `${indicator.id} (${indicator.label.en}); ${view.layerId}${parentLayerId ? ` + ${parentLayerId}` : ''} + municipality; ${periods.join(', ')}`,
          extractId: extractKey(extract.manifest),
          suppression: settingsText(table, 'en').join(' | '),
        },
      });
      if (saved.saved) setStatus(fill(t('tableSaved'), { name: saved.name }));
    } catch (err) {
      setStatus(fill(t('tableFailed'), { reason: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <div className="modal-backdrop">
      <div className="modal table-export" role="dialog" aria-modal="true" aria-labelledby="table-export-title" data-testid="table-export">
        <h2 id="table-export-title">{fill(t('tableTitle'), { indicator: indicator.label[language] })}</h2>
        {!exportableAsCounts(indicator) ? <p className="error-box" role="alert">{t('tableNotCounts')}</p> : null}
        <div className="flag-settings">
          <label className="inline">
            <input type="checkbox" checked={allPeriods} onChange={(e) => setAllPeriods(e.target.checked)} data-testid="table-all-periods" />
            {t('tableAllPeriods')}
          </label>
          <label>
            {t('tableMinCell')}
            <input type="number" min={3} max={50} value={minCellSize} onChange={(e) => setMinCellSize(Math.max(3, Math.min(50, Number(e.target.value) || DEFAULT_MIN_CELL_SIZE)))} data-testid="table-min-cell" />
          </label>
          <label>
            {t('tableRounding')}
            <select value={rounding} onChange={(e) => setRounding(Number(e.target.value) as 0 | 3 | 5)}>
              <option value={0}>{t('tableRoundingNone')}</option>
              <option value={3}>3</option>
              <option value={5}>5</option>
            </select>
          </label>
          <label className="inline">
            <input type="checkbox" checked={zeroIsSafe} onChange={(e) => setZeroIsSafe(e.target.checked)} />
            {t('tableZeros')}
          </label>
          <button type="button" className="primary" onClick={() => void protect()} disabled={!exportableAsCounts(indicator) || stage.kind === 'protecting'} data-testid="table-protect">
            {t('tableProtect')}
          </button>
        </div>
        {stage.kind === 'protecting' ? <p role="status">{t('tableProtecting')}</p> : null}
        {stage.kind === 'failed' ? <p role="alert" className="error-box">{fill(t('tableFailed'), { reason: stage.message })}</p> : null}
        {stage.kind === 'preview' ? (
          <>
            <ul className="table-summary" data-testid="table-summary">
              {settingsText(stage.table, language).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <div className="table-preview">
              <table data-testid="table-preview">
                <thead>
                  <tr>
                    {tableHead(language).map((h) => (
                      <th key={h} scope="col">{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {stage.lines.map((l) => (
                    <tr key={l.row.cellId} className={l.cell.status} data-status={l.cell.status} data-area-id={l.row.areaId} data-level={l.row.level}>
                      {csvLine(l.values).split(';').map((v, i) => (
                        <td key={i}>{v}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="actions">
              <button type="button" onClick={() => void save('csv', stage.table, stage.lines)} disabled={!stage.table.audit.ok} data-testid="table-save-csv">
                {t('tableSaveCsv')}
              </button>
              <button type="button" onClick={() => void save('xlsx', stage.table, stage.lines)} disabled={!stage.table.audit.ok} data-testid="table-save-xlsx">
                {t('tableSaveXlsx')}
              </button>
            </div>
          </>
        ) : null}
        {status ? <p role="status" data-testid="table-status">{status}</p> : null}
        <button type="button" onClick={onClose}>
          {t('dismiss')}
        </button>
      </div>
    </div>
  );
}
