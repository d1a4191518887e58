#!/usr/bin/env node
// The first step of `npm test`: makes sure what the tests need is on this machine. Debian's
// Chromium for the end-to-end tests: installed with apt when running as root (as CI does), else one
// line saying what to install. Nothing is downloaded from anywhere but Debian's repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

function aptInstall(packages) {
  console.log(`Installing ${packages.join(', ')} from Debian's repository…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}

if (!existsSync(chromium)) {
  if (isRoot && hasApt && !process.env.CHROMIUM_PATH) aptInstall(['chromium']);
  if (!existsSync(chromium)) {
    console.error(`Chromium is missing at ${chromium}: install it with "sudo apt-get install -y chromium" (or set CHROMIUM_PATH to a Chromium binary), then run npm test again.`);
    process.exit(1);
  }
}
