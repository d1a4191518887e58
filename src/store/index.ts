// The store's public surface.
export * from './store';
export * from './selectors';
export type { SessionActions, OpenPanel } from './sessionActions';
export type { SessionReports } from './sessionReports';
export type { EditorEvents } from './events';
