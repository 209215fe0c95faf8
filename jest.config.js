// Root Jest configuration: one run over every project, so workers are shared.
/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/libs/config', '<rootDir>/libs/clickhouse', '<rootDir>/libs/contracts', '<rootDir>/libs/demo', '<rootDir>/migrations', '<rootDir>/api', '<rootDir>/ingest', '<rootDir>/dashboards', '<rootDir>/web', '<rootDir>/test'],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
