#!/usr/bin/env node
// Runs a TypeScript entry point of the workspace (compiled on load by SWC), passing the remaining
// arguments on: `node scripts/run-ts.js api/src/ingestion/cli/ingest-file.cli.ts events.ndjson`.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.js <file.ts> [arguments…]');
  process.exit(2);
}
process.env.SWC_NODE_PROJECT ??= path.join(root, 'api', 'tsconfig.json');
process.argv = [process.argv[0], path.resolve(root, entry), ...args];
require('@swc-node/register');
require(path.resolve(root, entry));
