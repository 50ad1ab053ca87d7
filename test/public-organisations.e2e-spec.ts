import type { Response } from 'supertest';
import { DEMO_PARTIES } from '../seeds/demo-data.js';
import { login } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 12: the organisations a volunteer may claim hours for, listed for anyone without a login
 * (`GET /public/organisations`), paginated, searchable by name and filterable by district. Only
 * organisations, and of them only id, name, kind, district and description: no volunteer,
 * business or institution, no contact email, no birth date.
 */

const URL = '/api/v1/public/organisations';
const ITEM_KEYS = ['description', 'district', 'id', 'kind', 'name'];
const DEMO_ORGANISATIONS = DEMO_PARTIES.filter((party) => party.kind === 'organisation');

interface Item {
  id: string;
  name: string;
  kind: string;
  district: string;
  description: string | null;
}

describe('Story: a volunteer finds the organisation to claim hours for, without logging in', () => {
  let testApp: TestApp;
  const http = () => testApp.http;

  beforeAll(async () => {
    testApp = await createTestApp();
    // A volunteer and a business whose names would match a search for "buurtcentrum".
    const admin = await login(testApp.http, 'admin@steerkes.test');
    for (const party of [
      {
        kind: 'volunteer',
        name: 'Buurtcentrum-vrijwilliger Kim',
        district: 'noord-west',
        birthDate: '1990-01-01',
      },
      {
        kind: 'business',
        name: 'Buurtcentrum Café',
        district: 'noord-west',
        contactEmail: 'cafe@example.nl',
      },
      { kind: 'institution', name: 'Buurtcentrum Gemeente', district: 'noord-west' },
    ]) {
      await testApp.http.post('/api/v1/parties').set(admin.auth).send(party).expect(201);
    }
  });
  afterAll(() => testApp.close());

  async function allPages(query: string, limit: number): Promise<{ items: Item[]; pages: number }> {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: Response = await http()
        .get(
          `${URL}?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )
        .expect(200);
      expect(response.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...response.body.items);
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    return { items, pages };
  }

  it('lists every organisation, by name, with id, name, kind, district and description only', async () => {
    const response = await http().get(`${URL}?limit=100`).expect(200);
    expect(response.body.nextCursor).toBeNull();
    const items = response.body.items as Item[];
    expect(items.map((item) => item.name).sort()).toEqual(
      DEMO_ORGANISATIONS.map((party) => party.name).sort(),
    );
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
      expect(item.kind).toBe('organisation');
      expect(typeof item.description).toBe('string');
    }
    const malberg = items.find((item) => item.name === 'Buurtcentrum Malberg')!;
    expect(malberg).toMatchObject({
      district: 'noord-west',
      description: 'Buurthuis met zaalverhuur, koffieochtenden en huiswerkbegeleiding.',
    });
    // The demo's contact email of Malberg is not shown.
    expect(response.text).not.toContain('@');
  });

  it('never shows a volunteer, a business or an institution', async () => {
    const { items } = await allPages('', 100);
    const names = items.map((item) => item.name);
    for (const party of DEMO_PARTIES.filter((candidate) => candidate.kind !== 'organisation'))
      expect(names).not.toContain(party.name);
    const searched = await http().get(`${URL}?search=buurtcentrum&limit=100`).expect(200);
    expect(searched.body.items.map((item: Item) => item.name).sort()).toEqual([
      'Buurtcentrum De Heeg',
      'Buurtcentrum Malberg',
    ]);
    expect(searched.text).not.toMatch(/Kim|Café|Gemeente|1990-01-01/);
  });

  it('pages through all organisations with ?limit and ?cursor, each once, in name order', async () => {
    const { items, pages } = await allPages('', 3);
    expect(pages).toBe(Math.ceil(DEMO_ORGANISATIONS.length / 3));
    expect(items.map((item) => item.id)).toHaveLength(new Set(items.map((item) => item.id)).size);
    expect(items).toHaveLength(DEMO_ORGANISATIONS.length);
    const names = items.map((item) => item.name);
    expect(names).toEqual([...names].sort());
    const first = await http().get(URL).expect(200); // default page size 20: all of them
    expect(first.body.items).toEqual(items);
  });

  it('searches the name in any letter case, and filters by district', async () => {
    const byName = async (query: string) =>
      ((await http().get(`${URL}?${query}`).expect(200)).body.items as Item[])
        .map((item) => item.name)
        .sort();
    expect(await byName('search=MALBERG')).toEqual(['Buurtcentrum Malberg']);
    expect(await byName('search=%20stichting%20')).toEqual([
      'Stichting Buurtnetwerk Wittevrouwenveld',
      'Stichting Jekerkwartier Leeft',
    ]);
    expect(await byName('district=noord-west')).toEqual([
      'Buurtcentrum Malberg',
      'Sportvereniging Pottenberg',
    ]);
    expect(await byName('district=zuid-oost&search=buurt')).toEqual(['Buurtcentrum De Heeg']);
    expect(await byName('search=')).toHaveLength(DEMO_ORGANISATIONS.length); // a blank search is no search
    // LIKE's wildcards match only themselves.
    expect(await byName('search=%25')).toEqual([]);
    expect(await byName('search=_')).toEqual([]);
    expect(await byName('search=%5C')).toEqual([]);
    expect(await byName('district=city-wide')).toEqual([]); // the fund is an institution
    // Pages of a search hold only what the search finds.
    const { items } = await allPages('&search=buurt', 1);
    expect(items.map((item) => item.name).sort()).toEqual([
      'Buurtcentrum De Heeg',
      'Buurtcentrum Malberg',
      'Stichting Buurtnetwerk Wittevrouwenveld',
    ]);
  });

  it('answers the same to a logged-in caller', async () => {
    const volunteer = await login(http(), 'volunteer@steerkes.test');
    const anonymous = await http().get(`${URL}?limit=5`).expect(200);
    const loggedIn = await http().get(`${URL}?limit=5`).set(volunteer.auth).expect(200);
    expect(loggedIn.body).toEqual(anonymous.body);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=2.5', 'limit'],
    ['district=mars', 'district'],
    [`search=${'x'.repeat(101)}`, 'search'],
    ['cursor=not-a-cursor', 'cursor'],
    ['unknown=1', 'unknown'],
  ])('refuses ?%s with a 400 problem naming %s', async (query, field) => {
    const response = await http().get(`${URL}?${query}`).set('Accept-Language', 'nl').expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });
});
