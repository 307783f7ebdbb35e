/** City-life registrations (programme element 4): import, validation, aggregates and before/after evaluation. */
export * from './model';
export * from './issues';
export * from './time';
export * from './geometry';
export * from './windows';
export * from './gaps';
export * from './parse-pldp';
export * from './parse-sensor-csv';
export * from './from-extract';
export * from './aggregate';
export * from './irls';
export * from './evaluate';
export { locateJsonError, type JsonErrorPosition } from './json-position';
