import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

// The real portal binary on a throw-away in-memory database, seeded with demo data.
const port = process.env.E2E_PORT ?? '4010';
export const demoPassword = 'mot-de-passe-e2e-2026';
// Mail "sent" by the portal lands here (fake-sendmail.sh), one message after another.
export const mailbox = path.join(os.tmpdir(), `portal-e2e-mail-${port}.eml`);
const portal = process.env.PORTAL_BIN ?? path.resolve(__dirname, '../target/debug/portal');
const chromium = process.env.CHROMIUM_PATH ?? execSync('which chromium').toString().trim();

export default defineConfig({
  testDir: './tests',
  // Only the specs: tests/common.ts holds their shared helpers.
  testMatch: '**/*.spec.ts',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    launchOptions: {
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: `${portal} serve --demo --static-dir ../dist`,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    env: {
      PORTAL_DB: 'mem://',
      PORTAL_BIND: `127.0.0.1:${port}`,
      PORTAL_DEMO_PASSWORD: demoPassword,
      PORTAL_DEMO_MEMBERS: '60',
      // The server key stays out of the clone.
      PORTAL_KEY_FILE: path.join(os.tmpdir(), 'portal-e2e.key'),
      PORTAL_SMTP_URL: `sendmail://${path.resolve(__dirname, 'fake-sendmail.sh')}`,
      PORTAL_OUTBOX_POLL_MS: '200',
      PORTAL_E2E_MAILBOX: mailbox,
      RUST_LOG: 'warn',
    },
  },
});
