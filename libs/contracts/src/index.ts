export * from './uai';
export * from './vocabulary';
export * from './indicators';
export * from './dimensions';
