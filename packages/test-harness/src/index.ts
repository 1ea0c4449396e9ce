export * from './emulators';
export * from './fixtures';
export * from './ports';
export * from './services';
