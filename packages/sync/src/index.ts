export * from './classify';
export * from './days';
export * from './outcome';
export * from './raw-payload-store';
export * from './window';
