export * from './ad-integration';
export * from './ad-metrics';
export * from './calendar';
export * from './credentials';
export * from './dates';
export * from './normalized-payload';
export * from './provider-ids';
export * from './sync-job';
