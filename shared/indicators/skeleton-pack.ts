import type { IndicatorDefinition } from './pack';

/**
 * A first pack of four indicators over the person-period table; the full
 * social-balance pack replaces it. Definitions follow Danmarks Statistik's usage.
 */
export const SKELETON_PACK: readonly IndicatorDefinition[] = [
  {
    id: 'employment_16_64',
    label: { da: 'Beskæftigede 16–64 år', en: 'Employed, aged 16–64' },
    description: {
      da: 'Andel af beboere 16–64 år, der er i beskæftigelse.',
      en: 'Share of residents aged 16–64 in employment.',
    },
    unit: 'share',
    direction: 'higher-is-better',
    population: [{ column: 'age', op: 'between', min: 16, max: 64 }],
    numerator: { kind: 'persons', where: [{ column: 'labour_status', op: 'eq', value: 'beskaeftiget' }] },
    minPopulation: 20,
  },
  {
    id: 'outside_work_edu_18_64',
    label: {
      da: 'Uden for arbejdsmarked og uddannelse 18–64 år',
      en: 'Outside work and education, aged 18–64',
    },
    description: {
      da: 'Andel af beboere 18–64 år, der hverken er i beskæftigelse eller uddannelse (ledige og uden for arbejdsstyrken).',
      en: 'Share of residents aged 18–64 neither employed nor in education (unemployed and outside the labour force).',
    },
    unit: 'share',
    direction: 'higher-is-worse',
    population: [{ column: 'age', op: 'between', min: 18, max: 64 }],
    numerator: { kind: 'persons', where: [{ column: 'labour_status', op: 'in', values: ['ledig', 'uden_for'] }] },
    minPopulation: 20,
  },
  {
    id: 'basic_education_30_59',
    label: { da: 'Kun grundskole 30–59 år', en: 'Basic schooling only, aged 30–59' },
    description: {
      da: 'Andel af beboere 30–59 år, hvis højeste fuldførte uddannelse er grundskolen.',
      en: 'Share of residents aged 30–59 whose highest completed education is basic school.',
    },
    unit: 'share',
    direction: 'higher-is-worse',
    population: [{ column: 'age', op: 'between', min: 30, max: 59 }],
    numerator: { kind: 'persons', where: [{ column: 'education', op: 'eq', value: 'grundskole' }] },
    minPopulation: 20,
  },
  {
    id: 'child_notifications',
    label: { da: 'Børn med underretning', en: 'Children with a welfare notification' },
    description: {
      da: 'Børn 0–17 år med mindst én underretning i året, pr. 1.000 børn.',
      en: 'Children aged 0–17 with at least one child-welfare notification in the year, per 1,000 children.',
    },
    unit: 'per1000',
    direction: 'higher-is-worse',
    population: [{ column: 'age', op: 'between', min: 0, max: 17 }],
    numerator: { kind: 'event', eventType: 'underretning' },
    minPopulation: 20,
  },
];
