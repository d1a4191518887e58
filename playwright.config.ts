// End-to-end tests: the built app served by the real server, driven in Debian's Chromium.
import { defineConfig } from '@playwright/test';

// Below Linux's ephemeral range (32768–60999): a port the OS may give any outgoing connection of the
// unit tests that just ran could still be taken when the e2e server starts.
const PORT = Number(process.env.E2E_PORT ?? 31730);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
    // Every browser has a display name already, so shared maps open without asking for one.
    storageState: { cookies: [], origins: [{ origin: `http://127.0.0.1:${PORT}`, localStorage: [{ name: 'touchpoint.name', value: 'Tester' }] }] },
  },
  webServer: {
    // A fresh database for every run; the tests create maps faster than the default rate per address.
    command: `PORT=${PORT} DATA_DIR=$(mktemp -d) MAPS_PER_MINUTE_PER_ADDRESS=100000 node_modules/.bin/tsx server/main.ts`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
