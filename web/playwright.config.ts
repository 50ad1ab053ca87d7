import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/** Written by e2e/global-setup.ts before any browser starts: the demo pass's QR code as a camera stream. */
export const FAKE_CAMERA_VIDEO = join(import.meta.dirname, 'e2e', '.generated', 'pass.y4m');

/**
 * End-to-end tests in Debian's Chromium (Playwright's own browser download does not work here)
 * against the real built server (dist/ and web/dist) on a fresh SQLite file with the demo, started
 * by the global setup on a free port.
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: Number(process.env.WEB_E2E_WORKERS ?? 2),
  reporter: process.env.CI
    ? [['list'], ['junit', { outputFile: 'test-results/junit.xml' }]]
    : 'list',
  use: {
    baseURL: process.env.STEERKES_BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${FAKE_CAMERA_VIDEO}`,
      ],
    },
  },
});
