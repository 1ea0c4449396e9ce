export * from './queue-snapshot';
export * from './start-alert-monitor';
