export * from './app-config';
export * from './env-schemas';
export * from './parse-env';
