export * from './demo-territory';
