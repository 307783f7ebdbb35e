/** Small text helpers for the builder screen's messages. */
import type { BuildReport, Problem } from '../../../shared/builder';
import type { Language, MessageKey } from '../../../shared/i18n/messages';
import type { ProgressStep } from './protocol';

import { fill } from '../../i18n/fill';

export { fill };

export function formatInteger(n: number, language: Language): string {
  return new Intl.NumberFormat(language === 'da' ? 'da-DK' : 'en-GB').format(n);
}

/** [2015, 2016, 2017, 2020] → "2015–2017, 2020". */
export function periodRanges(periods: readonly number[]): string {
  const sorted = [...periods].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** Where in a table or layer a problem is: "17 og 3 andre (20, 21, 22)", "objekt 3 (id 0101)". */
export function problemRows(p: Problem, t: (key: MessageKey) => string, language: Language): string {
  const at = p.row ?? p.feature;
  if (at === undefined) return '';
  let text = p.row !== undefined ? String(at) : `${t('builderFeature')} ${at}`;
  if (p.featureId !== undefined) text += ` (id ${p.featureId})`;
  if (p.count !== undefined && p.count > 1) {
    const more = p.moreRows ?? [];
    const others = p.count - 1;
    const list = `${more.join(', ')}${others > more.length ? ', …' : ''}`;
    text += ` ${fill(t(others === 1 ? 'builderAndOneOther' : 'builderAndOthers'), { n: formatInteger(others, language) })}`;
    if (list) text += ` (${list})`;
  }
  return text;
}

/** Errors first, then warnings; within each, the report's own order. */
export function orderedProblems(report: BuildReport): Problem[] {
  return [...report.problems.filter((p) => p.severity === 'error'), ...report.problems.filter((p) => p.severity !== 'error')];
}

export function stepLabel(step: ProgressStep, t: (key: MessageKey) => string): string {
  switch (step.step) {
    case 'read':
      return t('builderStepRead');
    case 'spec':
      return t('builderStepSpec');
    case 'layer':
      return fill(t('builderStepLayer'), { name: step.id });
    case 'table':
      return fill(t('builderStepTable'), { name: step.name });
    case 'validate':
      return t('builderStepValidate');
    case 'pseudonymise':
      return fill(t('builderStepPseudonymise'), { name: step.column });
    case 'write':
      return fill(t('builderStepWrite'), { name: step.name });
    case 'archive':
      return t('builderStepArchive');
    case 'encrypt':
      return t('builderStepEncrypt');
  }
}
