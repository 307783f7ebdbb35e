/**
 * A flag's evidence, drawn: the funnel plot with the area marked, the area's trend chart
 * with the periods the test used shaded, the cluster and global Moran's I, or a pointer to
 * the official-criteria table.
 */
import { formatIndicatorValue, formatNumber } from '../../../shared/format/number';
import type { Flag, FlagAnalysis } from '../../../shared/flags';
import type { IndicatorPack } from '../../../shared/indicators/pack';
import { fill } from '../../i18n/fill';
import { useT } from '../../i18n/useT';
import { useViewStore } from '../../stores/view';
import { FunnelPlot } from '../charts/FunnelPlot';
import { TrendChart } from '../charts/TrendChart';

interface Props {
  flag: Flag;
  analysis: FlagAnalysis;
  pack: IndicatorPack;
  nameOf(areaId: string): string;
}

export function FlagEvidence({ flag, analysis, pack, nameOf }: Props) {
  const t = useT();
  const { language, selectArea } = useViewStore();
  const def = pack.indicators.find((i) => i.id === flag.link.indicatorId);
  const format = (v: number) => (def ? formatIndicatorValue(v, def.unit, language) : formatNumber(v, language, 3));

  if (flag.link.view === 'funnel-plot' && def) {
    const data = analysis.funnels.find((f) => f.indicatorId === def.id && f.period === flag.period);
    if (!data || data.target === null) return <p>{data?.unavailable?.[language] ?? t('evidenceMissing')}</p>;
    return (
      <div data-testid="evidence-funnel">
        <FunnelPlot
          title={fill(t('evidenceFunnelTitle'), { indicator: def.label[language], period: flag.period })}
          curve={data.curve}
          target={data.target}
          points={data.points.map((p) => ({ areaId: p.areaId, label: nameOf(p.areaId), n: p.denominator, value: p.value, emphasis: p.level ?? 'none' }))}
          selectedAreaId={flag.areaId}
          formatValue={format}
          formatN={(n) => formatNumber(n, language, 0)}
          xLabel={t('evidenceFunnelX')}
          onSelect={selectArea}
        />
        <p className="note">{t('evidenceFunnelLegend')}</p>
      </div>
    );
  }
  if (flag.link.view === 'trend-chart' && def) {
    const series = analysis.trends.find((s) => s.indicatorId === def.id && s.areaId === flag.areaId);
    if (!series) return <p>{t('evidenceMissing')}</p>;
    const tested = flag.kind === 'negative-development' ? (flag.evidence.trend?.periods ?? [flag.period]) : [flag.period];
    return (
      <div data-testid="evidence-trend">
        <TrendChart
          title={fill(t('trendTitle'), { indicator: def.label[language] })}
          series={series.points}
          reference={series.points.map((p) => ({ period: p.period, value: p.reference }))}
          testedPeriods={tested}
          formatValue={format}
          seriesLabel={nameOf(flag.areaId)}
          referenceLabel={t('evidenceReference')}
        />
        <p className="note">{t('evidenceTrendLegend')}</p>
      </div>
    );
  }
  if (flag.kind === 'hot-spot') {
    const e = flag.evidence;
    return (
      <div data-testid="evidence-cluster">
        <p>
          {fill(t('evidenceCluster'), { areas: e.cluster.map(nameOf).join(', ') })}
          {e.globalI !== null ? ` ${fill(t('evidenceGlobalMoran'), { i: formatNumber(e.globalI, language, 2), p: formatNumber(e.globalP ?? 1, language, 3) })}` : ''}
        </p>
        <p className="note">{fill(t('evidenceClusterNote'), { permutations: e.permutations, seed: e.seed })}</p>
      </div>
    );
  }
  return <p data-testid="evidence-criteria">{t('evidenceCriteria')}</p>;
}
