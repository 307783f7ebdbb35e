/** Target-group profiles: definition, SQL, statistics, runner (docs/target-group.md). */
export * from './definition';
export * from './compile';
export * from './statistics';
export * from './run';
