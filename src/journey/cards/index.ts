// The card kinds' one entrance: the registry and each kind's own exports.
export * from './registry';
export * from './kind';
export * from './evidence';
export { LOOP_STATUSES, STATUS_ICONS, type Loop, type LoopStatus, statusMark } from './loop';
export { CHANNELS, CHANNEL_ICONS, type Channel, type TouchpointCard } from './touchpoint';
export { SEVERITIES, SEVERITY_ICONS, type Severity, type GapCard } from './gap';
export { PRIORITIES, type Priority, type OpportunityCard } from './opportunity';
export { METRIC_TYPES, type MetricType, type MetricCard } from './metric';
export type { NoteCard } from './note';
