/**
 * Target-group profile (programme element 2): the analyst defines a group — period, areas,
 * age band, categories of the person table's columns — and a comparison population; the
 * engine returns aggregates only, and the panel shows the characteristics that differ
 * most, with intervals and standardised effect sizes, small cells suppressed. No person
 * is ever listed or scored. Method: docs/target-group.md.
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { formatNumber } from '../../../shared/format/number';
import type { Language } from '../../../shared/i18n/messages';
import { MUNICIPALITY_LAYER } from '../../../shared/indicators/compile';
import type { Condition, Filter, FilterNode } from '../../../shared/indicators/pack';
import type { AreaFilter, Category, ComparisonPopulation, TargetGroupDefinition } from '../../../shared/profile/definition';
import { loadProfileCatalogue, runTargetGroupProfile, type ProfileCatalogue, type ProfileRun, type ProfileStage } from '../../../shared/profile/run';
import type { ProfileRow } from '../../../shared/profile/statistics';
import type { LoadedExtract } from '../../engine/open-extract';
import { fill } from '../../i18n/fill';
import { useViewStore } from '../../stores/view';
import { categoryLabel, columnLabel, TEXT } from './text';
import './target-group.css';

/** Steps over this long show progress. */
const PROGRESS_DELAY_MS = 300;
const STAGES: readonly ProfileStage[] = ['catalogue', 'aggregates', 'statistics'];
/** A form value standing for the missing-value category (a category is otherwise any string). */
const MISSING = '\u0000missing';
const AGE_COLUMN = 'age';

type ComparisonKind = 'rest' | 'municipality' | 'areas';

type RunState =
  | { phase: 'idle' }
  | { phase: 'running'; stage: ProfileStage; showProgress: boolean }
  | { phase: 'done'; result: ProfileRun }
  | { phase: 'failed'; reason: string };

// One id per open extract: its engine lives as long as the extract (another pack gives a new
// LoadedExtract object but the same engine, and the panel keeps its definition).
const extractIds = new WeakMap<object, number>();
let nextExtractId = 1;

/** The panel for one extract (its state starts afresh when another extract is opened). */
export function TargetGroupPanel({ extract }: { extract: LoadedExtract }) {
  let id = extractIds.get(extract.engine);
  if (id === undefined) {
    id = nextExtractId++;
    extractIds.set(extract.engine, id);
  }
  return <Panel key={id} extract={extract} />;
}

const toCategory = (value: string): Category => (value === MISSING ? null : value);
const fromCategory = (category: Category): string => category ?? MISSING;

/** The categories chosen for a column as a filter node: `in`, `is-null`, or any of both. */
function categoryNode(column: string, chosen: readonly string[]): FilterNode | null {
  if (chosen.length === 0) return null;
  const values = chosen.filter((v) => v !== MISSING);
  const parts: Condition[] = [];
  if (values.length > 0) parts.push({ column, op: 'in', values });
  if (chosen.includes(MISSING)) parts.push({ column, op: 'is-null' });
  return parts.length === 1 ? (parts[0] as Condition) : { any: parts };
}

function parseAge(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function Panel({ extract }: { extract: LoadedExtract }) {
  const language = useViewStore((s) => s.language);
  const viewPeriod = useViewStore((s) => s.period);
  const tx = TEXT[language];
  const { manifest, engine } = extract;
  const areaMap = extract.analysis.areaMap;

  const [catalogue, setCatalogue] = useState<ProfileCatalogue | null>(null);
  const [catalogueError, setCatalogueError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadProfileCatalogue(engine, manifest).then(
      (c) => live && setCatalogue(c),
      (err: unknown) => live && setCatalogueError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [engine, manifest]);

  const latest = manifest.periods[manifest.periods.length - 1] ?? 0;
  const [period, setPeriod] = useState(manifest.periods.includes(viewPeriod) ? viewPeriod : latest);
  const layers = useMemo(
    () => manifest.areaLayers.filter((l) => areaMap.areas.some((a) => a.layerId === l.id)),
    [manifest, areaMap],
  );
  const preferredLayer = layers.find((l) => l.id === 'boligomraade')?.id ?? layers[0]?.id ?? MUNICIPALITY_LAYER;
  const [layerId, setLayerId] = useState(preferredLayer);
  const [areaIds, setAreaIds] = useState<string[]>([]);
  const [ageMin, setAgeMin] = useState('');
  const [ageMax, setAgeMax] = useState('');
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [comparisonKind, setComparisonKind] = useState<ComparisonKind>('rest');
  const [comparisonLayerId, setComparisonLayerId] = useState(layers.find((l) => l.id === 'bydel')?.id ?? preferredLayer);
  const [comparisonAreaIds, setComparisonAreaIds] = useState<string[]>([]);
  const [sameConditions, setSameConditions] = useState(false);
  const [includeContested, setIncludeContested] = useState(false);
  const [run, setRun] = useState<RunState>({ phase: 'idle' });
  const runId = useRef(0);
  useEffect(() => () => {
    runId.current += 1; // a run still under way when the panel goes is ignored
  }, []);

  const areasOf = (layer: string) =>
    areaMap.areas.filter((a) => a.layerId === layer).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const hasAge = catalogue?.columns.some((c) => c.name === AGE_COLUMN && c.kind === 'numeric') ?? false;
  const conditionColumns = (catalogue?.columns ?? []).filter((c) => c.kind === 'categorical' && (c.contested === null || includeContested));
  const contestedColumns = (catalogue?.columns ?? []).filter((c) => c.contested !== null);

  const definition = (): TargetGroupDefinition => {
    const conditions: FilterNode[] = [];
    const min = parseAge(ageMin);
    const max = parseAge(ageMax);
    if (min !== null && max !== null) conditions.push({ column: AGE_COLUMN, op: 'between', min, max });
    else if (min !== null) conditions.push({ column: AGE_COLUMN, op: 'gte', value: min });
    else if (max !== null) conditions.push({ column: AGE_COLUMN, op: 'lte', value: max });
    for (const column of conditionColumns) {
      const node = categoryNode(column.name, chosen[column.name] ?? []);
      if (node) conditions.push(node);
    }
    const area: AreaFilter = layerId === MUNICIPALITY_LAYER ? { kind: 'municipality' } : { kind: 'areas', layerId, areaIds };
    const comparison: ComparisonPopulation =
      comparisonKind === 'rest'
        ? 'rest-of-municipality'
        : comparisonKind === 'municipality'
          ? 'municipality'
          : { kind: 'areas', layerId: comparisonLayerId, areaIds: comparisonAreaIds };
    return { period, area, conditions: conditions as Filter, comparison, comparisonConditions: sameConditions ? 'same' : 'none', includeContested };
  };

  const start = async () => {
    if (!catalogue) return;
    const id = ++runId.current;
    setRun({ phase: 'running', stage: 'catalogue', showProgress: false });
    const timer = setTimeout(() => {
      if (runId.current === id) setRun((r) => (r.phase === 'running' ? { ...r, showProgress: true } : r));
    }, PROGRESS_DELAY_MS);
    try {
      const result = await runTargetGroupProfile(engine, manifest, definition(), {
        catalogue,
        areaMapRows: areaMap.rows,
        areas: areaMap.areas,
        onStage: (stage) => {
          if (runId.current === id) setRun((r) => (r.phase === 'running' ? { ...r, stage } : r));
        },
      });
      if (runId.current === id) setRun({ phase: 'done', result });
    } catch (err) {
      if (runId.current === id) setRun({ phase: 'failed', reason: err instanceof Error ? err.message : String(err) });
    } finally {
      clearTimeout(timer);
    }
  };

  const toggleCategory = (column: string, value: string, on: boolean) =>
    setChosen((c) => {
      const current = c[column] ?? [];
      return { ...c, [column]: on ? [...current, value] : current.filter((v) => v !== value) };
    });
  const selected = (e: ChangeEvent<HTMLSelectElement>) => [...e.target.selectedOptions].map((o) => o.value);
  const running = run.phase === 'running';

  return (
    <section className="target-group-panel" aria-labelledby="tg-title" data-testid="target-group-panel">
      <h2 id="tg-title">{tx.title}</h2>
      <p className="tg-intro">{tx.intro}</p>
      {catalogueError ? (
        <p className="tg-error" role="alert">
          {fill(tx.catalogueFailed, { reason: catalogueError })}
        </p>
      ) : !catalogue ? (
        <p role="status" data-testid="tg-catalogue-loading">
          {tx.loadingCatalogue}
        </p>
      ) : (
        <form
          className="tg-form"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <fieldset className="tg-group">
            <legend>{tx.groupLegend}</legend>
            <div className="tg-row">
              <label>
                {tx.period}
                <select value={period} onChange={(e) => setPeriod(Number(e.target.value))} data-testid="tg-period">
                  {manifest.periods.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {tx.areaLayer}
                <select
                  value={layerId}
                  onChange={(e) => {
                    setLayerId(e.target.value);
                    setAreaIds([]);
                  }}
                  data-testid="tg-layer"
                >
                  {layers.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.label[language]}
                    </option>
                  ))}
                  <option value={MUNICIPALITY_LAYER}>{tx.wholeMunicipality}</option>
                </select>
              </label>
              {layerId !== MUNICIPALITY_LAYER ? (
                <label>
                  {tx.areas}
                  <select multiple size={6} value={areaIds} onChange={(e) => setAreaIds(selected(e))} aria-describedby="tg-areas-hint" data-testid="tg-areas">
                    {areasOf(layerId).map((a) => (
                      <option key={a.areaId} value={a.areaId}>
                        {a.name} ({a.areaId})
                      </option>
                    ))}
                  </select>
                  <span id="tg-areas-hint" className="tg-hint">
                    {tx.areasHint}
                  </span>
                </label>
              ) : null}
              {hasAge ? (
                <>
                  <label>
                    {tx.ageFrom}
                    <input type="number" inputMode="numeric" min={0} max={130} value={ageMin} onChange={(e) => setAgeMin(e.target.value)} data-testid="tg-age-min" />
                  </label>
                  <label>
                    {tx.ageTo}
                    <input type="number" inputMode="numeric" min={0} max={130} value={ageMax} onChange={(e) => setAgeMax(e.target.value)} data-testid="tg-age-max" />
                  </label>
                </>
              ) : null}
            </div>
            <fieldset className="tg-conditions">
              <legend>{tx.conditionsLegend}</legend>
              <p className="tg-hint">{tx.conditionsHint}</p>
              <div className="tg-condition-grid">
                {conditionColumns.map((column) => (
                  <fieldset key={column.name} className="tg-condition" data-testid={`tg-cond-${column.name}`}>
                    <legend>
                      {columnLabel(column.name, language)}
                      {column.contested ? <span className="tg-tag"> ({tx.contestedTag})</span> : null}
                    </legend>
                    {column.categories.map((category) => {
                      const value = fromCategory(category);
                      return (
                        <label key={value} className="tg-check">
                          <input
                            type="checkbox"
                            value={value}
                            checked={(chosen[column.name] ?? []).includes(value)}
                            onChange={(e) => toggleCategory(column.name, value, e.target.checked)}
                          />
                          {categoryLabel(column.name, toCategory(value), language)}
                        </label>
                      );
                    })}
                  </fieldset>
                ))}
              </div>
            </fieldset>
          </fieldset>

          <fieldset className="tg-comparison">
            <legend>{tx.comparisonLegend}</legend>
            <div className="tg-radios" role="radiogroup" aria-label={tx.comparisonLegend}>
              {(
                [
                  ['rest', tx.comparisonRest],
                  ['municipality', tx.comparisonMunicipality],
                  ['areas', tx.comparisonAreas],
                ] as const
              ).map(([kind, label]) => (
                <label key={kind} className="tg-check">
                  <input type="radio" name="tg-comparison" value={kind} checked={comparisonKind === kind} onChange={() => setComparisonKind(kind)} data-testid={`tg-comparison-${kind}`} />
                  {label}
                </label>
              ))}
            </div>
            {comparisonKind === 'areas' ? (
              <div className="tg-row">
                <label>
                  {tx.comparisonLayer}
                  <select
                    value={comparisonLayerId}
                    onChange={(e) => {
                      setComparisonLayerId(e.target.value);
                      setComparisonAreaIds([]);
                    }}
                    data-testid="tg-comparison-layer"
                  >
                    {layers.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.label[language]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {tx.comparisonAreasLabel}
                  <select multiple size={6} value={comparisonAreaIds} onChange={(e) => setComparisonAreaIds(selected(e))} aria-describedby="tg-areas-hint" data-testid="tg-comparison-areas">
                    {areasOf(comparisonLayerId).map((a) => (
                      <option key={a.areaId} value={a.areaId}>
                        {a.name} ({a.areaId})
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            ) : null}
            <label className="tg-check">
              <input type="checkbox" checked={sameConditions} onChange={(e) => setSameConditions(e.target.checked)} data-testid="tg-same-conditions" />
              {tx.sameConditions}
            </label>
          </fieldset>

          {contestedColumns.length > 0 ? (
            <div className="tg-contested">
              <label className="tg-check">
                <input
                  type="checkbox"
                  checked={includeContested}
                  onChange={(e) => {
                    setIncludeContested(e.target.checked);
                    if (!e.target.checked) setChosen((c) => Object.fromEntries(Object.entries(c).filter(([k]) => !contestedColumns.some((x) => x.name === k))));
                  }}
                  aria-describedby="tg-contested-note"
                  data-testid="tg-include-contested"
                />
                {tx.includeContested}
              </label>
              <p id="tg-contested-note" className="tg-hint">
                {tx.contestedNote}
              </p>
            </div>
          ) : null}

          <div className="tg-actions">
            <button type="submit" className="primary" disabled={running} aria-busy={running} data-testid="tg-run">
              {running ? tx.running : tx.run}
            </button>
          </div>
        </form>
      )}

      {run.phase === 'running' && run.showProgress ? (
        <div className="tg-progress" role="status" aria-live="polite" data-testid="tg-progress">
          <progress max={STAGES.length} value={STAGES.indexOf(run.stage) + 0.5} aria-label={tx.running} />
          <span>{tx[`stage_${run.stage}`]} …</span>
        </div>
      ) : null}
      {run.phase === 'failed' ? (
        <p className="tg-error" role="alert" data-testid="tg-failed">
          {fill(tx.failed, { reason: run.reason })}
        </p>
      ) : null}
      {run.phase === 'done' ? <Result result={run.result} language={language} /> : null}
    </section>
  );
}

function Result({ result, language }: { result: ProfileRun; language: Language }) {
  const tx = TEXT[language];
  if (result.status === 'invalid') {
    return (
      <div className="tg-error" role="alert" data-testid="tg-problems">
        <p>{tx.problems}</p>
        <ul>
          {result.problems.map((p, i) => (
            <li key={i}>{p.message[language]}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (result.status === 'too-small') {
    const message = result.population === 'group' ? tx.tooSmallGroup : result.population === 'comparison' ? tx.tooSmallComparison : tx.tooSmallBoth;
    return (
      <p className="tg-message" role="status" data-testid="tg-too-small" data-population={result.population}>
        {fill(message, { minimum: result.minGroupSize })}
      </p>
    );
  }
  const count = (n: number) => formatNumber(n, language);
  return (
    <div className="tg-result" data-testid="tg-result" role="region" aria-label={tx.title}>
      <p className="tg-sizes" data-testid="tg-sizes">
        <span>
          {tx.groupSizeLabel}: <strong data-testid="tg-group-size">{count(result.groupSize)}</strong> {tx.persons}
        </span>
        <span>
          {tx.comparisonSizeLabel}: <strong data-testid="tg-comparison-size">{count(result.comparisonSize)}</strong> {tx.persons}
        </span>
        <span>{result.period}</span>
      </p>
      {result.overlap !== 'none' ? (
        <p className="tg-hint" data-testid="tg-overlap">
          {result.overlap === 'all' ? tx.overlapAll : tx.overlapPartial}
        </p>
      ) : null}
      {result.rows.length === 0 ? (
        <p>{tx.noRows}</p>
      ) : (
        <div className="tg-scroll">
          <table className="tg-table">
            <caption>{tx.resultCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{tx.colRank}</th>
                <th scope="col">{tx.colCharacteristic}</th>
                <th scope="col" className="number">{tx.colGroup}</th>
                <th scope="col" className="number">{tx.colComparison}</th>
                <th scope="col" className="number">{tx.colDifference}</th>
                <th scope="col" className="number">{tx.colEffect}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <ResultRow key={row.id} row={row} language={language} minCell={result.minCell} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="tg-hint">{fill(tx.methodNote, { minCell: result.minCell, zeros: result.zeroIsSafe ? '' : tx.zerosIncluded })}</p>
    </div>
  );
}

function characteristicText(row: ProfileRow, language: Language): string {
  const c = row.characteristic;
  return c.kind === 'mean'
    ? `${columnLabel(c.column, language)} (${TEXT[language].mean})`
    : `${columnLabel(c.column, language)}: ${categoryLabel(c.column, c.category, language)}`;
}

/** A number as shown, with a true minus sign, and no "−0" for a value that rounds to zero. */
function shownNumber(value: number, language: Language, decimals: number): string {
  const rounded = Number(value.toFixed(decimals));
  const text = formatNumber(Math.abs(value), language, decimals);
  return rounded < 0 ? `−${text}` : text;
}

/** A signed number as shown: the sign of the rounded value (so a tiny negative reads ±0,0). */
function signed(value: number, language: Language, decimals: number): string {
  const rounded = Number(value.toFixed(decimals));
  const text = formatNumber(Math.abs(value), language, decimals);
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : `±${text}`;
}

function ResultRow({ row, language, minCell }: { row: ProfileRow; language: Language; minCell: number }) {
  const tx = TEXT[language];
  const label = (
    <th scope="row" data-testid="tg-characteristic">
      {characteristicText(row, language)}
      {row.contested ? <span className="tg-tag"> ({tx.contestedTag})</span> : null}
      {row.inDefinition ? (
        <span className="tg-tag" title={tx.inDefinitionTitle}>
          {' '}
          ({tx.inDefinition})
        </span>
      ) : null}
    </th>
  );
  const common = { 'data-row-id': row.id, 'data-column': row.characteristic.column, 'data-suppressed': String(row.suppressed) };
  if (row.suppressed) {
    // Primary and complementary suppression look the same: telling them apart would narrow the counts.
    const cell = (testId: string) => (
      <td className="number tg-suppressed" data-testid={testId} title={fill(tx.suppressedTitle, { minCell })}>
        {tx.suppressed}
      </td>
    );
    return (
      <tr {...common} className="tg-row-suppressed">
        <td data-testid="tg-rank">–</td>
        {label}
        {cell('tg-group-value')}
        {cell('tg-comparison-value')}
        {cell('tg-difference')}
        {cell('tg-effect')}
      </tr>
    );
  }
  const share = row.characteristic.kind === 'share';
  const decimals = (x: number) => (Math.abs(x) < 1 ? 3 : Math.abs(x) < 100 ? 1 : 0);
  const value = (x: number, sd: number | null) =>
    share ? `${formatNumber(x * 100, language, 1)} %` : `${formatNumber(x, language, decimals(x))}${sd !== null ? ` (${tx.sd} ${formatNumber(sd, language, decimals(sd))})` : ''}`;
  const scale = share ? 100 : 1;
  // A difference of means in the precision of the means themselves.
  const differenceDecimals = share ? 1 : decimals(Math.max(Math.abs(row.group), Math.abs(row.comparison)));
  const plain = (x: number) => shownNumber(x * scale, language, differenceDecimals);
  const unit = share ? ` ${tx.points}` : '';
  const interval = row.interval ? ` (${plain(row.interval.lower)} ${tx.to} ${plain(row.interval.upper)})` : '';
  const effect = row.effect === null ? '–' : `${row.effectMeasure === 'cohens-h' ? 'h' : 'd'} = ${shownNumber(row.effect, language, 2)}`;
  return (
    <tr {...common} data-rank={row.rank ?? ''} className={row.inDefinition ? 'tg-row-definition' : undefined}>
      <td data-testid="tg-rank">{row.rank ?? '–'}</td>
      {label}
      <td className="number" data-testid="tg-group-value">
        {value(row.group, row.groupSd)}
      </td>
      <td className="number" data-testid="tg-comparison-value">
        {value(row.comparison, row.comparisonSd)}
      </td>
      <td className="number" data-testid="tg-difference">
        {signed(row.difference * scale, language, differenceDecimals)}
        {unit}
        {interval}
      </td>
      <td className="number" data-testid="tg-effect">
        {effect}
      </td>
    </tr>
  );
}
