import { randomUUID } from 'node:crypto';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import {
  API,
  DEMO_PASSWORD,
  expectNoSeriousViolations,
  type Language,
  logIn,
  newPage,
  type Size,
  token,
} from './kassa-fixtures';

/**
 * Passwords in a real browser: a person sets a new password with the one-time code an admin
 * handed over, and changes their own password later (every session ends, so they log in again);
 * each refusal at its field, and axe on both pages in both languages at both widths.
 */
const ADMIN = { email: 'admin@steerkes.test', password: DEMO_PASSWORD };
const FIRST_PASSWORD = 'Eerste-wachtwoord-voor-de-test-1';

/** A treasurer of their own, made by the admin over the API, so that no demo login changes. */
async function newPerson(request: APIRequestContext): Promise<{ id: string; email: string }> {
  const email = `penningmeester-${randomUUID().slice(0, 8)}@example.nl`;
  const response = await request.post(`${API}/users`, {
    headers: { Authorization: `Bearer ${await token(request, ADMIN)}` },
    data: { email, displayName: 'Noor Willems', password: FIRST_PASSWORD, role: 'treasurer' },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, email };
}

async function resetCode(request: APIRequestContext, userId: string): Promise<string> {
  const response = await request.post(`${API}/users/${userId}/password-reset`, {
    headers: { Authorization: `Bearer ${await token(request, ADMIN)}` },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { code: string }).code;
}

async function logsIn(request: APIRequestContext, email: string, password: string) {
  return (await request.post(`${API}/auth/login`, { data: { email, password } })).ok();
}

async function open(browser: Browser, size: Size = 'phone', language: Language = 'nl') {
  const { context, page } = await newPage(browser, { size, language });
  return { page, close: () => context.close() };
}

async function fillNew(page: Page, newPassword: string, repeated = newPassword) {
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(newPassword);
  await page.getByLabel('Nieuw wachtwoord nog een keer').fill(repeated);
}

test('a person sets a new password with the code an admin handed over; a used code is refused', async ({
  browser,
  request,
}) => {
  const person = await newPerson(request);
  const code = await resetCode(request, person.id);
  const { page, close } = await open(browser);
  await page.goto('/');
  await page.getByRole('link', { name: /Stel een nieuw wachtwoord in/ }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Nieuw wachtwoord met een code' }),
  ).toBeVisible();
  const submit = page.getByRole('button', { name: 'Wachtwoord instellen' });

  await page.getByLabel('Code van de beheerder').fill(code);
  await fillNew(page, 'Een-nieuw-wachtwoord-42', 'Een-ander-wachtwoord-42');
  await submit.click();
  await expect(page.getByText('De twee nieuwe wachtwoorden verschillen.')).toBeVisible();
  // Too short: the API's refusal at its field; the code is still good afterwards.
  await fillNew(page, 'kort');
  await submit.click();
  await expect(page.getByLabel('Nieuw wachtwoord', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  expect(await logsIn(request, person.email, FIRST_PASSWORD)).toBe(true);

  await fillNew(page, 'Een-nieuw-wachtwoord-42');
  await submit.click();
  await expect(page.getByRole('status')).toHaveText(
    'Je nieuwe wachtwoord is ingesteld. Log ermee in.',
  );
  expect(await logsIn(request, person.email, FIRST_PASSWORD)).toBe(false);
  await page.getByRole('link', { name: 'Naar inloggen' }).click();
  await logIn(page, { email: person.email, password: 'Een-nieuw-wachtwoord-42' });
  await expect(page.getByText('Ingelogd als Noor Willems')).toBeVisible();

  // The code works once.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.goto('/wachtwoord-herstellen');
  await page.getByLabel('Code van de beheerder').fill(code);
  await fillNew(page, 'Nog-een-wachtwoord-43');
  await submit.click();
  await expect(page.getByRole('alert')).toContainText('niet geldig of al gebruikt');
  expect(await logsIn(request, person.email, 'Nog-een-wachtwoord-43')).toBe(false);
  await close();
});

test('a person changes their own password: a wrong current one is refused, then every session ends', async ({
  browser,
  request,
}) => {
  const person = await newPerson(request);
  const { page, close } = await open(browser, 'tablet');
  await logIn(page, { email: person.email, password: FIRST_PASSWORD });
  await page.getByRole('link', { name: 'Wachtwoord wijzigen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord wijzigen' })).toBeVisible();
  const submit = page.getByRole('button', { name: 'Wachtwoord wijzigen' });

  await page.getByLabel('Huidig wachtwoord').fill('niet-het-wachtwoord');
  await fillNew(page, 'Mijn-nieuwe-zin-van-woorden');
  await submit.click();
  await expect(page.getByText('Dit is niet je huidige wachtwoord.')).toBeVisible();
  await expect(page.getByLabel('Huidig wachtwoord')).toHaveAttribute('aria-invalid', 'true');
  expect(await logsIn(request, person.email, FIRST_PASSWORD)).toBe(true);
  await expectNoSeriousViolations(page);

  await page.getByLabel('Huidig wachtwoord').fill(FIRST_PASSWORD);
  await submit.click();
  await expect(page.getByRole('status')).toHaveText(
    'Je wachtwoord is gewijzigd. Log in met je nieuwe wachtwoord.',
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  expect(await logsIn(request, person.email, FIRST_PASSWORD)).toBe(false);
  await logIn(page, { email: person.email, password: 'Mijn-nieuwe-zin-van-woorden' });
  await expect(page.getByText('Ingelogd als Noor Willems')).toBeVisible();
  await close();
});

for (const language of ['nl', 'en'] as const)
  for (const size of ['phone', 'tablet'] as const)
    test(`axe finds nothing serious on the password pages, ${size}, ${language}`, async ({
      browser,
      request,
    }) => {
      const person = await newPerson(request);
      const { page, close } = await open(browser, size, language);
      await page.goto('/wachtwoord-herstellen');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page);
      if (process.env.SCREENSHOTS)
        await page.screenshot({
          path: `test-results/shots/password-reset-${size}-${language}.png`,
          fullPage: true,
        });
      await logIn(page, { email: person.email, password: FIRST_PASSWORD });
      await page.goto('/wachtwoord');
      await expect(
        page.getByRole('heading', {
          level: 1,
          name: language === 'nl' ? 'Wachtwoord wijzigen' : 'Change your password',
        }),
      ).toBeVisible();
      await expectNoSeriousViolations(page);
      if (process.env.SCREENSHOTS)
        await page.screenshot({
          path: `test-results/shots/password-change-${size}-${language}.png`,
          fullPage: true,
        });
      await close();
    });
