import { type APIRequestContext, expect, test } from '@playwright/test';
import { API, expectNoSeriousViolations, type Language, LOCALES, newPage } from './kassa-fixtures';

/**
 * The public transparency page in a real browser, without login: reached from the login page,
 * the figures of the demo's years as the API gives them, a link per year (path and ?jaar=), a
 * print stylesheet, and axe in both languages at both widths.
 */
interface Report {
  year: number;
  organisations: Array<{ name: string; budgetIssued: string }>;
  districts: Array<{ district: string; sponsorshipAccepted: { steerkes: string } | null }>;
}

async function report(request: APIRequestContext, year: number): Promise<Report> {
  const response = await request.get(`${API}/public/transparency?year=${year}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as Report;
}

function steerkes(language: Language, amount: string): string {
  const number = new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(Number(amount));
  return `${number} STK`;
}

const THIS_YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(
    new Date(),
  ),
);
const DISTRICT_NAMES: Record<string, string> = {
  'noord-west': 'Noord-West',
  'noord-oost': 'Noord-Oost',
  'zuid-west-centrum': 'Zuid-West/Centrum',
  'zuid-oost': 'Zuid-Oost',
};

test('a visitor opens the transparency page from the login page and reads this year’s figures', async ({
  browser,
  request,
}) => {
  const figures = await report(request, THIS_YEAR);
  const { context, page } = await newPage(browser, { size: 'phone', language: 'nl' });
  await page.goto('/');
  await page
    .getByRole('main')
    .getByRole('link', { name: 'Wie kreeg wat? (transparantie)' })
    .click();
  await expect(page).toHaveURL(/\/transparantie$/);
  await expect(
    page.getByRole('heading', { level: 1, name: `Wie kreeg wat, waarvoor — ${THIS_YEAR}` }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wat is een Steerke?' })).toBeVisible();
  await expect(page.getByText(/minder dan 5 vrijwilligers/).first()).toBeVisible();
  const withSponsorship = figures.districts.find(
    (line) => line.sponsorshipAccepted !== null && line.district in DISTRICT_NAMES,
  );
  expect(withSponsorship, 'the demo has redemptions this year').toBeDefined();
  const row = page
    .getByTestId('districts-table')
    .getByRole('row', { name: new RegExp(`^${DISTRICT_NAMES[withSponsorship!.district]}`) });
  await expect(row).toContainText(steerkes('nl', withSponsorship!.sponsorshipAccepted!.steerkes));
  await expect(
    page.getByRole('img', { name: new RegExp(`per wijk in ${THIS_YEAR}`) }),
  ).toBeVisible();
  for (const organisation of figures.organisations)
    await expect(
      page.getByTestId('organisations-table').getByRole('rowheader', { name: organisation.name }),
    ).toBeVisible();
  await context.close();
});

test('each year has its own link: the picker, /transparantie/<jaar> and ?jaar=', async ({
  browser,
  request,
}) => {
  const lastYear = THIS_YEAR - 1;
  const figures = await report(request, lastYear);
  const funded = figures.organisations.find((line) => Number(line.budgetIssued) > 0);
  expect(funded, 'the demo issued budget last year').toBeDefined();
  const { context, page } = await newPage(browser, { size: 'tablet', language: 'en' });
  await page.goto('/transparantie');
  await page
    .getByRole('navigation', { name: 'Choose a year' })
    .getByRole('link', { name: String(lastYear) })
    .click();
  await expect(page).toHaveURL(new RegExp(`/transparantie/${lastYear}$`));
  await expect(
    page.getByRole('heading', { level: 1, name: `Who got what, for what — ${lastYear}` }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: String(lastYear) })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(
    page
      .getByTestId('organisations-table')
      .getByRole('row', { name: new RegExp(`^${funded!.name}`) }),
  ).toContainText(steerkes('en', funded!.budgetIssued));
  await expect(
    page.getByRole('img', { name: new RegExp(`per organisation in ${lastYear}`) }),
  ).toBeVisible();

  await page.goto(`/transparantie?jaar=${lastYear}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Who got what, for what — ${lastYear}`,
  );
  await page.goto('/transparantie/nonsense');
  await expect(page.getByText('We have no figures for “nonsense”')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Who got what, for what — ${THIS_YEAR}`,
  );
  await context.close();
});

test('prints the figures without the header, the year picker or the print button', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, { size: 'tablet', language: 'nl' });
  await page.goto(`/transparantie/${THIS_YEAR}`);
  await expect(page.getByTestId('districts-table')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeHidden();
  await expect(page.getByTestId('organisations-table')).toBeVisible();
  await context.close();
});

for (const language of ['nl', 'en'] as const)
  for (const size of ['phone', 'tablet'] as const)
    test(`axe finds nothing serious on the transparency page, ${size}, ${language}`, async ({
      browser,
    }) => {
      const { context, page } = await newPage(browser, { size, language });
      for (const year of [THIS_YEAR, THIS_YEAR - 1]) {
        await page.goto(`/transparantie/${year}`);
        await expect(page.getByTestId('organisations-table')).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await expectNoSeriousViolations(page);
        if (process.env.SCREENSHOTS)
          await page.screenshot({
            path: `test-results/shots/transparency-${year}-${size}-${language}.png`,
            fullPage: true,
          });
      }
      await context.close();
    });
