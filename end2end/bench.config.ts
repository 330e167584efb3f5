import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';

// Browser timings for `make bench`, against the server that scripts/bench.sh
// started (release build, 22,000 members). Not part of `make test`.
const chromium = process.env.CHROMIUM_PATH ?? execSync('which chromium').toString().trim();

export default defineConfig({
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  timeout: 300_000,
  workers: 1,
  reporter: [['line']],
  use: {
    baseURL: process.env.BENCH_URL ?? 'http://127.0.0.1:4090',
    locale: 'fr-FR',
    launchOptions: {
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
