export * from './policy';
export * from './sync-scheduler';
