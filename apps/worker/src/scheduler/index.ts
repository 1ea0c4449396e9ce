export * from './periodic-job';
export * from './start-operations';
export * from './start-scheduler';
