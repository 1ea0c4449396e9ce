export * from './token-vault';
