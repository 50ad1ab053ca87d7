import { expect, test } from '@playwright/test';
import { BUSINESS, type Language, type Size } from './kassa-fixtures';
import { openAs } from './volunteer-and-business-fixtures';

/** Screenshots of the business's sponsorship page for people to look at (docs/screenshots): run with SCREENSHOTS=1. */
test.skip(!process.env.SCREENSHOTS, 'SCREENSHOTS=1 takes the pictures');

const OUT = '../docs/screenshots';
const SHOTS: Array<{ size: Size; language: Language }> = [{ size: 'tablet', language: 'en' }];

for (const { size, language } of SHOTS) {
  test(`business sponsorship ${size} ${language}`, async ({ browser }) => {
    const { context, page } = await openAs(browser, BUSINESS, { size, language });
    await page.goto('/business/sponsorship');
    await expect(page.getByRole('table')).toBeVisible();
    await page.screenshot({
      path: `${OUT}/business-sponsorship-${size}-${language}.png`,
      fullPage: true,
    });
    await context.close();
  });
}
