// Runs before each test file. Nest and TypeORM decorators need the metadata polyfill.
require('reflect-metadata');
