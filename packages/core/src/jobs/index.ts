export * from './catalog';
export * from './sync-job-service';
