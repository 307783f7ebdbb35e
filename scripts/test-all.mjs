#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, unit tests, production build, end-to-end tests — every
 * step runs (e2e only when the build succeeded), then one summary line
 * "N passed, N failed, N skipped" counting every test and every check step.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const steps = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function run(name, command, args, env = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

function check(name, command, args) {
  const ok = run(name, command, args);
  if (ok) passed++;
  else failed++;
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

for (const project of ['tsconfig.json', 'tsconfig.shared.json', 'tsconfig.renderer.json', 'tsconfig.electron.json']) {
  check(`typecheck ${project}`, 'npx', ['tsc', '-p', project, '--noEmit']);
}
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);

const unitOk = run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']);
const unit = readJson('test-results/unit.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
  // A suite that fails to load has no failed tests but must still fail the run.
  if (!unitOk && unit.numFailedTests === 0) failed++;
} else if (!unitOk) failed++;

const buildOk = check('production build', 'npm', ['run', '--silent', 'build']);

if (buildOk) {
  const e2eOk = run('end-to-end tests', 'npx', ['playwright', 'test']);
  const e2e = readJson('test-results/e2e.json');
  if (e2e) {
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected + e2e.stats.flaky;
    skipped += e2e.stats.skipped;
    if (!e2eOk && e2e.stats.unexpected === 0) failed++;
  } else if (!e2eOk) failed++;
} else {
  console.log('\nend-to-end tests not run: the production build failed');
  failed++;
}

console.log('\n=== summary');
for (const step of steps) console.log(`${step.ok ? 'ok  ' : 'FAIL'} ${step.name} (${step.seconds} s)`);
if (!existsSync('resources/demo/demo.bdx')) console.log('note: resources/demo/demo.bdx is missing (npm run demo:build)');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
