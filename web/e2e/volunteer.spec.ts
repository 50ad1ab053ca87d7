import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, token, VOLUNTEER } from './kassa-fixtures';
import {
  createPerson,
  createVolunteerWithPass,
  credentials,
  getJson,
  openAs,
} from './volunteer-and-business-fixtures';

/**
 * The volunteer's stories in a real browser, on a phone and on a tablet: home (balance and pass),
 * history, claiming hours and withdrawing a claim, setting a PIN, blocking a lost pass and getting
 * a new one; each page checked with axe in Dutch and in English.
 */
const ANOUK = VOLUNTEER;

for (const size of ['phone', 'tablet'] as const) {
  test.describe(`the volunteer on a ${size}`, () => {
    test('home: the balance, what is available and reserved, and the pass to scan, with its number in groups of four', async ({
      browser,
      request,
    }) => {
      const { context, page } = await openAs(browser, ANOUK, { size, language: 'nl' });
      const bearer = await token(request, ANOUK);
      const me = await getJson<{ partyId: string }>(request, '/auth/me', bearer);
      await expect(page.getByRole('heading', { name: 'Saldo' })).toBeVisible();
      // The counter's tests may redeem this pass meanwhile: the page and the API agree once both are read afresh.
      await expect(async () => {
        const [account] = await getJson<
          Array<{ balance: string; available: string; pending: string }>
        >(request, `/parties/${me.partyId}/accounts`, bearer);
        const inDutch = (amount: string) =>
          `${new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2 }).format(Number(amount))} STK`;
        await page.reload();
        await expect(page.getByTestId('balance')).toHaveText(inDutch(account.balance), {
          timeout: 3000,
        });
        await expect(page.getByTestId('available')).toHaveText(inDutch(account.available), {
          timeout: 3000,
        });
        await expect(page.getByTestId('pending')).toHaveText(inDutch(account.pending), {
          timeout: 3000,
        });
      }).toPass();
      const qr = page.getByRole('img', { name: 'QR-code van je voordeelpas' });
      await expect(qr).toBeVisible();
      const box = await qr.boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(240);
      await expect(page.getByTestId('pass-number')).toHaveText(/^\d{4} \d{4} \d{4}$/);
      await context.close();
    });

    test('history: last month line by line in plain words (who, what, when) with the balance after each', async ({
      browser,
      request,
    }) => {
      const bearer = await token(request, ANOUK);
      const me = await getJson<{ partyId: string }>(request, '/auth/me', bearer);
      const [account] = await getJson<Array<{ id: string }>>(
        request,
        `/parties/${me.partyId}/accounts`,
        bearer,
      );
      // Last month is settled: the counter's tests only add lines to this one.
      const now = new Date();
      const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
      const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
      const [from, to] = [first, last].map((day) => day.toISOString().slice(0, 10));
      type Line = {
        entryId: string;
        code: string;
        effectiveDate: string;
        amount: string;
        balanceAfter: string;
      };
      const statement = await getJson<{ items: Line[] }>(
        request,
        `/accounts/${account.id}/postings?from=${from}&to=${to}&limit=20`,
        bearer,
      );
      const claims = await getJson<{
        items: Array<{ entryId: string | null; organisationName: string; activity: string }>;
      }>(request, `/time-claims?status=approved&limit=100`, bearer);
      expect(statement.items.length).toBeGreaterThan(0); // the demo's year of history

      const { context, page } = await openAs(browser, ANOUK, { size, language: 'nl' });
      await page.getByRole('link', { name: 'Geschiedenis' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Geschiedenis' })).toBeVisible();
      await page.getByLabel('Maand').selectOption(from.slice(0, 7));
      const lines = page.getByRole('list', { name: 'Geschiedenis' }).getByRole('listitem');
      await expect(lines).toHaveCount(statement.items.length);
      const inDutch = (amount: string) =>
        new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2 }).format(Number(amount));
      for (const [index, line] of statement.items.entries()) {
        const shown = lines.nth(index);
        await expect(shown).toContainText(`Saldo daarna: ${inDutch(line.balanceAfter)} STK`);
        await expect(shown.locator('time')).toHaveAttribute('datetime', line.effectiveDate);
        const claim = claims.items.find((candidate) => candidate.entryId === line.entryId);
        if (claim) await expect(shown).toContainText(`Uren vergoed door ${claim.organisationName}`);
        if (line.code === 'REDEEM') await expect(shown).toContainText('Ingewisseld');
      }
      expect(
        statement.items.some((line) =>
          claims.items.some((claim) => claim.entryId === line.entryId),
        ),
      ).toBe(true);
      await context.close();
    });
  });
}

test('hours: claim hours for an organisation found by name, see it wait, withdraw it', async ({
  browser,
  request,
}) => {
  const volunteer = await createPerson(request, 'volunteer');
  const { context, page } = await openAs(browser, volunteer, { size: 'phone', language: 'nl' });
  await page.getByRole('link', { name: 'Uren' }).click();
  await page.getByLabel('Zoek de organisatie').fill('malberg');
  await page.getByRole('radio', { name: /Buurtcentrum Malberg/ }).check();
  await page.getByLabel('Aantal uren').fill('2,5');
  await page.getByLabel('Wat heb je gedaan?').fill('Huiswerkbegeleiding');
  await page.getByRole('button', { name: 'Declaratie indienen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is ingediend' })).toContainText(
    '2,5 uur voor Buurtcentrum Malberg',
  );
  const waiting = page.getByRole('region', { name: 'Wachten op goedkeuring' });
  await expect(waiting.getByTestId('claim')).toHaveCount(1);
  await expect(waiting.getByTestId('claim')).toContainText('Wacht op goedkeuring');

  // A refusal is shown at its field, in words: hours are quarter-hour steps.
  await page.getByRole('radio', { name: /Buurtcentrum Malberg/ }).check();
  await page.getByLabel('Aantal uren').fill('1,1');
  await page.getByLabel('Wat heb je gedaan?').fill('Koffie');
  await page.getByRole('button', { name: 'Declaratie indienen' }).click();
  await expect(page.getByLabel('Aantal uren')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/stappen van een kwartier/)).toBeVisible();
  await expect(waiting.getByTestId('claim')).toHaveCount(1);

  await waiting.getByRole('button', { name: /intrekken/ }).click();
  await expect(page.getByText('Je declaratie is ingetrokken.')).toBeVisible();
  await expect(waiting.getByTestId('claim')).toHaveCount(0);
  const bearer = await token(request, credentials(volunteer));
  const claims = await getJson<{ items: Array<{ status: string; hours: string }> }>(
    request,
    '/time-claims',
    bearer,
  );
  expect(claims.items.map((claim) => [claim.status, claim.hours])).toEqual([['withdrawn', '2.50']]);
  await context.close();
});

test('pass: set a PIN; a mismatch is said before anything is sent', async ({
  browser,
  request,
}) => {
  const volunteer = await createVolunteerWithPass(request);
  const { context, page } = await openAs(browser, volunteer, { size: 'tablet', language: 'en' });
  await page.getByRole('link', { name: 'My pass' }).click();
  await page.getByLabel('New PIN (4 to 6 digits)').fill('4821');
  await page.getByLabel('Repeat the PIN').fill('4812');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page.getByText('The two PINs are not the same.')).toBeVisible();
  const bearer = await token(request, credentials(volunteer));
  expect(
    (await getJson<{ pinSet: boolean }>(request, `/passes/${volunteer.passNumber}`, bearer)).pinSet,
  ).toBe(false);

  await page.getByLabel('Repeat the PIN').fill('4821');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page.getByText('Your PIN has been saved.')).toBeVisible();
  expect(
    (await getJson<{ pinSet: boolean }>(request, `/passes/${volunteer.passNumber}`, bearer)).pinSet,
  ).toBe(true);
  await expect(page.getByRole('heading', { name: 'Change your PIN' })).toBeVisible();
  await context.close();
});

test('pass: block a lost pass, then get a new one that shows on the home page', async ({
  browser,
  request,
}) => {
  const volunteer = await createVolunteerWithPass(request);
  const { context, page } = await openAs(browser, volunteer, { size: 'phone', language: 'nl' });
  await page.getByRole('link', { name: 'Mijn pas' }).click();
  await page.getByRole('radio', { name: 'Kwijt' }).check();
  await page.getByRole('button', { name: 'Blokkeer mijn pas' }).click();
  await page.getByRole('button', { name: 'Nee, toch niet' }).click();
  const bearer = await token(request, credentials(volunteer));
  expect(
    (await getJson<{ status: string }>(request, `/passes/${volunteer.passNumber}`, bearer)).status,
  ).toBe('active');

  await page.getByRole('button', { name: 'Blokkeer mijn pas' }).click();
  await page.getByRole('button', { name: `Ja, blokkeer pas ${volunteer.printedNumber}` }).click();
  await expect(page.getByText(`Je pas ${volunteer.printedNumber} is geblokkeerd`)).toBeVisible();
  const blocked = await getJson<{ status: string; blockedReason: string }>(
    request,
    `/passes/${volunteer.passNumber}`,
    bearer,
  );
  expect(blocked).toMatchObject({ status: 'blocked', blockedReason: 'lost' });

  await page.getByRole('button', { name: 'Nieuwe pas aanvragen' }).click();
  await expect(page.getByRole('heading', { name: 'Pincode instellen' })).toBeVisible();
  const passes = await getJson<{
    items: Array<{ number: string; status: string; printedNumber: string }>;
  }>(request, '/passes', bearer);
  const fresh = passes.items.find((pass) => pass.status === 'active')!;
  expect(fresh.number).not.toBe(volunteer.passNumber);
  await page.getByRole('link', { name: 'Overzicht' }).click();
  await expect(page.getByTestId('pass-number')).toHaveText(fresh.printedNumber);
  await context.close();
});

test('offers: what can be had where, narrowed to one district', async ({ browser, request }) => {
  const { context, page } = await openAs(browser, ANOUK, { size: 'tablet', language: 'en' });
  await page.getByRole('link', { name: 'Offers' }).click();
  const all = await request.get('/api/v1/offers?limit=100');
  const allItems = ((await all.json()) as { items: Array<{ businessDistrict: string }> }).items;
  await expect(page.getByTestId('offer')).toHaveCount(Math.min(allItems.length, 20));
  await page.getByLabel('District').selectOption({ label: 'Zuid-West/Centre' });
  const centre = allItems.filter((offer) => offer.businessDistrict === 'zuid-west-centrum');
  expect(centre.length).toBeGreaterThan(0);
  expect(centre.length).toBeLessThan(allItems.length);
  await expect(page.getByTestId('offer')).toHaveCount(centre.length);
  for (const card of await page.getByTestId('offer').all())
    await expect(card).toContainText('Zuid-West/Centre');
  await page.getByLabel('District').selectOption({ label: 'All of Maastricht' });
  await expect(page.getByText('No offers in this district at the moment.')).toBeVisible();
  await context.close();
});

test.describe('every volunteer page passes axe in Dutch and in English', () => {
  const pages = [
    { path: '/', nl: 'Mijn Steerkes', en: 'My Steerkes' },
    { path: '/volunteer/history', nl: 'Geschiedenis', en: 'History' },
    { path: '/volunteer/hours', nl: 'Uren', en: 'Hours' },
    { path: '/volunteer/fiscal', nl: 'Belastingvrije ruimte', en: 'Tax-free room' },
    { path: '/volunteer/pass', nl: 'Mijn pas', en: 'My pass' },
    { path: '/volunteer/offers', nl: 'Aanbod', en: 'Offers' },
  ];
  for (const language of ['nl', 'en'] as const) {
    test(`in ${language}`, async ({ browser }) => {
      const { context, page } = await openAs(browser, ANOUK, { size: 'phone', language });
      for (const target of pages) {
        await page.goto(target.path);
        await expect(page.getByRole('heading', { level: 1, name: target[language] })).toBeVisible();
        await expect(page.getByText(/Even laden|Loading/)).toHaveCount(0);
        await expectNoSeriousViolations(page);
      }
      await context.close();
    });
  }
});
