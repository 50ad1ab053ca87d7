import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { API, DEMO_PASSWORD, expectNoSeriousViolations, token } from './kassa-fixtures';
import {
  createPerson,
  credentials,
  getJson,
  openAs,
  type Person,
} from './volunteer-and-business-fixtures';

/**
 * The organisation manager's stories in a real browser: approving a claim pays the volunteer;
 * rejecting and deciding several at once; a bulk activity with a refused line shown at that line,
 * corrected and paid; the money page (balance as the API says, statement, CSV, hour rate); an
 * approved claim revoked, a settled booking paid back, Steerkes transferred to a volunteer (each
 * with a refusal that wrote nothing); and every page and panel of the manager passes axe in Dutch
 * and in English.
 */
const MANAGER = { email: 'org@steerkes.test', password: DEMO_PASSWORD };
const nl = (amount: string) =>
  `${new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2 }).format(Number(amount))} STK`;

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

async function managerContext(request: APIRequestContext) {
  const bearer = await token(request, MANAGER);
  const me = await getJson<{ partyId: string }>(request, '/auth/me', bearer);
  return { bearer, organisationId: me.partyId };
}

async function balanceOf(request: APIRequestContext, person: Person): Promise<string> {
  const bearer = await token(request, credentials(person));
  const [account] = await getJson<Array<{ balance: string }>>(
    request,
    `/parties/${person.partyId}/accounts`,
    bearer,
  );
  return account.balance;
}

/** The volunteer claims hours with the demo's organisation (Buurtcentrum Malberg). */
async function claim(
  request: APIRequestContext,
  volunteer: Person,
  organisationId: string,
  hours: string,
  activity: string,
): Promise<string> {
  const bearer = await token(request, credentials(volunteer));
  const response = await request.post(`${API}/time-claims`, {
    headers: { Authorization: `Bearer ${bearer}`, 'Idempotency-Key': randomUUID() },
    data: { organisationId, date: today(), hours, activity },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { id: string }).id;
}

test('the manager approves a claim and the volunteer is paid; rejects one with a reason; decides two at once', async ({
  browser,
  request,
}) => {
  const { bearer, organisationId } = await managerContext(request);
  const { rate } = await getJson<{ rate: string }>(
    request,
    `/organisations/${organisationId}/hour-rate`,
    bearer,
  );
  const volunteer = await createPerson(request, 'volunteer');
  await claim(request, volunteer, organisationId, '2.00', 'Bardienst');
  await claim(request, volunteer, organisationId, '1.00', 'Dubbel ingediend');
  await claim(request, volunteer, organisationId, '0.50', 'Afwassen');
  await claim(request, volunteer, organisationId, '0.25', 'Stoelen zetten');
  expect(await balanceOf(request, volunteer)).toBe('0.00');

  const { context, page } = await openAs(browser, MANAGER, { size: 'phone', language: 'nl' });
  await expect(page).toHaveURL(/\/organisation\/hours$/);
  const cards = page.getByTestId('queued-claim').filter({ hasText: volunteer.displayName });
  await expect(cards).toHaveCount(4);
  const first = cards.filter({ hasText: 'Bardienst' });
  const expected = (Number(rate) * 2).toFixed(2);
  await expect(first).toContainText(`Kost jullie ${nl(expected)} tegen het huidige uurtarief`);
  await first.getByRole('button', { name: /^Keur de declaratie van .* goed$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Goedgekeurd' })).toContainText(
    `Goedgekeurd: ${volunteer.displayName}, 2 uur; ${nl(expected)} is uitbetaald.`,
  );
  await expect(cards).toHaveCount(3);
  if (process.env.SCREENSHOTS)
    await page.screenshot({
      path: '../docs/screenshots/organisation-hours-phone-nl.png',
      fullPage: true,
    });
  await expect.poll(() => balanceOf(request, volunteer)).toBe(expected);

  // Rejecting asks for a reason first, and the volunteer sees it.
  const double = cards.filter({ hasText: 'Dubbel ingediend' });
  await double.getByRole('button', { name: /^Wijs de declaratie van .* af$/ }).click();
  await double.getByRole('button', { name: 'Afwijzen met deze reden' }).click();
  await expect(double.getByText('Schrijf kort waarom')).toBeVisible();
  await double.getByLabel('Reden (de vrijwilliger ziet deze)').fill('Twee keer ingediend.');
  await double.getByRole('button', { name: 'Afwijzen met deze reden' }).click();
  await expect(cards).toHaveCount(2);
  const volunteerBearer = await token(request, credentials(volunteer));
  const own = await getJson<{ items: Array<{ activity: string; status: string; reason: string }> }>(
    request,
    '/time-claims?status=rejected',
    volunteerBearer,
  );
  expect(own.items).toEqual([
    expect.objectContaining({ activity: 'Dubbel ingediend', reason: 'Twee keer ingediend.' }),
  ]);

  // The other two at once.
  for (const activity of ['Afwassen', 'Stoelen zetten'])
    await cards.filter({ hasText: activity }).getByRole('checkbox').check();
  await expect(page.getByTestId('selection-total')).toContainText('2 gekozen: 0,75 uur');
  await page.getByRole('button', { name: '2 goedkeuren en uitbetalen' }).click();
  await expect(cards).toHaveCount(0);
  const paid = (Number(rate) * 2 + Number(rate) * 0.5 + Number(rate) * 0.25).toFixed(2);
  await expect.poll(() => balanceOf(request, volunteer)).toBe(paid);

  // The decided claims, filtered on rejected.
  const decided = page.getByTestId('decided-claim').filter({ hasText: volunteer.displayName });
  await expect(decided).toHaveCount(4);
  await page.getByLabel('Welke').selectOption('rejected');
  await expect(decided).toHaveCount(1);
  await expect(decided).toContainText('Twee keer ingediend.');
  await expectNoSeriousViolations(page);

  // And on the volunteer's own page the paid hours show in the balance.
  const { context: volunteerContext, page: volunteerPage } = await openAs(browser, volunteer, {
    size: 'phone',
    language: 'nl',
  });
  await expect(volunteerPage.getByTestId('balance')).toHaveText(nl(paid));
  await volunteerContext.close();
  await context.close();
});

test('a bulk activity with a refused line: the refusal stands at that line; corrected, everyone is paid', async ({
  browser,
  request,
}) => {
  const { bearer, organisationId } = await managerContext(request);
  const { rate } = await getJson<{ rate: string }>(
    request,
    `/organisations/${organisationId}/hour-rate`,
    bearer,
  );
  // Two volunteers who worked for the organisation before (an approved claim each).
  const helpers = [
    await createPerson(request, 'volunteer'),
    await createPerson(request, 'volunteer'),
  ];
  for (const helper of helpers) {
    const id = await claim(request, helper, organisationId, '1.00', 'Opbouwen');
    const approved = await request.post(`${API}/time-claims/${id}/approve`, {
      headers: { Authorization: `Bearer ${bearer}`, 'Idempotency-Key': randomUUID() },
    });
    expect(approved.ok(), await approved.text()).toBe(true);
  }
  const [anna, bram] = helpers;
  const before = await Promise.all(helpers.map((helper) => balanceOf(request, helper)));

  const { context, page } = await openAs(browser, MANAGER, { size: 'tablet', language: 'en' });
  await page.getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record an activity' })).toBeVisible();
  await page.getByLabel('Activity', { exact: true }).fill('Buurtfeest');
  await page.getByLabel('Volunteer 1', { exact: true }).selectOption({ label: anna.displayName });
  await page.getByLabel('Hours of volunteer 1').fill('3');
  await page.getByRole('button', { name: 'Another volunteer' }).click();
  await page.getByLabel('Volunteer 2', { exact: true }).selectOption({ label: bram.displayName });
  // 23 hours on top of the hour Bram already claimed today: more than 24 in a day.
  await page.getByLabel('Hours of volunteer 2').fill('23.5');
  await expect(page.getByTestId('activity-total')).toContainText('26.5 hours together');
  await page.getByRole('button', { name: 'Record and pay' }).click();

  await expect(page.getByRole('alert')).toContainText(
    'Nothing has been recorded or paid: 1 thing(s) are not right.',
  );
  const lines = page.getByTestId('bulk-line');
  await expect(lines.nth(1)).toContainText(
    'With these hours the volunteer would claim more than 24 hours on this day.',
  );
  await expect(page.getByLabel('Hours of volunteer 2')).toHaveAttribute('aria-invalid', 'true');
  await expect(lines.nth(0).locator('.field__error')).toHaveCount(0);
  if (process.env.SCREENSHOTS)
    await page.screenshot({
      path: '../docs/screenshots/organisation-activity-refused-tablet-en.png',
      fullPage: true,
    });
  await expectNoSeriousViolations(page);
  expect(await Promise.all(helpers.map((helper) => balanceOf(request, helper)))).toEqual(before);

  await page.getByLabel('Hours of volunteer 2').fill('2,5');
  await page.getByRole('button', { name: 'Record and pay' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'recorded' })).toContainText(
    'Buurtfeest on',
  );
  await expect(page.getByRole('status').filter({ hasText: 'recorded' })).toContainText(
    '2 volunteers, 5.5 hours',
  );
  const after = await Promise.all(helpers.map((helper) => balanceOf(request, helper)));
  expect(after).toEqual([
    (Number(before[0]) + Number(rate) * 3).toFixed(2),
    (Number(before[1]) + Number(rate) * 2.5).toFixed(2),
  ]);
  await context.close();
});

test('money: balance as the API says, the statement with running balance as CSV, the hour rate within the range', async ({
  browser,
  request,
}) => {
  const { bearer, organisationId } = await managerContext(request);
  const { context, page } = await openAs(browser, MANAGER, { size: 'phone', language: 'nl' });
  await page.getByRole('link', { name: 'Geld' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Geld' })).toBeVisible();
  await expect(async () => {
    const [account] = await getJson<Array<{ balance: string; available: string; pending: string }>>(
      request,
      `/parties/${organisationId}/accounts`,
      bearer,
    );
    await page.reload();
    await expect(page.getByTestId('org-balance')).toHaveText(nl(account.balance), {
      timeout: 3000,
    });
    await expect(page.getByTestId('org-available')).toHaveText(nl(account.available), {
      timeout: 3000,
    });
    await expect(page.getByTestId('org-pending')).toHaveText(nl(account.pending), {
      timeout: 3000,
    });
  }).toPass();

  // The statement from a year back: the demo's history is in it.
  // (The impact card above has a period of its own.)
  const statement = page.locator('section.card', {
    has: page.getByRole('heading', { name: 'Afschrift' }),
  });
  await statement.getByLabel('Van').fill(`${Number(today().slice(0, 4)) - 1}${today().slice(4)}`);
  await expect(page.getByTestId('statement-line').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download als CSV' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  const rows = csv.trimEnd().split('\r\n');
  expect(rows[0]).toBe('Datum,Soort,Omschrijving,Bedrag (STK),Saldo erna (STK),Boeking');
  expect(rows.length).toBeGreaterThan(2);
  expect(rows.some((row) => /^\d{4}-\d{2}-\d{2},HOURS,/.test(row))).toBe(true);
  expect(
    rows.some((row) => /^\d{4}-\d{2}-\d{2},[A-Z]+,.*,-\d+\.\d{2},-?\d+\.\d{2},/.test(row)),
  ).toBe(true);

  // The hour rate: outside the range refused at the field, inside saved.
  const range = await getJson<{ rate: string; min: string; max: string }>(
    request,
    `/organisations/${organisationId}/hour-rate`,
    bearer,
  );
  const field = page.getByLabel('Jullie uurtarief in STK per uur');
  await field.fill(String(Number(range.max) + 1));
  await page.getByRole('button', { name: 'Uurtarief opslaan' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Het tarief ligt buiten de bandbreedte')).toBeVisible();
  await expectNoSeriousViolations(page);
  await field.fill(range.rate.replace('.', ','));
  await page.getByRole('button', { name: 'Uurtarief opslaan' }).click();
  await expect(page.getByText(`Opgeslagen: een uur levert nu ${nl(range.rate)} op.`)).toBeVisible();
  await context.close();
});

test('a listing created in the page, booked by another party: confirmed, handed out and taken back in the page, the deposit released', async ({
  browser,
  request,
}) => {
  const { bearer } = await managerContext(request);
  const suffix = randomUUID().slice(0, 8);
  // The listing is made in the page: a tent lent per day with a deposit.
  const { context, page } = await openAs(browser, MANAGER, { size: 'tablet', language: 'nl' });
  await page.getByRole('link', { name: 'Aanbod', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ons aanbod' })).toBeVisible();
  await page.getByRole('link', { name: 'Nieuw aanbod' }).click();
  await page.getByLabel('Titel (Nederlands)').fill(`Partytent ${suffix}`);
  await page.getByLabel('Titel (Engels)').fill(`Party tent ${suffix}`);
  await page.getByLabel('Omschrijving (Nederlands)').fill('Tent met zijwanden.');
  await page.getByLabel('Omschrijving (Engels)').fill('Tent with side walls.');
  await page.getByLabel('Adres').fill('Malbergsingel 2, Maastricht');
  await page.getByLabel('Prijs in STK').fill('5,00');
  await page.getByLabel('Borg per stuk in STK (leeg: geen)').fill('20');
  await page.getByLabel('Boete per stuk per dag te laat, in STK (leeg: geen)').fill('2');
  await expectNoSeriousViolations(page);
  // A price the API refuses first: the refusal at the field.
  await page.getByLabel('Prijs in STK').fill('vijf');
  await page.getByRole('button', { name: 'Aanbod publiceren' }).click();
  await expect(page.getByLabel('Prijs in STK')).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousViolations(page);
  await page.getByLabel('Prijs in STK').fill('5,00');
  await page.getByRole('button', { name: 'Aanbod publiceren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ons aanbod' })).toBeVisible();
  await expect(
    page.getByTestId('listing').filter({ hasText: `Partytent ${suffix}` }),
  ).toContainText('5,00 STK per dag · borg 20,00 STK');
  const found = await getJson<{ items: Array<{ id: string; titleNl: string }> }>(
    request,
    `/listings?q=${suffix}`,
    bearer,
  );
  const listing = found.items.find((item) => item.titleNl === `Partytent ${suffix}`)!;
  expect(listing).toBeDefined();

  // The booker: a business of its own with 100 STK from the fund.
  const booker = await createPerson(request, 'business');
  const bookerBearer = await token(request, credentials(booker));
  const [account] = await getJson<Array<{ id: string }>>(
    request,
    `/parties/${booker.partyId}/accounts`,
    bookerBearer,
  );
  const treasurer = await token(request, {
    email: 'treasurer@steerkes.test',
    password: DEMO_PASSWORD,
  });
  const issued = await request.post(`${API}/treasury/issue`, {
    headers: { Authorization: `Bearer ${treasurer}`, 'Idempotency-Key': randomUUID() },
    data: { toAccountId: account.id, amount: '100.00', description: 'Budget e2e' },
  });
  expect(issued.ok(), await issued.text()).toBe(true);
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const later = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
  const day = (date: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(date);
  const booked = await request.post(`${API}/bookings`, {
    headers: { Authorization: `Bearer ${bookerBearer}`, 'Idempotency-Key': randomUUID() },
    data: { listingId: listing.id, startsAt: day(tomorrow), endsAt: day(later) },
  });
  expect(booked.ok(), await booked.text()).toBe(true);
  const held = async () =>
    getJson<{ balance: string; pending: string }>(request, `/accounts/${account.id}`, bookerBearer);
  expect(await held()).toMatchObject({ balance: '100.00', pending: '25.00' });

  // The week of the listing: the booking with the booker's name; a block for maintenance next week.
  await page.getByRole('link', { name: 'Aanbod', exact: true }).click();
  await page.getByRole('link', { name: `Week van Partytent ${suffix}` }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Week van Partytent ${suffix}` }),
  ).toBeVisible();
  const bookingsThisWeek = page.locator('section.card', {
    has: page.getByRole('heading', { name: 'Boekingen deze week' }),
  });
  // Tomorrow's booking is in this week, or (on a Sunday) in the next.
  await expect(bookingsThisWeek.getByText(/Geen boekingen|Aangevraagd/).first()).toBeVisible();
  const inNextWeek = (await bookingsThisWeek.textContent())?.includes('Geen boekingen');
  if (inNextWeek) await page.getByRole('button', { name: 'Volgende week' }).click();
  await expect(bookingsThisWeek).toContainText(booker.displayName);
  await expect(bookingsThisWeek).toContainText('Aangevraagd');
  if (inNextWeek) await page.getByRole('button', { name: 'Vorige week' }).click();
  // Blocked for tonight (the booking starts tomorrow), then released.
  await page.getByLabel('Vanaf').fill(`${today()}T22:00`);
  await page.getByLabel('Tot', { exact: true }).fill(`${today()}T23:00`);
  await page.getByLabel('Reden').fill('Onderhoud tentdoek');
  await page.getByRole('button', { name: 'Blokkeren' }).click();
  await expect(page.getByText('Onderhoud tentdoek')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Blokkade "Onderhoud tentdoek" vrijgeven' }).click();
  await expect(page.getByText('Onderhoud tentdoek')).toHaveCount(0);
  await page.getByRole('link', { name: 'Boekingen' }).click();
  const card = page.getByTestId('booking').filter({ hasText: `Partytent ${suffix}` });
  await expect(card).toContainText('Aangevraagd');
  await expect(card).toContainText(`Geboekt door ${booker.displayName}`);
  await expect(card).toContainText('prijs 5,00 STK · borg 20,00 STK');
  await expectNoSeriousViolations(page);
  await card.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(card.getByText('Bevestigd', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Meegeven' }).click();
  await expect(card.getByText('Meegegeven', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Terug ontvangen' }).click();
  await expectNoSeriousViolations(page);
  await card.getByRole('button', { name: 'Terugname vastleggen' }).click();
  await expect(card.getByText('Teruggebracht', { exact: true })).toBeVisible();
  await expect(card).toContainText('Betaald: 5,00 STK; van de borg gehouden: 0,00 STK');
  if (process.env.SCREENSHOTS)
    await page.screenshot({
      path: 'test-results/org-shots/bookings-returned-tablet-nl.png',
      fullPage: true,
    });
  // The price went to the organisation, the deposit came back: nothing is held any more.
  expect(await held()).toMatchObject({ balance: '95.00', pending: '0.00' });
  await context.close();
});

test('a listing open twice a day keeps both spans on edit; a span is added and one removed in the form', async ({
  browser,
  request,
}) => {
  const { bearer } = await managerContext(request);
  const suffix = randomUUID().slice(0, 8);
  const created = await request.post(`${API}/listings`, {
    headers: { Authorization: `Bearer ${bearer}` },
    data: {
      category: 'room',
      titleNl: `Vergaderzaal ${suffix}`,
      titleEn: `Meeting room ${suffix}`,
      descriptionNl: 'Zaal voor tien.',
      descriptionEn: 'Room for ten.',
      address: 'Malbergsingel 2, Maastricht',
      pricingUnit: 'hour',
      price: '2.00',
      openingHours: {
        mon: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
      },
    },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const listing = (await created.json()) as { id: string };
  const { context, page } = await openAs(browser, MANAGER, { size: 'phone', language: 'nl' });
  await page.goto(`/organisation/listings/${listing.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Aanbod wijzigen' })).toBeVisible();
  await expect(page.getByLabel('Maandag, tijdvak 1 open vanaf')).toHaveValue('09:00');
  await expect(page.getByLabel('Maandag, tijdvak 2 open vanaf')).toHaveValue('13:00');
  await expect(page.getByLabel('Maandag, tijdvak 2 open tot')).toHaveValue('17:00');
  await page.getByRole('button', { name: 'Tijdvak toevoegen op Dinsdag' }).click();
  await page.getByLabel('Dinsdag, tijdvak 2 open vanaf').fill('18:00');
  await page.getByLabel('Dinsdag, tijdvak 2 open tot').fill('22:00');
  await page.getByRole('button', { name: 'Maandag, tijdvak 1 weghalen' }).click();
  await expect(page.getByLabel('Maandag open vanaf')).toHaveValue('13:00');
  await expectNoSeriousViolations(page);
  if (process.env.SCREENSHOTS)
    await page.screenshot({
      path: 'test-results/org-shots/listing-spans-phone-nl.png',
      fullPage: true,
    });
  if (process.env.SCREENSHOTS) {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.screenshot({
      path: 'test-results/org-shots/listing-spans-tablet-nl.png',
      fullPage: true,
    });
  }
  await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ons aanbod' })).toBeVisible();
  const saved = await getJson<{ openingHours: Record<string, string[][]> }>(
    request,
    `/listings/${listing.id}`,
    bearer,
  );
  expect(saved.openingHours).toEqual({ mon: [['13:00', '17:00']], tue: [['18:00', '22:00']] });
  await context.close();
});

test('booking a free slot from search: a room of another organisation, then cancelled among the bookings made', async ({
  browser,
}) => {
  const { context, page } = await openAs(browser, MANAGER, { size: 'phone', language: 'en' });
  await page.getByRole('link', { name: 'Book', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Book something' })).toBeVisible();
  // A weekday three weeks ahead, the morning (a whole day-part: 08:00 to 12:00).
  const ahead = new Date(Date.now() + 21 * 24 * 60 * 60 * 1000);
  while (ahead.getUTCDay() === 0 || ahead.getUTCDay() === 6)
    ahead.setUTCDate(ahead.getUTCDate() + 1);
  const day = ahead.toISOString().slice(0, 10);
  await page.getByLabel('Kind').selectOption('room');
  await page.getByLabel('From').fill(`${day}T08:00`);
  await page.getByLabel('Until').fill(`${day}T12:00`);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const result = page.getByTestId('search-result').first();
  await expect(result).toBeVisible();
  await expect(page.getByTestId('search-result')).not.toContainText(['Buurtcentrum Malberg']);
  await expectNoSeriousViolations(page);
  const title = (await result.getByRole('heading').textContent())!;
  await result.getByLabel('Note for the provider (optional)').fill('Ledenvergadering');
  await result.getByRole('button', { name: `Book ${title}` }).click();
  await expect(result.getByRole('status')).toContainText(`${title} has been booked`);

  await page.getByRole('link', { name: 'Bookings', exact: true }).click();
  const made = page
    .locator('section.card', { has: page.getByRole('heading', { name: 'Booked by you' }) })
    .getByTestId('booking')
    .filter({ hasText: 'Ledenvergadering' })
    .filter({ hasNotText: 'Cancelled' });
  await expect(made.first()).toBeVisible();
  // The booker sees whose listing it booked (not its own organisation).
  await expect(made.first()).toContainText(/Offered by \S/);
  await expect(made.first()).not.toContainText('Offered by Buurtcentrum Malberg');
  await made.first().getByRole('button', { name: 'Cancel', exact: true }).click();
  await made.first().getByRole('button', { name: 'Cancel the booking' }).click();
  await expect(page.getByText(`${title}: cancelled.`)).toBeVisible();
  await context.close();
});

/** An approved claim of a new volunteer with the demo's organisation: it is paid at once. */
async function approvedClaim(
  request: APIRequestContext,
  hours: string,
  activity: string,
): Promise<{ volunteer: Person; claimId: string }> {
  const { bearer, organisationId } = await managerContext(request);
  const volunteer = await createPerson(request, 'volunteer');
  const claimId = await claim(request, volunteer, organisationId, hours, activity);
  const approved = await request.post(`${API}/time-claims/${claimId}/approve`, {
    headers: { Authorization: `Bearer ${bearer}`, 'Idempotency-Key': randomUUID() },
  });
  expect(approved.ok(), await approved.text()).toBe(true);
  return { volunteer, claimId };
}

async function organisationAccount(request: APIRequestContext) {
  const { bearer, organisationId } = await managerContext(request);
  const [account] = await getJson<Array<{ id: string; balance: string; available: string }>>(
    request,
    `/parties/${organisationId}/accounts`,
    bearer,
  );
  return account;
}

/**
 * A tent of the demo's organisation (5 STK a day, 20 STK deposit) lent to a new business and
 * taken back with 3 STK of the deposit kept: a settled booking that brought the organisation 8 STK.
 */
async function settledBooking(request: APIRequestContext) {
  const { bearer } = await managerContext(request);
  const manager = { Authorization: `Bearer ${bearer}` };
  const suffix = randomUUID().slice(0, 8);
  const title = `Tent ${suffix}`;
  const created = await request.post(`${API}/listings`, {
    headers: manager,
    data: {
      category: 'materials',
      titleNl: title,
      titleEn: title,
      descriptionNl: 'Tent.',
      descriptionEn: 'Tent.',
      address: 'Malbergsingel 2, Maastricht',
      pricingUnit: 'day',
      price: '5.00',
      deposit: '20.00',
      quantity: 1,
      bufferMinutes: 0,
    },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const listing = (await created.json()) as { id: string };
  const booker = await createPerson(request, 'business');
  const bookerBearer = await token(request, credentials(booker));
  const [account] = await getJson<Array<{ id: string }>>(
    request,
    `/parties/${booker.partyId}/accounts`,
    bookerBearer,
  );
  const treasurer = await token(request, {
    email: 'treasurer@steerkes.test',
    password: DEMO_PASSWORD,
  });
  const issued = await request.post(`${API}/treasury/issue`, {
    headers: { Authorization: `Bearer ${treasurer}`, 'Idempotency-Key': randomUUID() },
    data: { toAccountId: account.id, amount: '100.00', description: 'Budget e2e' },
  });
  expect(issued.ok(), await issued.text()).toBe(true);
  const day = (offset: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
      new Date(Date.now() + offset * 24 * 60 * 60 * 1000),
    );
  const booked = await request.post(`${API}/bookings`, {
    headers: { Authorization: `Bearer ${bookerBearer}`, 'Idempotency-Key': randomUUID() },
    data: { listingId: listing.id, startsAt: day(1), endsAt: day(2) },
  });
  expect(booked.ok(), await booked.text()).toBe(true);
  const booking = (await booked.json()) as { id: string };
  const steps: Array<[string, object | undefined]> = [
    ['confirm', undefined],
    ['check-out', undefined],
    ['return', { depositKept: '3.00', damageNote: 'Scheur in het tentdoek' }],
  ];
  for (const [step, data] of steps) {
    const done = await request.post(`${API}/bookings/${booking.id}/${step}`, {
      headers: { ...manager, 'Idempotency-Key': randomUUID() },
      data,
    });
    expect(done.ok(), `${step}: ${await done.text()}`).toBe(true);
  }
  const bookerBalance = async () =>
    (await getJson<{ balance: string }>(request, `/accounts/${account.id}`, bookerBearer)).balance;
  return { title, booker, bookingId: booking.id, bookerBalance };
}

test('an approved claim revoked with a reason: the Steerkes come back; a claim whose Steerkes were spent is refused and nothing changes', async ({
  browser,
  request,
}) => {
  // Its people, claims and booking are made over the API first: slow on a busy machine.
  test.setTimeout(120_000);
  const { bearer } = await managerContext(request);
  const { volunteer, claimId } = await approvedClaim(request, '2.00', 'Dubbel goedgekeurd');
  const paid = await balanceOf(request, volunteer);
  expect(Number(paid)).toBeGreaterThan(0);
  // The second volunteer gives what they earned away (to the organisation) before the revocation.
  const spender = await approvedClaim(request, '1.00', 'Koffie schenken');
  const spenderBearer = await token(request, credentials(spender.volunteer));
  const [spenderAccount] = await getJson<Array<{ id: string; balance: string }>>(
    request,
    `/parties/${spender.volunteer.partyId}/accounts`,
    spenderBearer,
  );
  const given = await request.post(`${API}/transfers`, {
    headers: { Authorization: `Bearer ${spenderBearer}`, 'Idempotency-Key': randomUUID() },
    data: {
      fromAccountId: spenderAccount.id,
      toAccountId: (await organisationAccount(request)).id,
      amount: spenderAccount.balance,
      description: 'Gift terug',
    },
  });
  expect(given.ok(), await given.text()).toBe(true);

  const { context, page } = await openAs(browser, MANAGER, { size: 'phone', language: 'nl' });
  await page.getByLabel('Welke').selectOption('approved');
  const row = page.getByTestId('decided-claim').filter({ hasText: volunteer.displayName });
  await expect(row).toContainText('Goedgekeurd');
  await row.getByRole('button', { name: /^Trek de goedkeuring van .* in$/ }).click();
  const panel = page.locator('.revoke-panel');
  await expect(panel.getByRole('heading')).toContainText(volunteer.displayName);
  await expect(panel).toContainText(`De ${nl(paid)} die ${volunteer.displayName} kreeg`);
  // Without a reason the page asks for one first.
  await panel.getByRole('button', { name: 'Intrekken met deze reden' }).click();
  await expect(panel.getByLabel('Reden (de vrijwilliger ziet deze)')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(panel.getByText('Schrijf kort waarom')).toBeVisible();
  await expectNoSeriousViolations(page);
  await panel.getByLabel('Reden (de vrijwilliger ziet deze)').fill('Ook in de groepsactiviteit.');
  await panel.getByRole('button', { name: 'Intrekken met deze reden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ingetrokken:' })).toContainText(
    `Ingetrokken: ${volunteer.displayName}, 2 uur; ${nl(paid)} is terug op jullie rekening.`,
  );
  await expect.poll(() => balanceOf(request, volunteer)).toBe('0.00');
  const after = await getJson<{ status: string; reason: string }>(
    request,
    `/time-claims/${claimId}`,
    bearer,
  );
  expect(after).toMatchObject({ status: 'revoked', reason: 'Ook in de groepsactiviteit.' });
  await page.getByLabel('Welke').selectOption('revoked');
  await expect(row).toContainText('Teruggedraaid');
  await expect(row).toContainText('Ook in de groepsactiviteit.');

  // The spent one: refused in a plain sentence; the claim stays approved and nobody's balance moves.
  const organisationBefore = (await organisationAccount(request)).balance;
  await page.getByLabel('Welke').selectOption('approved');
  const spent = page.getByTestId('decided-claim').filter({
    hasText: spender.volunteer.displayName,
  });
  await spent.getByRole('button', { name: /^Trek de goedkeuring van .* in$/ }).click();
  await panel.getByLabel('Reden (de vrijwilliger ziet deze)').fill('Per ongeluk goedgekeurd.');
  await panel.getByRole('button', { name: 'Intrekken met deze reden' }).click();
  await expect(panel.getByRole('alert')).toContainText('Niet ingetrokken; er is niets veranderd.');
  await expect(panel.getByRole('alert')).toContainText(
    'De vrijwilliger heeft deze Steerkes al (deels) uitgegeven',
  );
  await expectNoSeriousViolations(page);
  if (process.env.SCREENSHOTS)
    await page.screenshot({
      path: 'test-results/org-shots/revoke-refused-phone-nl.png',
      fullPage: true,
    });
  expect(
    await getJson<{ status: string }>(request, `/time-claims/${spender.claimId}`, bearer),
  ).toMatchObject({ status: 'approved' });
  expect(await balanceOf(request, spender.volunteer)).toBe('0.00');
  expect((await organisationAccount(request)).balance).toBe(organisationBefore);
  await context.close();
});

test('a settled booking paid back in part with a reason; more than is left is refused at the field and pays nothing', async ({
  browser,
  request,
}) => {
  // Its people, claims and booking are made over the API first: slow on a busy machine.
  test.setTimeout(120_000);
  const { bearer } = await managerContext(request);
  const { title, booker, bookingId, bookerBalance } = await settledBooking(request);
  // 5 STK price and 3 STK of the deposit went to the organisation.
  expect(await bookerBalance()).toBe('92.00');

  const { context, page } = await openAs(browser, MANAGER, { size: 'tablet', language: 'en' });
  await page.getByRole('link', { name: 'Bookings' }).click();
  const card = page.getByTestId('booking').filter({ hasText: title });
  await expect(card).toContainText('Returned');
  await card.getByRole('button', { name: 'Refund' }).click();
  await expect(card.getByText('At most 8.00 STK')).toBeVisible();
  await expectNoSeriousViolations(page);
  // Meanwhile 3 STK is paid back elsewhere (over the API): the page still thinks 8 STK is left.
  const elsewhere = await request.post(`${API}/bookings/${bookingId}/refund`, {
    headers: { Authorization: `Bearer ${bearer}`, 'Idempotency-Key': randomUUID() },
    data: { amount: '3.00', reason: 'Tent te laat klaargezet' },
  });
  expect(elsewhere.ok(), await elsewhere.text()).toBe(true);
  expect(await bookerBalance()).toBe('95.00');
  await card.getByLabel('Amount in STK').fill('8');
  await card.getByLabel('Reason', { exact: true }).fill('The tent leaked.');
  await card.getByRole('button', { name: 'Pay back' }).click();
  await expect(card.getByRole('alert')).toContainText('Not paid back; nothing has changed.');
  await expect(card.getByLabel('Amount in STK')).toHaveAttribute('aria-invalid', 'true');
  await expect(
    card.getByText('That is more than you received and have not paid back yet.'),
  ).toBeVisible();
  await expectNoSeriousViolations(page);
  if (process.env.SCREENSHOTS)
    await page.screenshot({
      path: 'test-results/org-shots/refund-refused-tablet-en.png',
      fullPage: true,
    });
  expect(await bookerBalance()).toBe('95.00');

  await card.getByLabel('Amount in STK').fill('2.5');
  await card.getByRole('button', { name: 'Pay back' }).click();
  await expect(card.getByRole('status')).toHaveText(`2.50 STK paid back to ${booker.displayName}.`);
  await expect(card).toContainText('Already paid back: 5.50 STK.');
  expect(await bookerBalance()).toBe('97.50');
  await expect
    .poll(
      async () =>
        (await getJson<{ refunded: string }>(request, `/bookings/${bookingId}`, bearer)).refunded,
    )
    .toBe('5.50');
  await context.close();
});

test('Steerkes transferred to a volunteer who worked for the organisation; too much is refused and moves nothing; a lost answer is tried again once', async ({
  browser,
  request,
}) => {
  // Its people, claims and booking are made over the API first: slow on a busy machine.
  test.setTimeout(120_000);
  const { volunteer } = await approvedClaim(request, '1.00', 'Opruimen');
  const earned = await balanceOf(request, volunteer);

  const { context, page } = await openAs(browser, MANAGER, { size: 'phone', language: 'en' });
  await page.getByRole('link', { name: 'Money' }).click();
  const card = page.locator('#transfer');
  await expect(card.getByRole('heading', { name: 'Transfer Steerkes' })).toBeVisible();
  // What the organisation did this year (its own line of the impact report).
  await expect(page.getByTestId('impact')).toContainText('Hours rewarded');
  await expect(page.getByTestId('impact')).toContainText('Volunteers');
  // Nothing filled in: the page says what is missing.
  await card.getByRole('button', { name: 'Transfer' }).click();
  await expect(card.getByText('Choose to whom.')).toBeVisible();
  await expect(card.getByLabel('Amount in STK')).toHaveAttribute('aria-invalid', 'true');
  await card.getByLabel('To', { exact: true }).selectOption({ label: volunteer.displayName });
  await card.getByLabel('Amount in STK').fill('999999999');
  await card.getByLabel('Description (the receiver sees it)').fill('Thank you');
  const organisationBefore = (await organisationAccount(request)).balance;
  await card.getByRole('button', { name: 'Transfer' }).click();
  await expect(card.getByRole('alert')).toContainText('Not transferred; nothing has changed.');
  await expect(card.getByRole('alert')).toContainText(
    'Your account does not have enough available. Transfer less or ask the fund for budget.',
  );
  await expectNoSeriousViolations(page);
  if (process.env.SCREENSHOTS)
    await page.screenshot({
      path: 'test-results/org-shots/transfer-refused-phone-en.png',
      fullPage: true,
    });
  expect(await balanceOf(request, volunteer)).toBe(earned);
  expect((await organisationAccount(request)).balance).toBe(organisationBefore);

  // The first answer is lost after the server booked it: "Try again" sends the same key.
  let lost = false;
  await page.route('**/api/v1/transfers', async (route) => {
    if (lost) return route.continue();
    lost = true;
    await route.fetch();
    await route.abort('failed');
  });
  await card.getByLabel('Amount in STK').fill('2,50');
  await card.getByRole('button', { name: 'Transfer' }).click();
  await expect(card.getByRole('alert')).toContainText('The server did not answer');
  await card.getByRole('button', { name: 'Try again' }).click();
  await expect(card.getByTestId('transfer-done')).toHaveText(
    `2.50 STK transferred to ${volunteer.displayName}.`,
  );
  expect(await balanceOf(request, volunteer)).toBe((Number(earned) + 2.5).toFixed(2));
  await context.close();
});

test.describe("every page of the organisation's manager passes axe in Dutch and in English", () => {
  const pages = [
    { path: '/organisation/hours', nl: 'Uren', en: 'Hours' },
    { path: '/organisation/activity', nl: 'Activiteit vastleggen', en: 'Record an activity' },
    { path: '/organisation/money', nl: 'Geld', en: 'Money' },
    { path: '/organisation/bookings', nl: 'Boekingen', en: 'Bookings' },
    { path: '/organisation/listings', nl: 'Ons aanbod', en: 'Our listings' },
    { path: '/organisation/listings/new', nl: 'Nieuw aanbod', en: 'New listing' },
    { path: '/organisation/book', nl: 'Iets boeken', en: 'Book something' },
  ];
  for (const language of ['nl', 'en'] as const) {
    for (const size of ['phone', 'tablet'] as const) {
      test(`in ${language} on a ${size}`, async ({ browser, request }) => {
        // Seven pages and two panels, each checked by axe: more than the default minute.
        test.setTimeout(180_000);
        // An approved claim to revoke and a settled booking to pay back, for their panels.
        const { volunteer } = await approvedClaim(request, '1.00', 'Afwassen');
        const { title } = await settledBooking(request);
        const { context, page } = await openAs(browser, MANAGER, { size, language });
        for (const target of pages) {
          await page.goto(target.path);
          await expect(
            page.getByRole('heading', { level: 1, name: target[language] }),
          ).toBeVisible();
          await expect(page.getByText(/Even laden|Loading/)).toHaveCount(0);
          await expectNoSeriousViolations(page);
          if (process.env.SCREENSHOTS)
            await page.screenshot({
              path: `test-results/org-shots/${target.path.split('/').pop()}-${size}-${language}.png`,
              fullPage: true,
            });
        }
        // The panel that revokes an approved claim, and the form that pays a booking back.
        await page.goto('/organisation/hours');
        await page
          .getByTestId('decided-claim')
          .filter({ hasText: volunteer.displayName })
          .getByRole('button', {
            name: language === 'nl' ? /^Trek de goedkeuring van / : /^Revoke the approval of /,
          })
          .click();
        await expect(page.locator('.revoke-panel')).toBeVisible();
        await expectNoSeriousViolations(page);
        if (process.env.SCREENSHOTS)
          await page.screenshot({
            path: `test-results/org-shots/revoke-${size}-${language}.png`,
            fullPage: true,
          });
        await page.goto('/organisation/bookings');
        const booking = page.getByTestId('booking').filter({ hasText: title });
        await booking
          .getByRole('button', { name: language === 'nl' ? 'Terugbetalen' : 'Refund' })
          .click();
        await expect(booking.getByRole('heading', { level: 4 })).toBeVisible();
        await expectNoSeriousViolations(page);
        if (process.env.SCREENSHOTS)
          await booking.screenshot({
            path: `test-results/org-shots/refund-${size}-${language}.png`,
          });
        // The week of a listing of the demo (Buurtcentrum Malberg's hall).
        await page.goto('/organisation/listings');
        await page
          .getByRole('link', { name: language === 'nl' ? 'Week' : 'Week' })
          .first()
          .click();
        await expect(
          page.getByRole('heading', { level: 1, name: /^Week (van|of) / }),
        ).toBeVisible();
        await expect(page.getByText(/Even laden|Loading/)).toHaveCount(0);
        await expectNoSeriousViolations(page);
        if (process.env.SCREENSHOTS)
          await page.screenshot({
            path: `test-results/org-shots/week-${size}-${language}.png`,
            fullPage: true,
          });
        // Another role's page is "not for you", not an error.
        await page.goto('/kassa');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(
          language === 'nl' ? 'Deze pagina is niet voor jou' : 'This page is not for you',
        );
        await context.close();
      });
    }
  }
});
