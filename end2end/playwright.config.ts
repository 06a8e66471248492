import { defineConfig } from '@playwright/test';
import * as path from 'node:path';

// The server under test: the debug build made by scripts/build-site, on a fresh SQLite
// database with the demo catalogue, serving the WASM bundle from target/site.
const root = path.resolve(__dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const port = Number(process.env.E2E_PORT ?? 3391);
const dataDir = path.join(root, 'target', 'e2e-data');

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        viewport: { width: 412, height: 915 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `rm -rf "${dataDir}" && exec "${path.join(targetDir, 'debug', 'civicdesk')}" serve`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: path.join(root, 'target', 'site'),
      CIVICDESK_DATA_DIR: dataDir,
      RUST_LOG: 'warn',
      CIVICDESK_DEMO: 'true',
      // Both workers submit from 127.0.0.1: the limits themselves are tested over HTTP.
      CIVICDESK_SUBMIT_LIMIT: '100/1',
      CIVICDESK_LOOKUP_LIMIT: '100/1',
    },
  },
});
