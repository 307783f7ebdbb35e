/**
 * The target-group panel's UI strings (Danish default, English), and labels for the
 * person table's usual columns and category codes. Unknown columns and codes are shown
 * as they are in the extract.
 */
import type { Language } from '../../../shared/i18n/messages';

const DA = {
  title: 'Målgruppeprofil',
  intro:
    'Afgræns en målgruppe og sammenlign den med en anden befolkning. Appen finder de kendetegn, der adskiller sig mest, med usikkerhed og standardiseret effektstørrelse. Kun samlede tal: ingen person vises, scores eller listes.',
  loadingCatalogue: 'Henter kolonner og kategorier …',
  catalogueFailed: 'Kolonnerne kunne ikke læses: {reason}',
  groupLegend: 'Målgruppe',
  period: 'Periode',
  areaLayer: 'Områdelag',
  wholeMunicipality: 'Hele kommunen',
  areas: 'Områder',
  areasHint: 'Vælg et eller flere (Ctrl/Shift + klik, eller mellemrum med Ctrl).',
  ageFrom: 'Alder fra',
  ageTo: 'Alder til',
  conditionsLegend: 'Betingelser',
  conditionsHint: 'Intet afkrydset i en kolonne betyder: alle.',
  comparisonLegend: 'Sammenlign med',
  comparisonRest: 'Resten af kommunen (alle, der ikke er i målgruppen)',
  comparisonMunicipality: 'Hele kommunen (målgruppen medregnet)',
  comparisonAreas: 'Andre områder',
  comparisonLayer: 'Områdelag for sammenligning',
  comparisonAreasLabel: 'Områder for sammenligning',
  sameConditions: 'Sammenligningsgruppen skal opfylde de samme betingelser',
  includeContested: 'Medtag den omstridte kolonne herkomst (ikkevestlig)',
  contestedNote: 'Herkomst er et retligt omstridt kriterium (EU-Domstolens sag C-417/23); den vises og kan bruges kun, når du selv slår den til.',
  run: 'Beregn profil',
  running: 'Beregner …',
  stage_catalogue: 'Læser kolonner',
  stage_aggregates: 'Tæller målgruppe og sammenligning',
  stage_statistics: 'Beregner forskelle og intervaller',
  failed: 'Profilen kunne ikke beregnes: {reason}',
  problems: 'Definitionen kan ikke bruges:',
  tooSmallGroup: 'Målgruppen har færre end {minimum} personer. Der vises ingen profil (og intet antal), for at ingen kan genkendes. Udvid målgruppen.',
  tooSmallComparison: 'Sammenligningsgruppen har færre end {minimum} personer. Der vises ingen profil (og intet antal). Vælg en større sammenligning.',
  tooSmallBoth: 'Både målgruppen og sammenligningsgruppen har færre end {minimum} personer. Der vises ingen profil.',
  sizes: 'Målgruppe: {group} personer · Sammenligning: {comparison} personer · {period}',
  groupSizeLabel: 'Målgruppe',
  comparisonSizeLabel: 'Sammenligning',
  persons: 'personer',
  overlapAll: 'Sammenligningen omfatter hele målgruppen; intervallerne antager uafhængige grupper og er derfor lidt for brede.',
  overlapPartial: 'Sammenligningen overlapper målgruppen; intervallerne antager uafhængige grupper og er derfor lidt for brede.',
  resultCaption: 'Kendetegn ordnet efter, hvor meget de adskiller sig (størst standardiseret effekt først)',
  colRank: 'Rang',
  colCharacteristic: 'Kendetegn',
  colGroup: 'Målgruppe',
  colComparison: 'Sammenligning',
  colDifference: 'Forskel (95 %-interval)',
  colEffect: 'Effektstørrelse',
  suppressed: 'Undertrykt',
  suppressedTitle: 'Undertrykt: et lille antal (under {minCell}), eller et antal der ellers kunne regnes ud fra totalen.',
  inDefinition: 'indgår i definitionen',
  inDefinitionTitle: 'Kolonnen bruges i målgruppens betingelser, så forskellen er (delvis) givet på forhånd; den rangeres ikke.',
  contestedTag: 'omstridt',
  mean: 'gennemsnit',
  sd: 'sd',
  to: 'til',
  points: 'pct.-point',
  methodNote:
    'Andele: forskel i procentpoint med Newcombes hybride score-interval og Cohens h. Gennemsnit: forskel med Welchs interval og Cohens d. Effekt omkring 0,2 er lille, 0,5 middel, 0,8 stor. Antal under {minCell}{zeros} undertrykkes, og så mange andre i samme kolonne, at de ikke kan regnes tilbage. Metode: docs/target-group.md.',
  zerosIncluded: ' (også 0)',
  noRows: 'Ingen kendetegn at vise.',
  missing: '(mangler)',
  yes: 'Ja',
  no: 'Nej',
};

type Text = typeof DA;

const EN: Text = {
  title: 'Target-group profile',
  intro:
    'Define a target group and compare it with another population. The app finds the characteristics that differ most, with uncertainty and standardised effect size. Aggregates only: no person is ever shown, scored or listed.',
  loadingCatalogue: 'Reading columns and categories …',
  catalogueFailed: 'The columns could not be read: {reason}',
  groupLegend: 'Target group',
  period: 'Period',
  areaLayer: 'Area layer',
  wholeMunicipality: 'Whole municipality',
  areas: 'Areas',
  areasHint: 'Choose one or more (Ctrl/Shift + click, or Ctrl + space).',
  ageFrom: 'Age from',
  ageTo: 'Age to',
  conditionsLegend: 'Conditions',
  conditionsHint: 'Nothing ticked in a column means: all.',
  comparisonLegend: 'Compare with',
  comparisonRest: 'The rest of the municipality (everyone not in the group)',
  comparisonMunicipality: 'The whole municipality (the group included)',
  comparisonAreas: 'Other areas',
  comparisonLayer: 'Area layer for the comparison',
  comparisonAreasLabel: 'Areas for the comparison',
  sameConditions: 'The comparison must meet the same conditions',
  includeContested: 'Include the contested column origin (non-Western)',
  contestedNote: 'Origin is a legally contested criterion (EU Court case C-417/23); it is shown and usable only when you switch it on yourself.',
  run: 'Compute profile',
  running: 'Computing …',
  stage_catalogue: 'Reading columns',
  stage_aggregates: 'Counting the group and the comparison',
  stage_statistics: 'Computing differences and intervals',
  failed: 'The profile could not be computed: {reason}',
  problems: 'The definition cannot be used:',
  tooSmallGroup: 'The target group has fewer than {minimum} persons. No profile (and no count) is shown, so that nobody can be recognised. Widen the group.',
  tooSmallComparison: 'The comparison has fewer than {minimum} persons. No profile (and no count) is shown. Choose a larger comparison.',
  tooSmallBoth: 'Both the target group and the comparison have fewer than {minimum} persons. No profile is shown.',
  sizes: 'Target group: {group} persons · Comparison: {comparison} persons · {period}',
  groupSizeLabel: 'Target group',
  comparisonSizeLabel: 'Comparison',
  persons: 'persons',
  overlapAll: 'The comparison includes the whole group; the intervals assume independent groups and are therefore a little too wide.',
  overlapPartial: 'The comparison overlaps the group; the intervals assume independent groups and are therefore a little too wide.',
  resultCaption: 'Characteristics ordered by how much they differ (largest standardised effect first)',
  colRank: 'Rank',
  colCharacteristic: 'Characteristic',
  colGroup: 'Target group',
  colComparison: 'Comparison',
  colDifference: 'Difference (95 % interval)',
  colEffect: 'Effect size',
  suppressed: 'Suppressed',
  suppressedTitle: 'Suppressed: a small count (below {minCell}), or a count that could otherwise be worked out from the total.',
  inDefinition: 'part of the definition',
  inDefinitionTitle: "The column is used in the group's conditions, so the difference is (partly) given beforehand; it is not ranked.",
  contestedTag: 'contested',
  mean: 'mean',
  sd: 'sd',
  to: 'to',
  points: 'pp',
  methodNote:
    "Shares: difference in percentage points with Newcombe's hybrid score interval and Cohen's h. Means: difference with Welch's interval and Cohen's d. An effect around 0.2 is small, 0.5 medium, 0.8 large. Counts below {minCell}{zeros} are suppressed, and as many others in the same column as it takes that they cannot be worked back. Method: docs/target-group.md.",
  zerosIncluded: ' (0 included)',
  noRows: 'No characteristics to show.',
  missing: '(missing)',
  yes: 'Yes',
  no: 'No',
};

export const TEXT: Record<Language, Text> = { da: DA, en: EN };
export type TextKey = keyof Text;

type Labels = Record<string, { da: string; en: string }>;

export const COLUMN_LABELS: Labels = {
  age: { da: 'Alder', en: 'Age' },
  sex: { da: 'Køn', en: 'Sex' },
  household: { da: 'Husstandstype', en: 'Household type' },
  origin: { da: 'Herkomst', en: 'Origin' },
  education: { da: 'Højeste uddannelse', en: 'Highest education' },
  labour_status: { da: 'Arbejdsmarkedsstatus', en: 'Labour-market status' },
  income: { da: 'Indkomst (kr.)', en: 'Income (DKK)' },
  benefit: { da: 'Offentlig ydelse', en: 'Public benefit' },
  school_absence: { da: 'Skolefravær (andel)', en: 'School absence (share)' },
};

export const CATEGORY_LABELS: Record<string, Labels> = {
  sex: { K: { da: 'Kvinde', en: 'Woman' }, M: { da: 'Mand', en: 'Man' } },
  household: {
    enlig: { da: 'Enlig', en: 'Single' },
    par_uden_born: { da: 'Par uden børn', en: 'Couple without children' },
    par_med_born: { da: 'Par med børn', en: 'Couple with children' },
    enlig_forsorger: { da: 'Enlig forsørger', en: 'Single parent' },
  },
  origin: {
    dansk: { da: 'Dansk oprindelse', en: 'Danish origin' },
    vestlig: { da: 'Vestlig', en: 'Western' },
    ikke_vestlig: { da: 'Ikkevestlig', en: 'Non-Western' },
  },
  education: {
    grundskole: { da: 'Grundskole', en: 'Primary and lower secondary' },
    gymnasial: { da: 'Gymnasial', en: 'Upper secondary' },
    erhvervsfaglig: { da: 'Erhvervsfaglig', en: 'Vocational' },
    kort_videregaaende: { da: 'Kort videregående', en: 'Short-cycle tertiary' },
    mellemlang_videregaaende: { da: 'Mellemlang videregående', en: 'Medium-cycle tertiary' },
    lang_videregaaende: { da: 'Lang videregående', en: 'Long-cycle tertiary' },
    ukendt: { da: 'Ukendt', en: 'Unknown' },
  },
  labour_status: {
    beskaeftiget: { da: 'Beskæftiget', en: 'Employed' },
    ledig: { da: 'Ledig', en: 'Unemployed' },
    uden_for: { da: 'Uden for arbejdsstyrken', en: 'Outside the labour force' },
    under_uddannelse: { da: 'Under uddannelse', en: 'In education' },
    pensionist: { da: 'Pensionist', en: 'Retired' },
    barn: { da: 'Barn', en: 'Child' },
  },
  benefit: {
    ingen: { da: 'Ingen ydelse', en: 'No benefit' },
    dagpenge: { da: 'Dagpenge', en: 'Unemployment benefit' },
    kontanthjaelp: { da: 'Kontanthjælp', en: 'Social assistance' },
    sygedagpenge: { da: 'Sygedagpenge', en: 'Sickness benefit' },
    foertidspension: { da: 'Førtidspension', en: 'Disability pension' },
    folkepension: { da: 'Folkepension', en: 'State pension' },
    su: { da: 'SU', en: 'Student grant (SU)' },
  },
};

export function columnLabel(column: string, language: Language): string {
  return COLUMN_LABELS[column]?.[language] ?? column;
}

export function categoryLabel(column: string, category: string | null, language: Language): string {
  if (category === null) return TEXT[language].missing;
  if (category === 'true') return TEXT[language].yes;
  if (category === 'false') return TEXT[language].no;
  return CATEGORY_LABELS[column]?.[category]?.[language] ?? category;
}
