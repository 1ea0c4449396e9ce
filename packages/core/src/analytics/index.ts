export * from './creative-thumbnail';
export * from './daily-series';
export * from './day-coverage';
export * from './insights';
export * from './restatement';
