export * from './config';
export * from './contract';
export * from './firestore';
export * from './jobs';
export * from './metrics/build-ad-metrics-days';
export * from './money/money';
export * from './repositories';
export * from './secrets';
