export * from './connector';
export * from './http/provider-error';
