export * from './start-operations';
