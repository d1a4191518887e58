// A metric: a score the team tracks at a stage (NPS, CES, CSAT or another), its value and sample size.
import * as v from 'valibot';
import { numberOrNull, oneOf } from '../records/valid';
import type { CardBase } from '../types';
import type { Evidence } from './evidence';
import { plain, say, type CardKindDef, type Words } from './kind';

export const METRIC_TYPES = ['NPS', 'CES', 'CSAT', 'other'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

const fields = {
  metric: oneOf(METRIC_TYPES, 'other'),
  value: numberOrNull,
  sampleSize: numberOrNull,
};

export type MetricCard = CardBase & Evidence & { kind: 'metric' } & v.InferOutput<v.ObjectSchema<typeof fields, undefined>>;

const metricName = (metric: MetricType): Words => (metric === 'other' ? say('metric.other') : plain(metric));
const sample = (card: MetricCard): Words => (card.sampleSize != null ? say('metric.sample', { n: card.sampleSize }) : say('metric.noSample'));

export const metric: CardKindDef<'metric', MetricCard> = {
  kind: 'metric',
  name: 'card.kind.metric',
  icon: 'chart',
  homeLane: 'metrics',
  fields,
  initial: () => ({ metric: 'NPS', value: null, sampleSize: null }),
  face: (card) => ({
    strip: null,
    badge: { icon: 'chart', words: metricName(card.metric), tone: 'metric' },
    footer: { layout: 'figure', value: card.value === null ? plain('—') : { number: card.value }, caption: sample(card) },
    classes: [],
    says: [],
  }),
  inspector: () => [
    { type: 'select', key: 'metric', label: 'field.metric', options: METRIC_TYPES.map((m) => ({ value: m, words: metricName(m) })) },
    { type: 'number', key: 'value', label: 'field.value' },
    { type: 'number', key: 'sampleSize', label: 'field.sampleSize', min: 0 },
  ],
  csv: {
    columns: ['metric', 'value', 'sample_size'],
    typed: [],
    write: (card) => ({ metric: card.metric, value: card.value === null ? '' : String(card.value), sample_size: card.sampleSize === null ? '' : String(card.sampleSize) }),
    read: (cells) => ({ metric: cells.oneOf('metric', METRIC_TYPES), value: cells.number('value'), sampleSize: cells.count('sample_size') }),
  },
  report: (card) => ({
    lead: null,
    after: [],
    figure: { name: metricName(card.metric), value: card.value === null ? say('report.noValue') : { number: card.value }, caption: sample(card) },
    details: [],
  }),
  responsible: () => '',
};
