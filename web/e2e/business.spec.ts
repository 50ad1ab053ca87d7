import { expect, test } from '@playwright/test';
import { BUSINESS, expectNoSeriousViolations, token } from './kassa-fixtures';
import { createPerson, credentials, getJson, openAs } from './volunteer-and-business-fixtures';

/**
 * The business's stories besides the counter: its offers (create, edit, withdraw, both
 * languages) and its sponsorship per month, on a phone and a tablet, with axe in both languages.
 */
const BONENHUIS = BUSINESS;

interface OfferBody {
  id: string;
  title: { nl: string; en: string };
  description: { nl: string; en: string };
  price: string;
  euroValue: string;
  stockRemaining: number | null;
  perPassLimit: { quantity: number; period: string } | null;
  status: string;
}

for (const size of ['phone', 'tablet'] as const) {
  test(`offers on a ${size}: create in both languages, a refusal at its field, edit, withdraw and offer again`, async ({
    browser,
    request,
  }) => {
    const business = await createPerson(request, 'business');
    const { context, page } = await openAs(browser, business, { size, language: 'nl' });
    await page.goto('/business/offers');
    await expect(page.getByText('Jullie hebben nog geen aanbod.')).toBeVisible();
    await page.getByRole('link', { name: 'Nieuw aanbod' }).click();
    await page.getByLabel('Titel (Nederlands)').fill('Kom soep');
    await page.getByLabel('Omschrijving (Nederlands)').fill('Een kom verse soep van de dag.');
    await page.getByLabel('Titel (Engels)').fill('Bowl of soup');
    await page.getByLabel('Omschrijving (Engels)').fill('A bowl of fresh soup of the day.');
    await page.getByLabel('Prijs in STK').fill('1,505');
    await page.getByLabel('Waarde in euro').fill('4,00');
    await page.getByLabel('Voorraad (leeg: onbeperkt)').fill('30');
    await page.getByLabel('Hoogstens per pas (leeg: geen grens)').fill('1');
    await page.getByLabel('Per', { exact: true }).selectOption('week');
    await page.getByRole('button', { name: 'Aanbod publiceren' }).click();
    // The API refuses three decimals; the page says so at the price field and nothing is made.
    await expect(page.getByLabel('Prijs in STK')).toHaveAttribute('aria-invalid', 'true');
    const bearer = await token(request, credentials(business));
    expect(
      (await getJson<{ items: OfferBody[] }>(request, '/offers/managed', bearer)).items,
    ).toEqual([]);

    await page.getByLabel('Prijs in STK').fill('1,50');
    await page.getByRole('button', { name: 'Aanbod publiceren' }).click();
    await expect(page.getByText('Kom soep staat nu in het aanbod.')).toBeVisible();
    let [offer] = (await getJson<{ items: OfferBody[] }>(request, '/offers/managed', bearer)).items;
    expect(offer).toMatchObject({
      title: { nl: 'Kom soep', en: 'Bowl of soup' },
      description: { nl: 'Een kom verse soep van de dag.', en: 'A bowl of fresh soup of the day.' },
      price: '1.50',
      euroValue: '4.00',
      stockRemaining: 30,
      perPassLimit: { quantity: 1, period: 'week' },
      status: 'active',
    });

    await page.getByRole('link', { name: 'Kom soep wijzigen' }).click();
    await expect(page.getByLabel('Titel (Engels)')).toHaveValue('Bowl of soup');
    await page.getByLabel('Titel (Engels)').fill('Bowl of fresh soup');
    await page.getByLabel('Prijs in STK').fill('2');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(page.getByText('De wijzigingen in Kom soep zijn opgeslagen.')).toBeVisible();
    [offer] = (await getJson<{ items: OfferBody[] }>(request, '/offers/managed', bearer)).items;
    expect(offer).toMatchObject({
      title: { nl: 'Kom soep', en: 'Bowl of fresh soup' },
      price: '2.00',
      stockRemaining: 30,
    });

    await page.getByRole('button', { name: 'Kom soep intrekken' }).click();
    await expect(page.getByText(/Kom soep is ingetrokken/)).toBeVisible();
    expect((await getJson<OfferBody>(request, `/offers/${offer.id}`, bearer)).status).toBe(
      'withdrawn',
    );
    await expect(page.getByTestId('managed-offer')).toContainText('Ingetrokken');
    await page.getByRole('button', { name: 'Kom soep weer aanbieden' }).click();
    await expect(page.getByText('Kom soep wordt weer aangeboden.')).toBeVisible();
    expect((await getJson<OfferBody>(request, `/offers/${offer.id}`, bearer)).status).toBe(
      'active',
    );
    await context.close();
  });

  test(`sponsorship on a ${size}: per month of a year in a table, and a chart beside it`, async ({
    browser,
    request,
  }) => {
    const { context, page } = await openAs(browser, BONENHUIS, { size, language: 'en' });
    await page.goto('/business/sponsorship');
    const bearer = await token(request, BONENHUIS);
    const year = new Date().getFullYear();
    const thisMonth = `${year}-${String(new Date().getMonth() + 1).padStart(2, '0')}`;
    const summary = await getJson<{
      redemptions: number;
      months: Array<{ month: string; redemptions: number; steerkes: string }>;
    }>(request, `/redemptions/summary?year=${year}`, bearer);
    const table = page.getByRole('table', { name: `Sponsorship per month in ${year}` });
    await expect(table.getByRole('row')).toHaveCount(1 + 12 + 1);
    // Past months are settled (the counter's tests redeem today): each row says what the API says.
    const pastMonths = summary.months.filter((month) => month.month < thisMonth);
    for (const month of pastMonths) {
      const name = new Intl.DateTimeFormat('en-GB', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${month.month}-01T00:00:00Z`));
      const cells = table.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell');
      await expect(cells.nth(0)).toHaveText(String(month.redemptions));
      await expect(cells.nth(1)).toHaveText(
        `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2 }).format(Number(month.steerkes))} STK`,
      );
    }
    expect(pastMonths.some((month) => month.redemptions > 0)).toBe(true); // the demo's year of history
    await expect(table.getByRole('row', { name: /^Total/ })).toBeVisible();
    await expect(
      page.getByRole('img', { name: new RegExp(`Steerkes per month in ${year}`) }),
    ).toBeVisible();
    await page.getByLabel('Year').selectOption(String(year - 1));
    await expect(
      page.getByRole('table', { name: `Sponsorship per month in ${year - 1}` }),
    ).toBeVisible();
    await context.close();
  });
}

test.describe('every business page passes axe in Dutch and in English', () => {
  for (const language of ['nl', 'en'] as const) {
    test(`in ${language}`, async ({ browser, request }) => {
      const { context, page } = await openAs(browser, BONENHUIS, { size: 'tablet', language });
      const bearer = await token(request, BONENHUIS);
      const [offer] = (await getJson<{ items: OfferBody[] }>(request, '/offers/managed', bearer))
        .items;
      for (const path of [
        '/business/offers',
        '/business/offers/new',
        `/business/offers/${offer.id}`,
        '/business/sponsorship',
      ]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.getByText(/Even laden|Loading/)).toHaveCount(0);
        await expectNoSeriousViolations(page);
      }
      await context.close();
    });
  }
});
