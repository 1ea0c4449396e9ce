export * from './decide';
export * from './reconciler';
export * from './start-reconciler';
