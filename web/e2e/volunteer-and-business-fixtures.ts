import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

/**
 * People made through the API for the stories that change things (a PIN, a blocked pass, a new
 * offer): the demo's own volunteer and business stay as the counter's tests expect them.
 */
const API = '/api/v1';
export const DEMO_PASSWORD = 'steerkes-demo';

export interface Person {
  email: string;
  password: string;
  partyId: string;
  displayName: string;
}

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['post']>>): Promise<T> {
  if (!response.ok()) throw new Error(`${response.url()} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function accessToken(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<string> {
  const body = await ok<{ accessToken: string }>(await request.post(`${API}/auth/login`, { data: { email, password } }));
  return body.accessToken;
}

/** A new party of this kind with one login (admin@steerkes.test makes both). */
export async function createPerson(request: APIRequestContext, kind: 'volunteer' | 'business', district = 'zuid-oost'): Promise<Person> {
  const admin = { Authorization: `Bearer ${await accessToken(request, 'admin@steerkes.test')}` };
  const suffix = randomUUID().slice(0, 8);
  const name = kind === 'volunteer' ? `Vrijwilliger ${suffix}` : `Winkel ${suffix}`;
  const party = await ok<{ id: string }>(
    await request.post(`${API}/parties`, { headers: admin, data: { kind, name, district, ...(kind === 'volunteer' ? { birthDate: '1990-05-01' } : {}) } }),
  );
  const person = { email: `${kind}-${suffix}@example.test`, password: `wachtwoord-${suffix}`, partyId: party.id, displayName: name };
  await ok(
    await request.post(`${API}/users`, {
      headers: admin,
      data: { email: person.email, password: person.password, role: kind === 'volunteer' ? 'volunteer' : 'business_operator', partyId: party.id, displayName: name },
    }),
  );
  return person;
}

/** A new volunteer who already holds a pass (issued by themselves through the API). */
export async function createVolunteerWithPass(request: APIRequestContext): Promise<Person & { passNumber: string; printedNumber: string }> {
  const volunteer = await createPerson(request, 'volunteer');
  const headers = { Authorization: `Bearer ${await accessToken(request, volunteer.email, volunteer.password)}` };
  const pass = await ok<{ number: string; printedNumber: string }>(await request.post(`${API}/passes`, { headers, data: { volunteerId: volunteer.partyId } }));
  return { ...volunteer, passNumber: pass.number, printedNumber: pass.printedNumber };
}

export async function getJson<T>(request: APIRequestContext, path: string, token: string): Promise<T> {
  const response = await request.get(`${API}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return ok<T>(response);
}

export const SIZES = { phone: { width: 390, height: 844 }, tablet: { width: 800, height: 1280 } } as const;
export const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const;

/** A fresh browser context (axe needs one of its own) in this size and language, logged in through the form. */
export async function openAs(
  browser: Browser,
  person: { email: string; password: string },
  options: { size: keyof typeof SIZES; language: keyof typeof LOCALES },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: SIZES[options.size], locale: LOCALES[options.language] });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel(/e-?mail/i).fill(person.email);
  await page.getByLabel(/wachtwoord|password/i).fill(person.password);
  await page.getByRole('button', { name: /^(inloggen|log in)$/i }).click();
  await expect(page.getByLabel(/wachtwoord|password/i)).toHaveCount(0);
  return { context, page };
}

/** axe on the page as it stands: no serious or critical violation. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}
