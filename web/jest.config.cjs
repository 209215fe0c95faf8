// Component tests of the web application: jsdom, TSX compiled by SWC (React's automatic runtime).
// Generated typed documents (src/gql) come from `npm run codegen` (run by typecheck and build).
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'web',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['tsx', 'ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.{ts,tsx}'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: [path.join(__dirname, 'src/test/jest-setup.cjs')],
  moduleNameMapper: { '\\.css$': path.join(__dirname, 'src/test/style-stub.cjs') },
};
