// The one drizzle schema, for the app, the runtime migrator and drizzle-kit (see drizzle.config.ts).
export * from './users';
export * from './auth';
export * from './sync-columns';
export * from './sync-state';
export * from './cvs';
export * from './cv-versions';
export * from './jobs';
export * from './applications';
export * from './interview-steps';
export * from './runs';
export * from './settings';
export * from './analytics';
export * from './rate-buckets';
