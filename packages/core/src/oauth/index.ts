export * from './oauth-nonce-store';
export * from './oauth-state';
