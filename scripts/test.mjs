#!/usr/bin/env node
// `pnpm test`: every test, on real parts. Unit, integration (PGlite, PostgreSQL,
// Redis) and web component tests run as one Vitest workspace; then the browser
// end-to-end tests run against a built web app in Debian's Chromium.
// Typecheck and lint run first. Ends with one plain line "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}test-artifacts`;
mkdirSync(out, { recursive: true });
const vitest = `${root}node_modules/vitest/vitest.mjs`;

function run(label, args) {
  console.log(`\n=== ${label}`);
  const json = `${out}/${label}.json`;
  const r = spawnSync(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  const counts = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : { numPassedTests: 0, numFailedTests: 1 };
  return {
    ok: r.status === 0,
    passed: counts.numPassedTests ?? 0,
    failed: (counts.numFailedTests ?? 0) + (r.status === 0 ? 0 : counts.numFailedTests ? 0 : 1),
  };
}

const typecheck = spawnSync('npx', ['-y', 'pnpm@10', '-r', 'run', 'typecheck'], { cwd: root, stdio: 'inherit' });
// The layering rules and the code style (ESLint, dependency-cruiser, Prettier): a change that breaks them fails the run.
console.log('\n=== lint');
const lint = spawnSync('npx', ['-y', 'pnpm@10', 'lint'], { cwd: root, stdio: 'inherit' });
const results = [run('unit-and-integration', [])];
if (existsSync(`${root}web/vitest.e2e.config.ts`)) results.push(run('browser-e2e', ['--root', 'web', '-c', 'vitest.e2e.config.ts']));

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0) + (typecheck.status === 0 ? 0 : 1) + (lint.status === 0 ? 0 : 1);
if (typecheck.status !== 0) console.log('typecheck failed');
if (lint.status !== 0) console.log('lint failed (pnpm lint)');
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
