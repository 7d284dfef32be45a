/**
 * Fenjie's engine: pure TypeScript, no Office, DOM, file or clock access. Plain data in, plain
 * data out, errors as values (see errors.ts for the catalogue).
 */
export * from './calendar';
export * from './cascade';
export * from './checked';
export * from './creditCode';
export * from './errors';
export * from './issue';
export * from './matrix';
export * from './model';
export * from './monthly';
export * from './number';
export * from './plan';
export * from './profile';
export * from './progress';
export * from './split';
export * from './units';
export * from './validate';
