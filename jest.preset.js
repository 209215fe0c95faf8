// Shared Jest settings for every server-side project: TypeScript through SWC (decorator metadata on).
const path = require('node:path');
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;

/** @param {string} dir @param {Partial<import('jest').Config>} extra */
module.exports = (dir, extra = {}) => ({
  displayName: path.basename(dir),
  rootDir: dir,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcrc, sourceMaps: 'inline', swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // ES-module-only packages are compiled to CommonJS for Jest like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  setupFiles: [path.join(__dirname, 'scripts/jest-setup.js')],
  ...extra,
});
