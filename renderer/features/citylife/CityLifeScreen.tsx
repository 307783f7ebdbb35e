/**
 * "Byliv": city-life registrations beside the open extract — from its own tables or from a
 * file (PLDP JSON, counter CSV). Sites on the map by volume, hour × weekday, daily and weekly
 * profiles, mode and activity mix, the sites compared, and the before/after evaluation of an
 * intervention. Exports go through the host's audited save, like every other export.
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { compareSites, dailyProfile, heatMatrix, mix, siteVolumes, summarise, weeklyProfile, type MixField } from '../../../shared/citylife/aggregate';
import { sheetCsv, sheetsXlsx, type Sheet } from '../../../shared/export/sheet-files';
import type { LoadedExtract } from '../../engine/open-extract';
import { getHost } from '../../host';
import { fill } from '../../i18n/fill';
import { extractKey } from '../../stores/saved-view';
import { useCityLifeStore } from '../../stores/citylife';
import { useViewStore } from '../../stores/view';
import { mapToPng } from '../map/export-png';
import { Evaluation } from './Evaluation';
import { formatCount, formatDate } from './format';
import { HeatMap } from './HeatMap';
import { studySpan } from './span';
import { cityLifeTables, loadFromExtract, loadFromFiles } from './load';
import { DailyProfile, WeeklyProfile } from './Profiles';
import { SheetTable } from './SheetTable';
import { SiteMap } from './SiteMap';
import { heatSheet, mixSheet, siteSheet } from './tables';
import { CITY_LIFE_TEXT } from './text';

const MIX_FIELDS: MixField[] = ['mode', 'activity', 'posture', 'ageGroup', 'gender', 'direction', 'group'];

export function CityLifeButton() {
  const language = useViewStore((s) => s.language);
  const show = useCityLifeStore((s) => s.show);
  return (
    <button type="button" onClick={show} data-testid="citylife-open">
      {CITY_LIFE_TEXT[language].open}
    </button>
  );
}

export function CityLifeScreen({ extract }: { extract: LoadedExtract }) {
  const language = useViewStore((s) => s.language);
  const tx = CITY_LIFE_TEXT[language];
  const state = useCityLifeStore();
  const { study, kind, siteIds } = state;
  const [mixField, setMixField] = useState<MixField>('mode');
  const [status, setStatus] = useState<string | null>(null);
  const mapBox = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const hasTables = cityLifeTables(extract.manifest) !== null;

  const fromExtract = async () => {
    state.setLoading();
    try {
      const result = await loadFromExtract(extract.engine, extract.manifest);
      if (result) state.accept(result, tx.fromExtract);
    } catch (err) {
      state.accept({ ok: false, problems: [{ code: 'bad-value', message: { da: String(err), en: String(err) }, where: {} }], problemCount: 1, warnings: [] }, tx.fromExtract);
    }
  };
  // The extract's own registrations, the first time the screen opens.
  useEffect(() => {
    if (state.open && !study && !state.loading && !state.refusal && hasTables) void fromExtract();
  }, [state.open]);

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    state.setLoading();
    state.accept(await loadFromFiles(files), files.map((f) => f.name).join(', '));
  };

  const chosen = siteIds.length > 0 ? siteIds : undefined;
  const views = useMemo(() => {
    if (!study) return null;
    const summary = summarise(study, { kind });
    const matrix = heatMatrix(summary, chosen);
    return {
      summary,
      volumes: siteVolumes(summary),
      matrix,
      weekdays: dailyProfile(summary, chosen, 'weekdays'),
      weekend: dailyProfile(summary, chosen, 'weekend'),
      weekly: weeklyProfile(summary, chosen),
      rows: compareSites(summary, chosen),
      ...studySpan(study),
    };
  }, [study, kind, chosen]);
  const mixView = useMemo(() => (study ? mix(study, mixField, { kind, ...(chosen ? { siteIds: chosen } : {}) }) : null), [study, mixField, kind, chosen]);

  useEffect(() => {
    if (!state.open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && state.hide();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state.open]);

  if (!state.open) return null;
  const unit = kind === 'moving' ? (language === 'da' ? 'pr. time' : 'per hour') : language === 'da' ? 'pr. optælling' : 'per count';
  const toggleSite = (id: string) => state.setSiteIds(siteIds.includes(id) ? siteIds.filter((s) => s !== id) : [...siteIds, id]);
  const mixLabel = tx[mixField];

  const save = async (name: string, mimeType: string, bytes: Uint8Array, what: string, auditKind: string) => {
    try {
      const saved = await getHost().saveFile({
        suggestedName: name,
        mimeType,
        bytes,
        audit: {
          kind: auditKind,
          description: `city life: ${what}; ${state.source}`,
          extractId: extractKey(extract.manifest),
          suppression: 'counts of people in public spaces per site and time (no personal information); no disclosure control needed',
        },
      });
      if (saved.saved) setStatus(fill(tx.saved, { name: saved.name }));
    } catch (err) {
      setStatus(fill(tx.saveFailed, { reason: err instanceof Error ? err.message : String(err) }));
    }
  };
  const sheets = (): Sheet[] => (views && mixView ? [siteSheet(views.rows, unit, language), heatSheet(views.matrix, language), mixSheet(mixView, mixLabel, language)] : []);
  const about = (): [string, string][] => [
    [language === 'da' ? 'Kilde' : 'Source', state.source],
    [language === 'da' ? 'Registreringer' : 'Registrations', kind === 'moving' ? tx.moving : tx.staying],
    [language === 'da' ? 'Definition' : 'Definition', tx.mapNote],
    [language === 'da' ? 'Tid' : 'Time', language === 'da' ? 'Timer og ugedage i dansk tid (Europe/Copenhagen).' : 'Hours and weekdays in Danish time (Europe/Copenhagen).'],
  ];

  return (
    <div className="modal-backdrop citylife-backdrop">
      <div className="modal citylife" role="dialog" aria-modal="true" aria-labelledby="citylife-title" data-testid="citylife">
        <header className="citylife-head">
          <h2 id="citylife-title">{tx.title}</h2>
          <button type="button" onClick={state.hide} data-testid="citylife-close">
            {tx.close}
          </button>
        </header>
        <p className="note">{tx.intro}</p>
        <div className="actions">
          {hasTables ? (
            <button type="button" onClick={() => void fromExtract()} disabled={state.loading}>
              {tx.fromExtract}
            </button>
          ) : null}
          <button type="button" onClick={() => fileInput.current?.click()} disabled={state.loading}>
            {tx.loadFile}
          </button>
          <input ref={fileInput} type="file" multiple accept=".json,.csv,.txt,application/json,text/csv" hidden onChange={(e) => void onFiles(e)} data-testid="citylife-file-input" />
        </div>
        <p className="note">{tx.fileHint}</p>
        {!hasTables && !study && !state.refusal ? <p className="note">{tx.noData}</p> : null}
        {state.loading ? <p role="status">{tx.loading}</p> : null}
        {state.refusal ? (
          <div role="alert" className="error-box" data-testid="citylife-problems">
            <p>{fill(tx.refused, { file: state.refusal.source, count: state.refusal.problemCount })}</p>
            <ul>
              {state.refusal.problems.map((p, i) => (
                <li key={i} data-code={p.code}>
                  {p.message[language]}
                </li>
              ))}
            </ul>
            {state.refusal.problemCount > state.refusal.problems.length ? <p>{fill(tx.more, { count: state.refusal.problemCount - state.refusal.problems.length })}</p> : null}
          </div>
        ) : null}
        {study && views && mixView ? (
          <>
            <p data-testid="citylife-source">
              {fill(tx.source, { source: state.source, sites: study.sites.length, count: formatCount(study.counts.length, language), from: formatDate(views.first, language), to: formatDate(views.last, language) })}
            </p>
            {state.warnings.length > 0 ? (
              <details className="note" data-testid="citylife-warnings">
                <summary>
                  {tx.warnings} ({state.warnings.length})
                </summary>
                <ul>
                  {state.warnings.map((w, i) => (
                    <li key={i} data-code={w.code}>
                      {w.message[language]}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            <div className="citylife-controls">
              <label>
                {tx.kind}
                <select value={kind} onChange={(e) => state.setKind(e.target.value === 'staying' ? 'staying' : 'moving')} data-testid="citylife-kind">
                  <option value="moving">{tx.moving}</option>
                  <option value="staying">{tx.staying}</option>
                </select>
              </label>
              <fieldset className="citylife-sites" data-testid="citylife-sites">
                <legend>{tx.sites}</legend>
                <label>
                  <input type="checkbox" checked={siteIds.length === 0} onChange={() => state.setSiteIds([])} /> {tx.allSites}
                </label>
                {study.sites.map((s) => (
                  <label key={s.id}>
                    <input type="checkbox" checked={siteIds.includes(s.id)} onChange={() => toggleSite(s.id)} data-site-id={s.id} /> {s.name}
                  </label>
                ))}
              </fieldset>
            </div>
            <div className="citylife-grid">
              <section aria-labelledby="cl-map-title">
                <h3 id="cl-map-title">{tx.mapTitle}</h3>
                <div ref={mapBox}>
                  <SiteMap volumes={views.volumes} selected={siteIds} outline={extract.baseLayer} unit={unit} language={language} onChoose={toggleSite} />
                </div>
                <p className="note">{tx.mapNote}</p>
                <button
                  type="button"
                  data-testid="citylife-save-png"
                  onClick={() => {
                    const container = mapBox.current?.querySelector<HTMLElement>('[data-testid="citylife-map"]');
                    if (!container) return;
                    void mapToPng(container, { title: tx.mapTitle, subtitle: `${state.source} · ${kind === 'moving' ? tx.moving : tx.staying}`, classes: [], notes: [tx.mapNote], footer: `Bydelsmonitor · ${new Date().toISOString().slice(0, 10)}` }).then((png) =>
                      save('byliv-kort.png', 'image/png', png, 'map of sites by volume', 'citylife-png'),
                    );
                  }}
                >
                  {tx.exportPng}
                </button>
              </section>
              <section>
                <HeatMap matrix={views.matrix} language={language} />
              </section>
              <section>
                <DailyProfile weekdays={views.weekdays} weekend={views.weekend} language={language} />
                <WeeklyProfile points={views.weekly} language={language} />
              </section>
              <section aria-labelledby="cl-mix-title">
                <h3 id="cl-mix-title">{tx.mixTitle}</h3>
                <select value={mixField} onChange={(e) => setMixField(e.target.value as MixField)} aria-label={tx.mixTitle} data-testid="citylife-mix-field">
                  {MIX_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {tx[f]}
                    </option>
                  ))}
                </select>
                <SheetTable sheet={mixSheet(mixView, mixLabel, language)} language={language} testId="citylife-mix" />
              </section>
            </div>
            <section aria-labelledby="cl-compare-title">
              <h3 id="cl-compare-title">{tx.compareTitle}</h3>
              <SheetTable sheet={siteSheet(views.rows, unit, language)} language={language} testId="citylife-compare" skipColumns={1} />
              <div className="actions">
                <button type="button" onClick={() => void save('byliv-tabel.csv', 'text/csv', sheetCsv(siteSheet(views.rows, unit, language)), 'sites compared', 'citylife-csv')} data-testid="citylife-save-csv">
                  {tx.exportCsv}
                </button>
                <button
                  type="button"
                  onClick={() => void sheetsXlsx(sheets(), { title: language === 'da' ? 'Om tabellerne' : 'About', lines: about(), created: new Date() }).then((bytes) => save('byliv-tabeller.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes, 'sites compared, hour × weekday, mix', 'citylife-xlsx'))}
                  data-testid="citylife-save-xlsx"
                >
                  {tx.exportXlsx}
                </button>
                <label className="inline">
                  <input type="checkbox" checked={state.inBriefing} onChange={(e) => state.setInBriefing(e.target.checked)} data-testid="citylife-in-briefing" /> {tx.toBriefing}
                </label>
              </div>
            </section>
            {/* Keyed by the load: its site and dates belong to the study it was chosen in. */}
            <Evaluation key={state.loads} study={study} language={language} onSave={save} />
          </>
        ) : null}
        {status ? (
          <p className="note" role="status" data-testid="citylife-status">
            {status}
          </p>
        ) : null}
      </div>
    </div>
  );
}
