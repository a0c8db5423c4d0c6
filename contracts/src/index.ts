export * from './audit';
export * from './errors';
export * from './kill';
export * from './limits';
export * from './messages';
export * from './rights';
export * from './sessions';
export * from './tenants';
