import AxeBuilder from '@axe-core/playwright';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
} from '@playwright/test';

export const API = '/api/v1';
export const DEMO_PASSWORD = 'steerkes-demo';
export const BUSINESS = { email: 'business@steerkes.test', password: DEMO_PASSWORD };
export const VOLUNTEER = { email: 'volunteer@steerkes.test', password: DEMO_PASSWORD };
export const SIZES = {
  phone: { width: 390, height: 844 },
  tablet: { width: 800, height: 1280 },
} as const;
export const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const;
export type Size = keyof typeof SIZES;
export type Language = keyof typeof LOCALES;

/** The demo volunteer's pass (read by the global setup; the fake camera shows its QR code). */
export function demoPassNumber(): string {
  const number = process.env.STEERKES_DEMO_PASS;
  if (!number) throw new Error('STEERKES_DEMO_PASS is set by e2e/global-setup.ts');
  return number;
}

export function grouped(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A 12-digit number with a valid Luhn check digit that is no pass (the demo's passes are hashes). */
export function unknownValidPassNumber(): string {
  const payload = '90000000001';
  let sum = 0;
  for (let position = 0; position < payload.length; position += 1) {
    let digit = Number(payload[payload.length - 1 - position]);
    if (position % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return payload + String((10 - (sum % 10)) % 10);
}

export async function newPage(
  browser: Browser,
  options: { size: Size; language: Language; baseURL?: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: SIZES[options.size],
    locale: LOCALES[options.language],
    baseURL: options.baseURL ?? process.env.STEERKES_BASE_URL,
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`[browser] ${message.text()}`);
  });
  return { context, page };
}

export async function logIn(
  page: Page,
  person: { email: string; password: string },
): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/e-?mail/i).fill(person.email);
  await page.getByLabel(/wachtwoord|password/i).fill(person.password);
  await page.getByRole('button', { name: /^(inloggen|log in)$/i }).click();
  await expect(page.getByLabel(/wachtwoord|password/i)).toHaveCount(0);
}

export async function token(
  request: APIRequestContext,
  person: { email: string; password: string },
): Promise<string> {
  const response = await request.post(`${API}/auth/login`, { data: person });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** Today's redemptions of the demo business, as the API lists them. */
export async function businessRedemptions(
  request: APIRequestContext,
): Promise<Array<{ id: string; status: string; passNumber: string; offerId: string }>> {
  const bearer = await token(request, BUSINESS);
  const items: Array<{ id: string; status: string; passNumber: string; offerId: string }> = [];
  let cursor: string | null = null;
  do {
    const response = await request.get(`${API}/redemptions`, {
      params: { limit: 100, ...(cursor ? { cursor } : {}) },
      headers: { Authorization: `Bearer ${bearer}` },
    });
    expect(response.ok()).toBe(true);
    const page = (await response.json()) as { items: typeof items; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
