/**
 * The flags list: everything that stands out or develops badly on the layer in view, most
 * severe first, filterable by kind, indicator, area and severity, each with its
 * explanation and its evidence one click away. Settings: over-dispersion, false-discovery
 * control, and whether the contested origin criterion is evaluated.
 */
import { useState } from 'react';
import { filterFlags, KIND_LABEL, SEVERITY_LABEL, FLAG_KINDS, type Flag, type FlagAnalysis, type FlagKind, type FlagSeverity } from '../../../shared/flags';
import { formatIndicatorValue, formatNumber } from '../../../shared/format/number';
import { FunnelPlot } from '../charts/FunnelPlot';
import type { IndicatorPack } from '../../../shared/indicators/pack';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { useViewStore } from '../../stores/view';
import { FlagEvidence } from './FlagEvidence';
import type { FlagState } from './use-flag-analysis';

const SEVERITY_GLYPH: Record<FlagSeverity, string> = { alarm: '▲', warning: '■', watch: '◆' };
/** The list shows this many at first; the rest on request. */
const PAGE = 50;

interface Props {
  state: FlagState;
  pack: IndicatorPack;
  nameOf(areaId: string): string;
}

export function FlagsPanel({ state, pack, nameOf }: Props) {
  const t = useT();
  const { language, period, selectedAreaId, indicatorId: mapIndicatorId, flagSettings, setFlagSettings, selectArea, setIndicator } = useViewStore();
  const [kind, setKind] = useState<FlagKind | ''>('');
  const [indicatorId, setIndicatorId] = useState('');
  const [onlySelected, setOnlySelected] = useState(false);
  // Warnings and alarms first: the watch list is one click away, not noise in the list.
  const [minSeverity, setMinSeverity] = useState<FlagSeverity>('warning');
  const [openId, setOpenId] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);

  const settings = (
    <div className="flag-settings">
      <label>
        {t('flagsOverdispersion')}
        <select value={flagSettings.overdispersion} onChange={(e) => setFlagSettings({ ...flagSettings, overdispersion: e.target.value as typeof flagSettings.overdispersion })} data-testid="flags-overdispersion">
          <option value="additive">{t('flagsOverdispersionAdditive')}</option>
          <option value="multiplicative">{t('flagsOverdispersionMultiplicative')}</option>
          <option value="none">{t('flagsOverdispersionNone')}</option>
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={flagSettings.fdr} onChange={(e) => setFlagSettings({ ...flagSettings, fdr: e.target.checked })} data-testid="flags-fdr" />
        {t('flagsFdr')}
      </label>
      {(pack.classifications?.length ?? 0) > 0 ? (
        <label className="inline">
          <input type="checkbox" checked={flagSettings.includeContested} onChange={(e) => setFlagSettings({ ...flagSettings, includeContested: e.target.checked })} />
          {t('flagsContested')}
        </label>
      ) : null}
    </div>
  );

  const current = state.status === 'ready' ? state.analysis : state.status === 'computing' ? state.previous : null;
  if (!current) {
    return (
      <section className="flags-panel" aria-labelledby="flags-title" data-testid="flags-panel">
        <h2 id="flags-title">{t('flagsTitle')}</h2>
        {settings}
        {state.status === 'failed' ? <p role="alert" className="error-box">{fill(t('flagsFailed'), { reason: state.message })}</p> : <p role="status" data-testid="flags-computing">{t('flagsComputing')}</p>}
      </section>
    );
  }

  const analysis = current;
  const flags = filterFlags(analysis.flags, {
    ...(kind ? { kinds: [kind] } : {}),
    ...(indicatorId ? { indicatorIds: [indicatorId] } : {}),
    ...(onlySelected && selectedAreaId ? { areaIds: [selectedAreaId] } : {}),
    ...(flagSettings.allPeriods ? {} : { periods: [period] }),
    minSeverity,
  });
  const flaggedIndicators = pack.indicators.filter((i) => analysis.flags.some((f) => f.indicatorId === i.id));
  const label = (f: Flag) => (f.indicatorId ? (pack.indicators.find((i) => i.id === f.indicatorId)?.label[language] ?? f.indicatorId) : (pack.classifications?.find((c) => c.id === f.classificationId)?.label[language] ?? ''));

  return (
    <section className="flags-panel" aria-labelledby="flags-title" data-testid="flags-panel">
      <h2 id="flags-title">
        {t('flagsTitle')} <span className="count">({fill(t('flagsCount'), { shown: flags.length, all: analysis.flags.length })})</span>
      </h2>
      {settings}
      {state.status === 'computing' ? (
        <p role="status" className="note" data-testid="flags-computing">
          {t('flagsComputing')}
        </p>
      ) : null}
      <div className="flag-filters">
        <label>
          {t('flagsKind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as FlagKind | '')} data-testid="flags-kind">
            <option value="">{t('flagsAll')}</option>
            {FLAG_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k][language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('indicator')}
          <select value={indicatorId} onChange={(e) => setIndicatorId(e.target.value)} data-testid="flags-indicator">
            <option value="">{t('flagsAll')}</option>
            {flaggedIndicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('flagsSeverity')}
          <select value={minSeverity} onChange={(e) => setMinSeverity(e.target.value as FlagSeverity)} data-testid="flags-severity">
            <option value="watch">{t('flagsAll')}</option>
            <option value="warning">{t('flagsWarningUp')}</option>
            <option value="alarm">{SEVERITY_LABEL.alarm[language]}</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={onlySelected} onChange={(e) => setOnlySelected(e.target.checked)} disabled={!selectedAreaId} data-testid="flags-only-selected" />
          {t('flagsOnlySelected')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={flagSettings.allPeriods} onChange={(e) => setFlagSettings({ ...flagSettings, allPeriods: e.target.checked })} data-testid="flags-all-periods" />
          {t('flagsAllPeriods')}
        </label>
      </div>
      <IndicatorFunnel analysis={analysis} pack={pack} indicatorId={mapIndicatorId} period={period} selectedAreaId={selectedAreaId} nameOf={nameOf} />
      {flags.length === 0 ? <p data-testid="flags-empty">{t('flagsNone')}</p> : null}
      <ol className="flag-list" data-testid="flag-list">
        {flags.slice(0, shown).map((f) => (
          <li key={f.id} className={`flag ${f.severity}`} data-flag-id={f.id} data-kind={f.kind} data-area-id={f.areaId} data-severity={f.severity}>
            <div className="flag-head">
              <span className={`flag-severity ${f.severity}`}>
                <span aria-hidden="true">{SEVERITY_GLYPH[f.severity]}</span> {SEVERITY_LABEL[f.severity][language]}
              </span>
              <strong>{KIND_LABEL[f.kind][language]}</strong>
              <button type="button" className="link" onClick={() => selectArea(f.areaId)}>
                {nameOf(f.areaId)}
              </button>
              <span>{label(f)}</span>
              <span className="flag-since">{f.since < f.period ? fill(t('flagsSince'), { since: f.since, period: f.period }) : f.period}</span>
            </div>
            <p className="flag-text">{f.explanation[language]}</p>
            <button
              type="button"
              onClick={() => {
                setOpenId(openId === f.id ? null : f.id);
                if (f.indicatorId) setIndicator(f.indicatorId);
              }}
              aria-expanded={openId === f.id}
              data-testid="flag-evidence-toggle"
            >
              {openId === f.id ? t('flagsHideEvidence') : t('flagsShowEvidence')}
            </button>
            {openId === f.id ? <FlagEvidence flag={f} analysis={analysis} pack={pack} nameOf={nameOf} /> : null}
          </li>
        ))}
      </ol>
      {flags.length > shown ? (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          {fill(t('flagsMore'), { n: Math.min(PAGE, flags.length - shown) })}
        </button>
      ) : null}
      {analysis.skipped.length > 0 ? (
        <details className="flags-skipped">
          <summary>{fill(t('flagsSkipped'), { n: analysis.skipped.length })}</summary>
          <ul>
            {analysis.skipped.map((s, i) => (
              <li key={i}>
                {pack.indicators.find((x) => x.id === s.indicatorId)?.label[language] ?? s.indicatorId} – {KIND_LABEL[s.kind][language]}: {s.reason[language]}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** The funnel plot of the indicator on the map, whether or not any area is flagged. */
function IndicatorFunnel(props: { analysis: FlagAnalysis; pack: IndicatorPack; indicatorId: string; period: number; selectedAreaId: string | null; nameOf(areaId: string): string }) {
  const t = useT();
  const { language, selectArea } = useViewStore();
  // Drawn only while open: a closed plot would be re-rendered on every change for nothing.
  const [open, setOpen] = useState(false);
  const def = props.pack.indicators.find((i) => i.id === props.indicatorId);
  const data = props.analysis.funnels.find((f) => f.indicatorId === props.indicatorId && f.period === props.period);
  if (!def || !data) return null;
  return (
    <details className="indicator-funnel" data-testid="indicator-funnel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{fill(t('evidenceFunnelTitle'), { indicator: def.label[language], period: props.period })}</summary>
      {!open ? null : data.target === null ? (
        <p>{data.unavailable?.[language] ?? t('evidenceMissing')}</p>
      ) : (
        <>
          <FunnelPlot
            title={fill(t('evidenceFunnelTitle'), { indicator: def.label[language], period: props.period })}
            curve={data.curve}
            target={data.target}
            points={data.points.map((p) => ({ areaId: p.areaId, label: props.nameOf(p.areaId), n: p.denominator, value: p.value, emphasis: p.level ?? 'none' }))}
            selectedAreaId={props.selectedAreaId}
            formatValue={(v) => formatIndicatorValue(v, def.unit, language)}
            formatN={(n) => formatNumber(n, language, 0)}
            xLabel={t('evidenceFunnelX')}
            onSelect={selectArea}
          />
          <p className="note">{t('evidenceFunnelLegend')}</p>
        </>
      )}
    </details>
  );
}
