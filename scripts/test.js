#!/usr/bin/env node
// `npm test`: lint and typecheck every project (Nx), then every test suite in one Jest run.
// Extra arguments go to Jest (e.g. `npm test -- libs/config`).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`✗ ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const jestArgs = process.argv.slice(2);
if (jestArgs.length === 0) {
  run('lint and typecheck (nx)', bin('nx'), ['run-many', '-t', 'lint', 'typecheck', '--outputStyle=stream', '--parallel=2']);
}
run('tests (jest)', bin('jest'), ['--ci', ...jestArgs]);
