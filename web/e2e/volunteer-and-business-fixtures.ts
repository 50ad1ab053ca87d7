import { randomUUID } from 'node:crypto';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
} from '@playwright/test';
import {
  API,
  DEMO_PASSWORD,
  type Language,
  logIn,
  newPage,
  type Size,
  token,
} from './kassa-fixtures';

/**
 * People made through the API for the stories that change things (a PIN, a blocked pass, a new
 * offer): the demo's own volunteer and business stay as the counter's tests expect them.
 */
export interface Person {
  email: string;
  password: string;
  partyId: string;
  displayName: string;
}

/** Only what the login takes (it refuses unknown fields). */
export function credentials(person: { email: string; password: string }): {
  email: string;
  password: string;
} {
  return { email: person.email, password: person.password };
}

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['post']>>): Promise<T> {
  expect(
    response.ok(),
    `${response.url()} answered ${response.status()}: ${await response.text()}`,
  ).toBe(true);
  return (await response.json()) as T;
}

/** A new party of this kind with one login (admin@steerkes.test makes both). */
export async function createPerson(
  request: APIRequestContext,
  kind: 'volunteer' | 'business',
  district = 'zuid-oost',
): Promise<Person> {
  const admin = {
    Authorization: `Bearer ${await token(request, { email: 'admin@steerkes.test', password: DEMO_PASSWORD })}`,
  };
  const suffix = randomUUID().slice(0, 8);
  const name = kind === 'volunteer' ? `Vrijwilliger ${suffix}` : `Winkel ${suffix}`;
  const party = await ok<{ id: string }>(
    await request.post(`${API}/parties`, {
      headers: admin,
      data: { kind, name, district, ...(kind === 'volunteer' ? { birthDate: '1990-05-01' } : {}) },
    }),
  );
  const person = {
    email: `${kind}-${suffix}@example.test`,
    password: `wachtwoord-${suffix}`,
    partyId: party.id,
    displayName: name,
  };
  await ok(
    await request.post(`${API}/users`, {
      headers: admin,
      data: {
        email: person.email,
        password: person.password,
        role: kind === 'volunteer' ? 'volunteer' : 'business_operator',
        partyId: party.id,
        displayName: name,
      },
    }),
  );
  return person;
}

/** A new volunteer who already holds a pass (issued by themselves through the API). */
export async function createVolunteerWithPass(
  request: APIRequestContext,
): Promise<Person & { passNumber: string; printedNumber: string }> {
  const volunteer = await createPerson(request, 'volunteer');
  const headers = { Authorization: `Bearer ${await token(request, credentials(volunteer))}` };
  const pass = await ok<{ number: string; printedNumber: string }>(
    await request.post(`${API}/passes`, { headers, data: { volunteerId: volunteer.partyId } }),
  );
  return { ...volunteer, passNumber: pass.number, printedNumber: pass.printedNumber };
}

export async function getJson<T>(
  request: APIRequestContext,
  path: string,
  bearer: string,
): Promise<T> {
  return ok<T>(
    await request.get(`${API}${path}`, { headers: { Authorization: `Bearer ${bearer}` } }),
  );
}

/** A fresh browser context (axe needs one of its own) in this size and language, logged in through the form. */
export async function openAs(
  browser: Browser,
  person: { email: string; password: string },
  options: { size: Size; language: Language },
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(browser, options);
  await logIn(opened.page, person);
  return opened;
}
