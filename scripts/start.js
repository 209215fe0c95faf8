#!/usr/bin/env node
// `npm start`: builds the web application if it is not built (or older than its sources or the
// API's committed GraphQL schema): typed documents first (graphql-codegen into web/src/gql), then
// runs the API in this process from its TypeScript sources (compiled on load by SWC).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const webDir = path.join(root, 'web');
const builtIndex = path.join(webDir, 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function webIsStale() {
  if (!fs.existsSync(builtIndex)) return true;
  const built = fs.statSync(builtIndex).mtimeMs;
  const sources = Math.max(
    newestMtime(path.join(webDir, 'src')),
    fs.statSync(path.join(webDir, 'index.html')).mtimeMs,
    fs.statSync(path.join(root, 'api', 'schema.graphql')).mtimeMs,
  );
  return sources > built;
}

if (!process.env.WEB_DIST && webIsStale()) {
  console.log('Building the web application (web/dist)…');
  const codegenPkg = require.resolve('@graphql-codegen/cli/package.json', { paths: [webDir] });
  const codegen = path.join(path.dirname(codegenPkg), 'esm', 'bin.js');
  const generated = spawnSync(process.execPath, [codegen, '--config', 'codegen.ts'], { cwd: webDir, stdio: 'inherit' });
  if (generated.status !== 0) {
    console.error('The typed GraphQL documents of the web application could not be generated (see above).');
    process.exit(1);
  }
  const vitePkg = require.resolve('vite/package.json', { paths: [webDir] });
  const vite = path.join(path.dirname(vitePkg), 'bin', 'vite.js');
  // Always a production bundle, whatever NODE_ENV the API runs with (Vite would otherwise build
  // React's development code when NODE_ENV=development is set).
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) {
    console.error('The web application could not be built (see above).');
    process.exit(1);
  }
}

process.env.SWC_NODE_PROJECT ??= path.join(root, 'api', 'tsconfig.json');
require('@swc-node/register');
require(path.join(root, 'api', 'src', 'main.ts'));
