export * from './converters';
export * from './firebase-app';
export * from './paths';
