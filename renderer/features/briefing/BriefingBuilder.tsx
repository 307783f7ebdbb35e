/**
 * "Lav mødepakke": the analyst chooses areas, indicators, a title and notes; the pack is
 * built from the computed figures through the disclosure rule (values only, no counts),
 * optionally encrypted with a passphrase, saved and recorded in the export log.
 */
import { useEffect, useMemo, useState } from 'react';
import { buildBriefing } from '../../../shared/briefing/build';
import { briefingToBytes, BRIEFING_EXTENSION, ENCRYPTED_BRIEFING_EXTENSION } from '../../../shared/briefing/file';
import { DEFAULT_MIN_CELL_SIZE } from '../../../shared/disclosure/rules';
import type { BriefingPack } from '../../../shared/briefing/schema';
import type { LoadedExtract } from '../../engine/open-extract';
import { getHost } from '../../host';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { extractKey } from '../../stores/saved-view';
import { useViewStore } from '../../stores/view';
import { buildChoropleth } from '../map/choropleth';
import { formatIndicatorValue } from '../../../shared/format/number';
import type { LayerView } from '../map/layer-view';
import type { Flag } from '../../../shared/flags';
import { valueDisclosure, type ValueDisclosure } from '../export/value-disclosure';
import { useCityLifeStore } from '../../stores/citylife';
import { cityLifeBriefing } from '../citylife/briefing-part';

/** Enough for a meeting: more areas would not be read on slides. */
export const MAX_BRIEFING_AREAS = 20;

interface Props {
  extract: LoadedExtract;
  view: LayerView;
  /** The layer's flags (null while they are computed): each area's warnings and alarms go in. */
  flags: readonly Flag[] | null;
  onClose(): void;
}

/** At most this many points of attention per area slide. */
const FLAGS_PER_AREA = 6;

export function BriefingBuilder({ extract, view, flags, onClose }: Props) {
  const t = useT();
  const { language, period, indicatorId, selectedAreaId, compareIds } = useViewStore();
  const { pack, packResults } = extract.analysis;
  const cityLife = useCityLifeStore();
  const directional = pack.indicators.filter((i) => i.direction !== 'context');
  const [title, setTitle] = useState(`${t('briefingDefaultTitle')} – ${extract.manifest.municipality.name} ${period}`);
  const [areaIds, setAreaIds] = useState<string[]>(() => [...new Set([...compareIds, ...(selectedAreaId ? [selectedAreaId] : [])])]);
  const [indicatorIds, setIndicatorIds] = useState<string[]>(() => directional.map((i) => i.id));
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [passphrase, setPassphrase] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showPreview, setShowPreview] = useState(false);
  const sortedAreas = useMemo(() => [...view.areas].sort((a, b) => a.name.localeCompare(b.name, 'da')), [view]);
  const overviewId = indicatorIds.includes(indicatorId) ? indicatorId : (indicatorIds[0] ?? '');

  const ready = title.trim() !== '' && areaIds.length > 0 && areaIds.length <= MAX_BRIEFING_AREAS && indicatorIds.length > 0;
  const chosenIndicators = () => indicatorIds.map((id) => pack.indicators.find((i) => i.id === id)!).filter(Boolean);
  // The attacker check decides which values are withheld: run for the preview whenever the choice changes.
  const disclosureKey = `${period}|${view.layerId}|${areaIds.join(',')}|${indicatorIds.join(',')}`;
  const [checked, setChecked] = useState<{ key: string; disclosure: ValueDisclosure } | null>(null);
  useEffect(() => {
    if (!showPreview || !ready) return;
    let live = true;
    valueDisclosure(extract, view, chosenIndicators(), period, areaIds).then(
      (disclosure) => live && setChecked({ key: disclosureKey, disclosure }),
      (err: unknown) => live && setStatus(fill(t('briefingFailed'), { reason: err instanceof Error ? err.message : String(err) })),
    );
    return () => {
      live = false;
    };
    // The key holds every input of the check.
  }, [disclosureKey, showPreview, ready]);

  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

  const build = (disclosure: ValueDisclosure): BriefingPack => {
      const overviewDef = pack.indicators.find((i) => i.id === overviewId)!;
      const overviewCells = packResults.cells.filter((c) => c.layerId === view.layerId && c.indicatorId === overviewId && c.period === period);
      const map = buildChoropleth(overviewCells, overviewDef.direction);
      const geometryOf = (id: string) => (view.geometry.features.find((f) => String(f.properties[view.idProperty]) === id)?.geometry ?? null) as BriefingPack['areas'][number]['geometry'];
      const layerDef = extract.manifest.areaLayers.find((l) => l.id === view.layerId)!;
      const briefing = buildBriefing({
        title,
        pack,
        results: packResults,
        municipality: extract.manifest.municipality,
        synthetic: extract.manifest.synthetic,
        layer: { id: view.layerId, label: layerDef.label },
        period,
        indicatorIds,
        areas: areaIds.map((id) => ({ id, name: view.areas.find((a) => a.id === id)?.name ?? id, geometry: geometryOf(id), flags: flagTexts(flags, id, period), note: notes[id] ?? '' })),
        overview: { indicatorId: overviewId, classes: map.classes.map(({ lower, upper, colour }) => ({ lower, upper, colour })), colourOf: (id) => map.colourByArea.get(id) ?? '#d9d9d9' },
        protect: (c) => disclosure.areaReason(c.indicatorId, c.areaId),
        protectMunicipality: (id) => disclosure.municipalityReason(id),
        minCellSize: DEFAULT_MIN_CELL_SIZE,
        now: new Date(),
        ...(cityLife.study && cityLife.inBriefing ? { cityLife: cityLifeBriefing(cityLife.study, cityLife.kind, cityLife.source, cityLife.evaluation) } : {}),
      });
      return briefing;
  };

  const save = async () => {
    setBusy(true);
    setStatus(null);
    try {
      // The preview's check, when it is for this very choice; else run it now.
      const disclosure = checked?.key === disclosureKey ? checked.disclosure : await valueDisclosure(extract, view, chosenIndicators(), period, areaIds);
      if (!disclosure.ok) {
        setStatus(fill(t('briefingFailed'), { reason: t('valueAuditFailed') }));
        return;
      }
      const briefing = build(disclosure);
      const encrypted = passphrase !== '';
      const bytes = await briefingToBytes(briefing, encrypted ? passphrase : null);
      const withheld = briefing.areas.reduce((n, a) => n + Object.values(a.figures).filter((f) => f.suppressed !== null).length, 0);
      const saved = await getHost().saveFile({
        suggestedName: `moedepakke-${view.layerId}-${period}${encrypted ? ENCRYPTED_BRIEFING_EXTENSION : BRIEFING_EXTENSION}`,
        mimeType: encrypted ? 'application/octet-stream' : 'application/json',
        bytes,
        audit: {
          kind: 'briefing',
          description: `briefing "${title}": ${areaIds.length} areas of ${view.layerId}, ${indicatorIds.length} indicators, ${period}${encrypted ? ', encrypted with a passphrase' : ''}`,
          extractId: extractKey(extract.manifest),
          suppression: disclosure.summary,
        },
      });
      if (saved.saved) setStatus(fill(t('briefingSaved'), { name: saved.name, withheld }));
    } catch (err) {
      setStatus(fill(t('briefingFailed'), { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  const preview = showPreview && ready && checked?.key === disclosureKey ? build(checked.disclosure) : null;
  return (
    <div className="modal-backdrop">
      <div className="modal briefing-builder" role="dialog" aria-modal="true" aria-labelledby="briefing-title" data-testid="briefing-builder">
        <h2 id="briefing-title">{t('briefingTitle')}</h2>
        <p className="note">{fill(t('briefingIntro'), { min: DEFAULT_MIN_CELL_SIZE })}</p>
        <label className="block">
          {t('briefingName')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} data-testid="briefing-name" />
        </label>
        <div className="briefing-columns">
          <fieldset>
            <legend>{fill(t('briefingAreas'), { max: MAX_BRIEFING_AREAS, chosen: areaIds.length })}</legend>
            <div className="briefing-list">
              {sortedAreas.map((a) => (
                <label key={a.id}>
                  <input type="checkbox" checked={areaIds.includes(a.id)} onChange={(e) => setAreaIds(toggle(areaIds, a.id, e.target.checked))} data-area-id={a.id} />
                  {a.name}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('briefingIndicators')}</legend>
            <div className="briefing-list">
              {pack.indicators.map((d) => (
                <label key={d.id}>
                  <input type="checkbox" checked={indicatorIds.includes(d.id)} onChange={(e) => setIndicatorIds(toggle(indicatorIds, d.id, e.target.checked))} data-indicator-id={d.id} />
                  {d.label[language]}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        {areaIds.length > 0 ? (
          <fieldset>
            <legend>{t('briefingNotes')}</legend>
            {areaIds.map((id) => (
              <label key={id} className="block">
                {view.areas.find((a) => a.id === id)?.name ?? id}
                <textarea value={notes[id] ?? ''} onChange={(e) => setNotes({ ...notes, [id]: e.target.value })} maxLength={4000} rows={2} data-note-for={id} />
              </label>
            ))}
          </fieldset>
        ) : null}
        {cityLife.study ? (
          <label className="inline">
            <input type="checkbox" checked={cityLife.inBriefing} onChange={(e) => cityLife.setInBriefing(e.target.checked)} data-testid="briefing-citylife" />
            {t('briefingCityLife')}
          </label>
        ) : null}
        <label className="block">
          {t('briefingPassphrase')}
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" data-testid="briefing-passphrase" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={showPreview} onChange={(e) => setShowPreview(e.target.checked)} data-testid="briefing-preview-toggle" />
          {t('briefingPreview')}
        </label>
        {preview ? <BriefingPreview briefing={preview} /> : null}
        {status ? <p role="status" data-testid="briefing-status">{status}</p> : null}
        <div className="actions">
          <button type="button" className="primary" onClick={() => void save()} disabled={!ready || busy} data-testid="briefing-save">
            {busy ? t('briefingSaving') : t('briefingSave')}
          </button>
          <button type="button" onClick={onClose}>
            {t('dismiss')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The area's warnings and alarms in the period, most severe first, as text. */
function flagTexts(flags: readonly Flag[] | null, areaId: string, period: number) {
  return (flags ?? [])
    .filter((f) => f.areaId === areaId && f.period === period && f.severity !== 'watch')
    .slice(0, FLAGS_PER_AREA)
    .map((f) => f.explanation);
}

/** What the pack will hold: every area's values, withheld ones marked with the reason. */
function BriefingPreview({ briefing }: { briefing: BriefingPack }) {
  const language = useViewStore((s) => s.language);
  return (
    <div className="table-preview" data-testid="briefing-preview">
      <table>
        <thead>
          <tr>
            <th scope="col" />
            {briefing.indicators.map((i) => (
              <th key={i.id} scope="col">
                {i.label[language]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {briefing.areas.map((a) => (
            <tr key={a.id} data-area-id={a.id}>
              <th scope="row">{a.name}</th>
              {briefing.indicators.map((i) => {
                const f = a.figures[i.id];
                return (
                  <td key={i.id} className={f?.suppressed ? 'withheld' : undefined} data-withheld={f?.suppressed ? 'true' : 'false'}>
                    {f && f.value !== null ? formatIndicatorValue(f.value, i.unit, language) : `– (${f?.suppressed?.[language] ?? ''})`}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
