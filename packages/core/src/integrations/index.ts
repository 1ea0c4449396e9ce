export * from './new-ad-integration';
