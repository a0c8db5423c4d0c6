export * from './filter';
export * from './groups';
export * from './page';
export * from './sort';
export * from './text';
