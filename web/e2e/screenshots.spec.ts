import { expect, test } from '@playwright/test';
import {
  BUSINESS,
  demoPassNumber,
  grouped,
  logIn,
  newPage,
  type Language,
  type Size,
} from './kassa-fixtures';

/**
 * Screenshots for people to look at (docs/screenshots): run with SCREENSHOTS=1. Not a test of
 * behaviour, so skipped in the normal run.
 */
test.skip(!process.env.SCREENSHOTS, 'SCREENSHOTS=1 takes the pictures');

const OUT = '../docs/screenshots';

for (const size of ['phone', 'tablet'] as Size[]) {
  for (const language of ['nl', 'en'] as Language[]) {
    test(`screens ${size} ${language}`, async ({ browser }) => {
      const { context, page } = await newPage(browser, { size, language });
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.screenshot({ path: `${OUT}/login-${size}-${language}.png`, fullPage: true });
      await logIn(page, BUSINESS);
      await expect(page.getByRole('heading', { level: 1, name: /kassa|counter/i })).toBeVisible();
      await page.getByLabel(/pasnummer|pass number/i).fill(grouped(demoPassNumber()));
      await page.getByRole('button', { name: /koffiebonen|coffee beans/i }).click();
      await page.screenshot({ path: `${OUT}/kassa-${size}-${language}.png`, fullPage: true });
      await page.getByRole('button', { name: /^(inwisselen|redeem)$/i }).click();
      await expect(page.getByRole('heading', { name: /^✓ (Ingewisseld|Redeemed)$/ })).toBeVisible();
      await page.screenshot({
        path: `${OUT}/kassa-receipt-${size}-${language}.png`,
        fullPage: true,
      });
      await page.getByRole('button', { name: /^(ongedaan maken|undo)$/i }).click();
      await expect(page.getByRole('heading', { name: /^(Ongedaan gemaakt|Undone)/ })).toBeVisible();
      await context.close();
    });
  }
}
