export * from './emulators';
export * from './fixtures';
export * from './ports';
export * from './private-redis';
export * from './processes';
export * from './run-with-services';
export * from './services';
export * from './wait-for';
