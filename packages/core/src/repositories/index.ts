export * from './ad-integrations-repository';
export * from './ad-metrics-repository';
export * from './credential-key-rotation';
export * from './integration-credentials-repository';
export * from './page';
export * from './sync-jobs-repository';
