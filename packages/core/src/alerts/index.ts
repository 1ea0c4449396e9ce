export * from './integration-failures';
export * from './notifier';
export * from './policy';
export * from './webhook';
