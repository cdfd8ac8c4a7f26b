export * from './pipeline';
export * from './stages';
export * from './events';
export * from './cache';
