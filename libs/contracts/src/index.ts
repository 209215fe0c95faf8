export * from './uai';
export * from './vocabulary';
