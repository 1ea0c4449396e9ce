export * from './app-config';
export * from './development-settings';
export * from './env-schemas';
export * from './parse-env';
export * from './production-settings';
