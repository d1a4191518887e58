// The store's public surface.
export * from './store';
export * from './selectors';
