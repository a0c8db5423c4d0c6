export * from './digest';
export * from './fnv';
export * from './normalise';
