export * from './classify';
export * from './days';
export * from './engine';
export * from './outcome';
export * from './process-next';
export * from './processor';
export * from './raw-payload-store';
export * from './window';
