import { expect, test } from '@playwright/test';
import { type Language, type Size, VOLUNTEER } from './kassa-fixtures';
import { openAs } from './volunteer-and-business-fixtures';

/** Screenshots of the volunteer's home for people to look at (docs/screenshots): run with SCREENSHOTS=1. */
test.skip(!process.env.SCREENSHOTS, 'SCREENSHOTS=1 takes the pictures');

const OUT = '../docs/screenshots';
const SHOTS: Array<{ size: Size; language: Language }> = [{ size: 'phone', language: 'nl' }];

for (const { size, language } of SHOTS) {
  test(`volunteer home ${size} ${language}`, async ({ browser }) => {
    const { context, page } = await openAs(browser, VOLUNTEER, { size, language });
    await expect(page.getByRole('img', { name: /QR/ })).toBeVisible();
    await page.screenshot({
      path: `${OUT}/volunteer-home-${size}-${language}.png`,
      fullPage: true,
    });
    await context.close();
  });
}
