import { expect, type Page, test } from '@playwright/test';
import {
  API,
  BUSINESS,
  businessRedemptions,
  demoPassNumber,
  expectNoSeriousViolations,
  grouped,
  logIn,
  newPage,
  token,
  unknownValidPassNumber,
  VOLUNTEER,
} from './kassa-fixtures';
import { createVolunteerWithPass } from './volunteer-and-business-fixtures';

/**
 * The counter's story in a real browser against the real server with the demo: Het Bonenhuis
 * redeems Anouk's pass. The tests share Anouk's pass and the business's offers, so they run one
 * after another; each one undoes what it redeemed.
 */
test.describe.configure({ mode: 'serial' });

const BEANS = { nl: '250 gram koffiebonen', en: '250 grams of coffee beans' };
const COFFEE = { nl: 'Kop koffie met vlaai', en: 'Coffee with Limburg pie' };

async function openCounter(page: Page) {
  await logIn(page, BUSINESS);
  await expect(page).toHaveURL(/\/kassa$/);
  await expect(page.getByRole('heading', { level: 1, name: /^(Kassa|Counter)$/ })).toBeVisible();
}

function passField(page: Page) {
  return page.getByLabel(/^(Pasnummer|Pass number)$/);
}

async function redeem(page: Page, passNumber: string, offerTitle: string) {
  await passField(page).fill(grouped(passNumber));
  await page.getByRole('button', { name: new RegExp(offerTitle) }).click();
  await page.getByRole('button', { name: /^(Inwisselen|Redeem)$/ }).click();
}

const receiptHeading = (page: Page) =>
  page.getByRole('heading', { name: /^✓ (Ingewisseld|Redeemed)$/ });

for (const [size, language] of [
  ['tablet', 'nl'],
  ['phone', 'en'],
] as const) {
  test(`${size}, ${language}: a typed pass number is checked as it is typed, redeemed, shown on the receipt and in today's list, and undone`, async ({
    browser,
    request,
  }) => {
    const { context, page } = await newPage(browser, { size, language });
    await openCounter(page);
    await expectNoSeriousViolations(page);
    const pass = demoPassNumber();
    const typo = pass.slice(0, 11) + String((Number(pass[11]) + 1) % 10);
    await passField(page).pressSequentially(grouped(typo));
    await expect(
      page.getByText(
        language === 'nl'
          ? 'Dit nummer klopt niet (controlecijfer).'
          : 'This number is not valid (check digit).',
        { exact: false },
      ),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Inwisselen|Redeem)$/ })).toBeDisabled();
    await passField(page).fill(grouped(pass));
    await expect(
      page.getByText(language === 'nl' ? 'Pasnummer klopt.' : 'Pass number is valid.'),
    ).toBeVisible();
    await page.getByRole('button', { name: new RegExp(BEANS[language]) }).click();
    await expect(page.getByRole('button', { name: new RegExp(BEANS[language]) })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.getByRole('button', { name: language === 'nl' ? 'Eén meer' : 'One more' }).click();
    await expect(
      page.getByText(language === 'nl' ? 'Totaal: 8,00 STK' : 'Total: 8.00 STK'),
    ).toBeVisible();
    const before = await businessRedemptions(request);
    await page.getByRole('button', { name: /^(Inwisselen|Redeem)$/ }).click();

    await expect(receiptHeading(page)).toBeVisible();
    const receipt = page.locator('.receipt');
    await expect(receipt).toContainText(BEANS[language]);
    await expect(receipt).toContainText(language === 'nl' ? '8,00 STK' : '8.00 STK');
    await expect(receipt).toContainText(language === 'nl' ? '€ 15,00' : '€15.00');
    await expect(receipt).toContainText(
      language === 'nl'
        ? /Ongedaan maken kan nog 1[45]:\d\d\./
        : /Undo is possible for 1[45]:\d\d\./,
    );
    const after = await businessRedemptions(request);
    expect(after.length).toBe(before.length + 1);
    const made = after.find(
      (redemption) => !before.some((earlier) => earlier.id === redemption.id),
    )!;
    expect(made).toMatchObject({
      status: 'completed',
      passNumber: expect.stringMatching(new RegExp(`${pass.slice(-4)}$`)),
    });
    const today = page.getByRole('region', { name: language === 'nl' ? 'Vandaag' : 'Today' });
    await expect(today.getByRole('row').filter({ hasText: BEANS[language] }).first()).toBeVisible();
    await expectNoSeriousViolations(page);

    await page
      .getByRole('button', { name: language === 'nl' ? 'Ongedaan maken' : 'Undo', exact: true })
      .click();
    await expect(
      page.getByRole('heading', { name: language === 'nl' ? /^Ongedaan gemaakt/ : /^Undone/ }),
    ).toBeVisible();
    expect(
      (await businessRedemptions(request)).find((redemption) => redemption.id === made.id)?.status,
    ).toBe('voided');
    await context.close();
  });
}

test('tablet: the pass is scanned with the camera (the decoder and its wasm load only then, from our own server)', async ({
  browser,
  request,
  baseURL,
}) => {
  const { context, page } = await newPage(browser, { size: 'tablet', language: 'nl' });
  await context.grantPermissions(['camera'], { origin: baseURL });
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await openCounter(page);
  expect(requested.filter((path) => /zxing|barcode-decoder/.test(path))).toEqual([]);
  await page.getByRole('button', { name: 'Scan met camera' }).click();
  await expect(passField(page)).toHaveValue(grouped(demoPassNumber()));
  expect(requested.some((path) => /zxing_reader-.*\.wasm$/.test(path))).toBe(true);
  expect(requested.every((path) => !path.startsWith('http'))).toBe(true);
  await expect(page.getByText('Pasnummer klopt.')).toBeVisible();
  await page.getByRole('button', { name: new RegExp(BEANS.nl) }).click();
  await page.getByRole('button', { name: 'Inwisselen' }).click();
  await expect(receiptHeading(page)).toBeVisible();
  await page.getByRole('button', { name: 'Ongedaan maken', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Ongedaan gemaakt/ })).toBeVisible();
  void request;
  await context.close();
});

test('tablet, en: a pass with a PIN brings the PIN pad; a wrong PIN is said in words with the attempts left, the right one redeems', async ({
  browser,
  request,
}) => {
  const pass = demoPassNumber();
  const volunteer = { Authorization: `Bearer ${await token(request, VOLUNTEER)}` };
  expect(
    (
      await request.put(`${API}/passes/${pass}/pin`, { headers: volunteer, data: { pin: '4821' } })
    ).ok(),
  ).toBe(true);
  try {
    const { context, page } = await newPage(browser, { size: 'tablet', language: 'en' });
    await openCounter(page);
    await redeem(page, pass, BEANS.en);
    await expect(page.getByRole('heading', { name: 'The pass’s PIN' })).toBeVisible();
    await expectNoSeriousViolations(page);
    for (const digit of '1111')
      await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'The PIN is wrong. After 4 more wrong attempt(s) in a row the pass is blocked.',
    );
    for (const digit of '4821')
      await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(receiptHeading(page)).toBeVisible();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.getByRole('heading', { name: /^Undone/ })).toBeVisible();
    await context.close();
  } finally {
    expect((await request.delete(`${API}/passes/${pass}/pin`, { headers: volunteer })).ok()).toBe(
      true,
    );
  }
});

test('phone, nl: each refusal is a plain sentence saying what to do next, never a code', async ({
  browser,
  request,
}) => {
  const { context, page } = await newPage(browser, { size: 'phone', language: 'nl' });
  await openCounter(page);
  const refusal = page.getByRole('alert');
  const back = () => page.getByRole('button', { name: 'Terug' }).click();

  await redeem(page, unknownValidPassNumber(), BEANS.nl);
  await expect(refusal).toContainText(
    'Deze pas bestaat niet. Controleer het nummer of scan de pas opnieuw.',
  );
  await expect(page.locator('main')).not.toContainText('PASS_NOT_FOUND');
  await expectNoSeriousViolations(page);
  await back();
  await expect(passField(page)).toHaveValue(grouped(unknownValidPassNumber()));

  const blocked = await createVolunteerWithPass(request);
  const holder = {
    Authorization: `Bearer ${await token(request, { email: blocked.email, password: blocked.password })}`,
  };
  expect(
    (
      await request.post(`${API}/passes/${blocked.passNumber}/block`, {
        headers: holder,
        data: { reason: 'lost' },
      })
    ).ok(),
  ).toBe(true);
  await redeem(page, blocked.passNumber, BEANS.nl);
  await expect(refusal).toContainText(
    'Deze pas is geblokkeerd. De vrijwilliger ziet in de app waarom en kan daar een nieuwe pas aanvragen.',
  );
  // Why it was blocked is the volunteer's to see, not the counter's.
  await expect(refusal).not.toContainText('kwijt');
  await back();

  // The coffee may be had once a day per pass: the second is refused, and the first is undone from today's list.
  const before = await businessRedemptions(request);
  await redeem(page, demoPassNumber(), COFFEE.nl);
  await expect(receiptHeading(page)).toBeVisible();
  await page.getByRole('button', { name: 'Volgende klant' }).click();
  await redeem(page, demoPassNumber(), COFFEE.nl);
  await expect(refusal).toContainText(
    'De vrijwilliger heeft dit aanbod al zo vaak gehad als mag. Kies een kleiner aantal of een ander aanbod.',
  );
  expect((await businessRedemptions(request)).length).toBe(before.length + 1);
  const today = page.getByRole('region', { name: 'Vandaag' });
  await today
    .getByRole('button', { name: /^Ongedaan maken \(1[45]:\d\d\)$/ })
    .first()
    .click();
  await expect(today.getByRole('row').filter({ hasText: COFFEE.nl }).first()).toContainText(
    'ongedaan gemaakt',
  );
  await context.close();
});

test('tablet, nl: the first answer is lost after the server booked it; Try again sends the same key and exactly one redemption exists', async ({
  browser,
  request,
}) => {
  const { context, page } = await newPage(browser, { size: 'tablet', language: 'nl' });
  await openCounter(page);
  const keys: string[] = [];
  let dropped: { id: string } | null = null;
  await page.route('**/api/v1/redemptions', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']);
    if (dropped === null) {
      const response = await route.fetch(); // the server books it...
      dropped = (await response.json()) as { id: string };
      return route.abort('connectionreset'); // ...and the answer never arrives
    }
    return route.continue();
  });
  const before = await businessRedemptions(request);
  await redeem(page, demoPassNumber(), BEANS.nl);
  await expect(page.getByRole('heading', { name: 'Geen antwoord van de server' })).toBeVisible();
  await expectNoSeriousViolations(page);
  expect(dropped).not.toBeNull();
  await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect(receiptHeading(page)).toBeVisible();
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  const after = await businessRedemptions(request);
  const made = after.filter(
    (redemption) => !before.some((earlier) => earlier.id === redemption.id),
  );
  expect(made.map((redemption) => redemption.id)).toEqual([dropped!.id]);
  await page.getByRole('button', { name: 'Ongedaan maken', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Ongedaan gemaakt/ })).toBeVisible();
  await context.close();
});
