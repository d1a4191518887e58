#!/usr/bin/env node
// The first step of `npm test`: makes sure what the tests need is on this machine. Debian's
// Chromium for the end-to-end tests, `redis-server` and PostgreSQL's server programs (initdb,
// postgres) for the scale-out tests, which start private instances of both: what is missing is
// installed with apt when running as root (as CI does), with one `apt-get update` for all of it, else
// one line per missing program says what to install. Nothing is downloaded from anywhere but
// Debian's repository, and no system-wide Redis or PostgreSQL service is left running by the install.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const succeeds = (command) => spawnSync('sh', ['-c', command], { stdio: 'ignore' }).status === 0;
const hasApt = succeeds('command -v apt-get');

/** Where initdb and postgres are, looked for as the tests do (server/testing/postgres.ts). */
function postgresBinDir() {
  const candidates = [process.env.PG_BIN];
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  for (const version of ['17', '16', '15', '14', '13']) candidates.push(`/usr/lib/postgresql/${version}/bin`);
  return candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
}

// Each need: whether it is met, the Debian packages that meet it (the first one the repository has),
// the service such a package may start, and what to tell a user who must install it.
const needs = [
  {
    met: () => existsSync(chromium),
    packages: process.env.CHROMIUM_PATH ? [] : ['chromium'],
    hint: `Chromium is missing at ${chromium}: install it with "sudo apt-get install -y chromium" (or set CHROMIUM_PATH to a Chromium binary), then run npm test again.`,
  },
  {
    met: () => succeeds('command -v redis-server'),
    packages: ['redis-server'],
    service: 'redis-server',
    hint: 'redis-server is missing (the Redis bus and cluster tests start a private one): install it with "sudo apt-get install -y redis-server", then run npm test again.',
  },
  {
    met: () => postgresBinDir() !== undefined,
    packages: ['postgresql-15', 'postgresql'],
    service: 'postgresql',
    hint: 'PostgreSQL server programs (initdb, postgres) are missing (the PostgreSQL store tests start a private server): install them with "sudo apt-get install -y postgresql-15" (or set PG_BIN to their folder), then run npm test again.',
  },
];

/** Installs with services kept from starting: a package's own service would be a system-wide server
 * beside the tests' private ones. A `policy-rc.d` that forbids starts is put in place for the install
 * (unless the machine has one, as Docker images do), and any service that started anyway is stopped. */
function aptInstall(missing) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  const packages = missing.map((need) => need.packages.find((name) => succeeds(`apt-cache show ${name}`)) ?? need.packages[0]);
  console.log(`Installing ${packages.join(', ')} from Debian's repository…`);
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) {
    writeFileSync(policy, '#!/bin/sh\n# Written by scripts/ensure-test-env.mjs for one install: no service starts.\nexit 101\n');
    chmodSync(policy, 0o755);
  }
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
  for (const { service } of missing) if (service) spawnSync('service', [service, 'stop'], { stdio: 'ignore' });
}

const installable = needs.filter((need) => !need.met() && need.packages.length > 0);
if (installable.length > 0 && isRoot && hasApt) {
  try {
    aptInstall(installable);
  } catch (error) {
    console.error(`The install failed (${error.message}).`);
  }
}
const unmet = needs.filter((need) => !need.met());
for (const need of unmet) console.error(need.hint);
if (unmet.length > 0) process.exit(1);
