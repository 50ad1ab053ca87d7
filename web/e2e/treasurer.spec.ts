import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import {
  API,
  DEMO_PASSWORD,
  expectNoSeriousViolations,
  type Language,
  LOCALES,
  logIn,
  newPage,
  type Size,
  token,
} from './kassa-fixtures';
import { createPerson, credentials, type Person } from './volunteer-and-business-fixtures';

/**
 * The treasurer in a real browser: the dashboard (money supply, groups, integrity check, months),
 * issuing budget to an organisation (a lost answer retried with the same key books once), closing
 * a month after a confirmation that says what it means, the hledger export accepted by the real
 * hledger, and axe on every page in both languages at both widths.
 */
const TREASURER = { email: 'treasurer@steerkes.test', password: DEMO_PASSWORD };
const HLEDGER = '/usr/bin/hledger';

interface TrialBalance {
  circulation: string;
  groups: Array<{
    group: string;
    accounts: Array<{ accountId: string; name: string; balance: string }>;
  }>;
}

async function trialBalance(request: APIRequestContext): Promise<TrialBalance> {
  const response = await request.get(`${API}/treasury/trial-balance`, {
    headers: { Authorization: `Bearer ${await token(request, TREASURER)}` },
  });
  expect(response.ok()).toBe(true);
  return (await response.json()) as TrialBalance;
}

/** Today's postings of an account (the stories book today), as the API answers them. */
async function postingsToday(
  request: APIRequestContext,
  accountId: string,
): Promise<Array<{ sequence: number; code: string; description: string; amount: string }>> {
  const response = await request.get(`${API}/accounts/${accountId}/postings`, {
    headers: { Authorization: `Bearer ${await token(request, TREASURER)}` },
    params: {
      limit: 100,
      from: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date()),
    },
  });
  expect(response.ok()).toBe(true);
  return (
    (await response.json()) as {
      items: Array<{ sequence: number; code: string; description: string; amount: string }>;
    }
  ).items;
}

/** The dashboard's money supply is the API's: read again until they agree, as other stories book meanwhile. */
async function expectCirculationAsTheApiSays(page: Page, request: APIRequestContext) {
  await expect(async () => {
    const { circulation } = await trialBalance(request);
    await page.reload();
    await expect(page.getByTestId('circulation')).toHaveText(steerkes('nl', Number(circulation)), {
      timeout: 3000,
    });
  }).toPass();
}

function steerkes(language: Language, amount: number): string {
  return `${new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} STK`;
}

function monthName(language: Language, period: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${period}-01T00:00:00Z`));
}

/** The oldest open month of the twelve the dashboard lists: one no other test books into. */
async function oldestOpenListedMonth(request: APIRequestContext): Promise<string> {
  const response = await request.get(`${API}/treasury/periods`, {
    headers: { Authorization: `Bearer ${await token(request, TREASURER)}` },
  });
  const closed = new Set(
    ((await response.json()) as Array<{ period: string }>).map((line) => line.period),
  );
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number);
  for (let back = 12; back >= 1; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    const period = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    if (!closed.has(period)) return period;
  }
  throw new Error('every month the dashboard lists is closed already');
}

async function openAsTreasurer(
  browser: Parameters<typeof newPage>[0],
  size: Size,
  language: Language,
): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await newPage(browser, { size, language });
  await logIn(page, TREASURER);
  return { page, close: () => context.close() };
}

test('the treasurer issues budget to an organisation; a lost answer is retried once and booked once', async ({
  browser,
  request,
}) => {
  const before = await trialBalance(request);
  const organisation = before.groups.find((group) => group.group === 'organisation')!.accounts[0];
  const { page, close } = await openAsTreasurer(browser, 'tablet', 'nl');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Overzicht van de penningmeester' }),
  ).toBeVisible();
  await expectCirculationAsTheApiSays(page, request);

  await page.getByRole('link', { name: 'Uitgeven en innemen' }).click();
  const issue = page.getByRole('region', { name: 'Uitgeven', exact: true });
  await issue.getByRole('button', { name: 'Uitgeven' }).click();
  await expect(issue.getByText('Kies een rekening.')).toBeVisible();
  await expect(issue.getByText('Vul een bedrag groter dan 0 in')).toBeVisible();

  await issue.getByLabel('Rekening').selectOption(organisation.accountId);
  await issue.getByLabel('Bedrag in STK').fill('250');
  const description = `Budget voorjaar ${crypto.randomUUID().slice(0, 6)}`;
  await issue.getByLabel('Omschrijving').fill(description);
  // The first answer is lost on the way back: the server booked it, the page never heard.
  const keys: string[] = [];
  let lose = true;
  await page.route('**/api/v1/treasury/issue', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    const response = await route.fetch();
    if (lose) {
      lose = false;
      await route.abort('connectionreset');
    } else await route.fulfill({ response });
  });
  await issue.getByRole('button', { name: 'Uitgeven' }).click();
  await expect(issue.getByRole('alert')).toContainText('Geen antwoord van de server');
  await issue.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect(issue.getByTestId('issue-done')).toContainText(
    `${steerkes('nl', 250)} uitgegeven aan ${organisation.name}`,
  );
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBe(keys[1]);
  // Booked once: one line with this description on the organisation's statement. (Not the money
  // supply before and after: other stories issue budget while this one runs.)
  const booked = (await postingsToday(request, organisation.accountId)).filter(
    (posting) => posting.description === description,
  );
  expect(booked).toEqual([expect.objectContaining({ code: 'ISSUE', amount: '250.00' })]);

  await page.getByRole('link', { name: 'Overzicht' }).click();
  await expectCirculationAsTheApiSays(page, request);
  await close();
});

test('the treasurer runs the integrity check and closes a month after a confirmation', async ({
  browser,
  request,
}) => {
  const period = await oldestOpenListedMonth(request);
  const month = monthName('en', period);
  const { page, close } = await openAsTreasurer(browser, 'phone', 'en');
  const result = page.getByTestId('integrity-result');
  await expect(result).not.toContainText('Loading');
  const before = await result.textContent();
  await page.getByRole('button', { name: 'Run the check' }).click();
  await expect(result).toContainText('by you.');
  await expect(result).toContainText('All right');
  await expect(result).not.toHaveText(before!);
  // The server keeps the run: a new visit shows the same last check, its time and its result.
  const shown = await result.textContent();
  await page.reload();
  await expect(result).toHaveText(shown!);
  expect(shown).toMatch(/^Last check: .+, by you\.All right: /);
  if (process.env.SCREENSHOTS)
    await page.screenshot({
      path: 'test-results/shots/treasurer-integrity-kept-phone-en.png',
      fullPage: true,
    });

  const row = page.getByTestId('months-table').getByRole('row', { name: new RegExp(`^${month}`) });
  await expect(row).toContainText('open');
  await row.getByRole('button', { name: `Close ${month}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Close ${month}?` });
  await expect(dialog).toContainText(`Steerkes refuses every entry dated in ${month}`);
  await expect(dialog).toContainText('This cannot be undone.');
  await expectNoSeriousViolations(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('open');

  await row.getByRole('button', { name: `Close ${month}` }).click();
  await page.getByRole('button', { name: `Yes, close ${month}` }).click();
  await expect(page.getByText(`${month} is closed.`)).toBeVisible();
  await expect(row).toContainText('closed on');
  await expect(row.getByRole('button')).toHaveCount(0);
  await close();
});

test('the treasurer downloads one month for hledger and that month’s statements', async ({
  browser,
}) => {
  const { page, close } = await openAsTreasurer(browser, 'phone', 'nl');
  await page.getByRole('link', { name: 'Exports' }).click();
  const period = await page.getByLabel('Periode').evaluate(
    // The second option: the newest month (the first is the whole ledger).
    (select: HTMLSelectElement) => select.options[1].value,
  );
  await page.getByLabel('Periode').selectOption(period);
  const [journal] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'hledger-journaal downloaden' }).click(),
  ]);
  expect(journal.suggestedFilename()).toBe(`steerkes-${period}.journal`);
  const folder = mkdtempSync(join(tmpdir(), 'steerkes-web-export-'));
  await journal.saveAs(join(folder, 'month.journal'));
  const text = readFileSync(join(folder, 'month.journal'), 'utf8');
  const dates = [...text.matchAll(/^(\d{4}-\d{2}-\d{2}) /gm)].map((match) => match[1]);
  expect(dates.every((date) => date.startsWith(period))).toBe(true);
  if (existsSync(HLEDGER))
    execFileSync(HLEDGER, ['-f', join(folder, 'month.journal'), 'check'], { stdio: 'pipe' });

  await page.getByLabel('Maand', { exact: true }).selectOption(period);
  const [statements] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Maandoverzichten downloaden (CSV)' }).click(),
  ]);
  expect(statements.suggestedFilename()).toBe(`steerkes-statements-${period}.csv`);
  await statements.saveAs(join(folder, 'statements.csv'));
  expect(readFileSync(join(folder, 'statements.csv'), 'utf8').split('\n')[0]).toBe(
    'period,account_id,account_group,account_name,opening_balance,money_in,money_out,closing_balance',
  );
  await expect(page.getByText(`steerkes-statements-${period}.csv is gedownload.`)).toBeVisible();
  await expectNoSeriousViolations(page);
  await close();
});

test('the treasurer downloads the hledger journal, and hledger accepts it', async ({ browser }) => {
  const { page, close } = await openAsTreasurer(browser, 'tablet', 'en');
  await page.getByRole('link', { name: 'Exports' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download hledger journal' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('steerkes.journal');
  const file = join(mkdtempSync(join(tmpdir(), 'steerkes-web-export-')), 'steerkes.journal');
  await download.saveAs(file);
  expect(readFileSync(file, 'utf8')).toMatch(/^\d{4}-\d{2}-\d{2} /m);
  await expect(page.getByText('steerkes.journal has been downloaded.')).toBeVisible();
  if (existsSync(HLEDGER)) execFileSync(HLEDGER, ['-f', file, 'check'], { stdio: 'pipe' });
  else console.warn(`${HLEDGER} is not installed: the journal was not checked by hledger`);
  await close();
});

test('the treasurer reads the trial balance as of a date and an account’s statement, and reverses an entry with a reason', async ({
  browser,
  request,
}) => {
  const bearer = { Authorization: `Bearer ${await token(request, TREASURER)}` };
  const before = await trialBalance(request);
  const business = before.groups.find((group) => group.group === 'business')!.accounts[0];
  const description = `Tegoed ${Date.now()}`;
  const issued = await request.post(`${API}/treasury/issue`, {
    headers: { ...bearer, 'Idempotency-Key': crypto.randomUUID() },
    data: { toAccountId: business.accountId, amount: '7.00', description },
  });
  expect(issued.ok()).toBe(true);
  const { sequence } = (await issued.json()) as { sequence: number };

  const { page, close } = await openAsTreasurer(browser, 'tablet', 'en');
  await page.getByRole('link', { name: 'Ledger' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ledger' })).toBeVisible();
  await expect(page.getByTestId('trial-balance')).toContainText('Total (always 0)');
  await page.getByLabel('As of').fill('2026-01-31');
  await expect(page.getByTestId('trial-balance').locator('caption')).toHaveText(
    'Balances at the end of 31 January 2026',
  );

  await page.getByRole('combobox', { name: 'Account' }).selectOption(business.accountId);
  const statement = page.getByTestId('statement');
  const line = statement.getByRole('row', { name: new RegExp(`#${sequence} `) });
  await expect(line).toContainText(description);
  await expect(line).toContainText(`+${steerkes('en', 7)}`);
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the statement as CSV' }).click(),
  ]);
  const csvFile = join(mkdtempSync(join(tmpdir(), 'steerkes-web-statement-')), 'statement.csv');
  await csv.saveAs(csvFile);
  expect(readFileSync(csvFile, 'utf8')).toContain(description);
  await line.getByRole('button', { name: `Reverse #${sequence}` }).click();
  await expect(line).toContainText('An entry can be reversed once.');
  await expectNoSeriousViolations(page);
  await line.getByLabel('Reason (goes into the ledger)').fill('Dubbel uitgegeven');
  await line.getByRole('button', { name: `Reverse entry ${sequence}` }).click();
  const reversedBy = statement.getByText(/^Reversed by entry \d+\.$/);
  await expect(reversedBy).toBeVisible();
  await expect(statement).toContainText('Dubbel uitgegeven');
  // The reversal took the 7 STK back from the business. Not compared with the money supply: other
  // stories issue budget while this one runs.
  const reversal = Number(/\d+/.exec((await reversedBy.textContent()) ?? '')![0]);
  const lines = await postingsToday(request, business.accountId);
  expect(lines.find((posting) => posting.sequence === reversal)).toMatchObject({
    code: 'REVERSAL',
    amount: '-7.00',
  });
  await close();
});

test('the treasurer filters the audit log by kind, actor and day', async ({ browser, request }) => {
  const bearer = { Authorization: `Bearer ${await token(request, TREASURER)}` };
  const business = (await trialBalance(request)).groups.find((group) => group.group === 'business')!
    .accounts[1];
  const description = `Audit ${Date.now()}`;
  const issued = await request.post(`${API}/treasury/issue`, {
    headers: { ...bearer, 'Idempotency-Key': crypto.randomUUID() },
    data: { toAccountId: business.accountId, amount: '3.00', description },
  });
  expect(issued.ok()).toBe(true);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(),
  );

  const { page, close } = await openAsTreasurer(browser, 'phone', 'nl');
  await page.getByRole('link', { name: 'Auditlog' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Auditlog' })).toBeVisible();
  await page.getByLabel('Soort').selectOption('ledger.issue');
  await page.getByLabel('Door', { exact: true }).selectOption('me');
  await page.getByLabel('Vanaf').fill(today);
  await page.getByLabel('Tot en met').fill(today);
  await page.getByRole('button', { name: 'Toon' }).click();
  const table = page.getByTestId('audit-table');
  await expect(table).toContainText(description);
  await expect(table.getByRole('row', { name: new RegExp(description) })).toContainText(
    'Uitgegeven',
  );
  await expect(table.getByRole('row', { name: new RegExp(description) })).toContainText('door jou');
  await expect(table).not.toContainText('Maand afgesloten');
  await expectNoSeriousViolations(page);

  await page.getByLabel('Vanaf').fill('2000-01-01');
  await page.getByLabel('Tot en met').fill('2000-01-31');
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page.getByText('Geen handelingen met deze filters.')).toBeVisible();
  await close();
});

test('the treasurer reads the sponsorship and impact reports as charts and tables, and can print them', async ({
  browser,
  request,
}) => {
  const bearer = { Authorization: `Bearer ${await token(request, TREASURER)}` };
  const sponsorship = (await (
    await request.get(`${API}/reports/sponsorship`, { headers: bearer })
  ).json()) as { year: number; businesses: Array<{ name: string; steerkes: string }> };
  expect(sponsorship.businesses.length).toBeGreaterThan(0);
  const { page, close } = await openAsTreasurer(browser, 'tablet', 'en');
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  const table = page.getByTestId('sponsorship-report');
  for (const line of sponsorship.businesses)
    await expect(table.getByRole('row', { name: new RegExp(`^${line.name}`) })).toContainText(
      steerkes('en', Number(line.steerkes)),
    );
  await expect(
    page.getByRole('img', { name: `Steerkes accepted per business in ${sponsorship.year}` }),
  ).toBeVisible();
  await expect(page.getByTestId('impact-organisations')).toBeVisible();
  await expect(page.getByTestId('impact-districts')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(table).toBeVisible();
  await close();
});

test('the treasurer reverses a redemption with a reason: the volunteer gets the Steerkes back', async ({
  browser,
  request,
}) => {
  const bearer = { Authorization: `Bearer ${await token(request, TREASURER)}` };
  const businesses = (await trialBalance(request)).groups
    .find((group) => group.group === 'business')!
    .accounts.filter((account) => !account.name.includes('Bonenhuis')); // the counter's tests use that one
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number);
  const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  let found: { accountId: string; sequence: number; amount: string } | undefined;
  for (const business of businesses) {
    const statement = (await (
      await request.get(`${API}/treasury/statements/${business.accountId}?period=${previous}`, {
        headers: bearer,
      })
    ).json()) as { movements: Array<{ code: string; sequence: number; amount: string }> };
    const redeem = statement.movements.find((line) => line.code === 'REDEEM');
    if (redeem) {
      found = { accountId: business.accountId, ...redeem };
      break;
    }
  }
  expect(found, `the demo has a redemption in ${previous}`).toBeDefined();

  const { page, close } = await openAsTreasurer(browser, 'phone', 'nl');
  await page.goto('/treasurer/ledger');
  await page.getByRole('combobox', { name: 'Rekening' }).selectOption(found!.accountId);
  await page.getByRole('combobox', { name: 'Maand' }).selectOption(previous);
  const line = page
    .getByTestId('statement')
    .getByRole('row', { name: new RegExp(`#${found!.sequence} `) });
  await line.getByRole('button', { name: `Terugdraaien #${found!.sequence}` }).click();
  await expect(line).toContainText('geeft de vrijwilliger de Steerkes terug');
  await line.getByLabel('Reden (komt in het grootboek)').fill('Verkeerd aanbod gekozen');
  await line.getByRole('button', { name: `Draai boeking ${found!.sequence} terug` }).click();
  await expect(line).toContainText('Teruggedraaid met een terugboeking van de inwisseling.');
  const now = (await (
    await request.get(
      `${API}/treasury/statements/${found!.accountId}?period=${year}-${String(month).padStart(2, '0')}`,
      {
        headers: bearer,
      },
    )
  ).json()) as { movements: Array<{ code: string; amount: string }> };
  expect(
    now.movements.some(
      (movement) => movement.code === 'REVERSAL' && movement.amount === `-${found!.amount}`,
    ),
  ).toBe(true);
  await close();
});

async function offerPolicy(request: APIRequestContext): Promise<string> {
  const response = await request.get(`${API}/offer-policy`, {
    headers: { Authorization: `Bearer ${await token(request, TREASURER)}` },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { euroValueRatioMax: string }).euroValueRatioMax;
}

test('the treasurer sets the offer policy; a bad figure and one above the fund’s limit are refused at the field', async ({
  browser,
  request,
}) => {
  const before = await offerPolicy(request);
  const { page, close } = await openAsTreasurer(browser, 'tablet', 'nl');
  try {
    await page.getByRole('link', { name: 'Beleid' }).click();
    const form = page.getByTestId('settings-offer');
    const ratio = form.getByLabel('Hoogste waarde per Steerke (€)');
    await ratio.fill('veel');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect(ratio).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('Vul een bedrag in')).toBeVisible();
    // Above the fund's ceiling (100.00): the API's refusal, at its field.
    await ratio.fill('250');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect(form.getByRole('alert')).toContainText('Verbeter wat bij de velden');
    await expect(ratio).toHaveAttribute('aria-invalid', 'true');
    expect(await offerPolicy(request)).toBe(before);
    // Higher than the demo's, so that no offer another test publishes meanwhile is refused.
    await ratio.fill('7,50');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect(form.getByRole('status')).toHaveText('Opgeslagen.');
    await expect(form).toContainText('hoogstens € 7,50 waarde per Steerke');
    expect(await offerPolicy(request)).toBe('7.50');
    await expect(
      page.getByTestId('settings-pass').getByLabel('Daglimiet per pas (STK)'),
    ).toBeVisible();
    await expectNoSeriousViolations(page);
  } finally {
    await request.put(`${API}/offer-policy`, {
      headers: { Authorization: `Bearer ${await token(request, TREASURER)}` },
      data: { euroValueRatioMax: before },
    });
    await close();
  }
});

const ADMIN = { email: 'admin@steerkes.test', password: DEMO_PASSWORD };
const MANAGER = { email: 'org@steerkes.test', password: DEMO_PASSWORD };

function todayInMaastricht(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

async function bearerOf(
  request: APIRequestContext,
  person: { email: string; password: string },
): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await token(request, credentials(person))}` };
}

/** The one account of a party the story made. */
async function accountIdOf(request: APIRequestContext, partyId: string): Promise<string> {
  const response = await request.get(`${API}/parties/${partyId}/accounts`, {
    headers: await bearerOf(request, TREASURER),
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as Array<{ id: string }>)[0].id;
}

async function issueTo(request: APIRequestContext, accountId: string, amount: string) {
  const response = await request.post(`${API}/treasury/issue`, {
    headers: { ...(await bearerOf(request, TREASURER)), 'Idempotency-Key': crypto.randomUUID() },
    data: { toAccountId: accountId, amount, description: 'Startbudget verhaal' },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

/** The admin freezes or opens an account (no maximum). */
async function setAccountStatus(
  request: APIRequestContext,
  accountId: string,
  status: 'frozen' | 'open',
) {
  const response = await request.put(`${API}/accounts/${accountId}/policy`, {
    headers: await bearerOf(request, ADMIN),
    data: { maxBalance: null, status },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

test('the treasurer books an entry of several lines: the sum is checked first, a refusal writes nothing, a lost answer books once', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const [first, second] = await Promise.all([
    createPerson(request, 'business'),
    createPerson(request, 'business'),
  ]);
  const [from, to] = await Promise.all([
    accountIdOf(request, first.partyId),
    accountIdOf(request, second.partyId),
  ]);
  await issueTo(request, from, '20.00');
  const { page, close } = await openAsTreasurer(browser, 'tablet', 'nl');
  await page.getByRole('link', { name: 'Boeking met regels' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Boeking met meer regels' }),
  ).toBeVisible();
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/v1/entries') && request.method() === 'POST')
      sent.push(request.headers()['idempotency-key']);
  });

  await page.getByRole('button', { name: 'Boeken' }).click();
  await expect(page.getByText('Kies de soort boeking.')).toBeVisible();
  await page.getByLabel('Soort boeking').selectOption('ADJUST');
  const description = `Correctie ${crypto.randomUUID().slice(0, 6)}`;
  await page.getByLabel('Omschrijving').fill(description);
  await page.getByLabel('Rekening, regel 1').selectOption(from);
  await page.getByLabel('Bedrag in STK, regel 1').fill('-12,50');
  await page.getByLabel('Rekening, regel 2').selectOption(to);
  await page.getByLabel('Bedrag in STK, regel 2').fill('10');
  await expect(page.getByTestId('entry-sum')).toHaveText(
    /^Som van de regels: [-−]2,50 STK\. Dat moet nul zijn\.$/,
  );
  await page.getByRole('button', { name: 'Boeken' }).click();
  await expect(page.getByText('De regels zijn samen niet nul.')).toBeVisible();
  // A third line makes it whole; removed again, the sum is off again.
  await page.getByRole('button', { name: 'Regel toevoegen' }).click();
  await page.getByLabel('Rekening, regel 3').selectOption(to);
  await page.getByLabel('Bedrag in STK, regel 3').fill('2,50');
  await expect(page.getByTestId('entry-sum')).toContainText('Klopt');
  await page.getByRole('button', { name: 'Boeken' }).click();
  await expect(page.getByText('Deze rekening staat al op een andere regel.')).toBeVisible();
  await page.getByRole('button', { name: 'Verwijderen regel 3' }).click();
  await expect(page.getByTestId('entry-line')).toHaveCount(2);
  expect(sent).toHaveLength(0);

  // The API's refusal: more than the first business holds. Shown as a sentence, at its line.
  await page.getByLabel('Bedrag in STK, regel 1').fill('-25');
  await page.getByLabel('Bedrag in STK, regel 2').fill('25');
  await page.getByRole('button', { name: 'Boeken' }).click();
  await expect(page.getByTestId('entry-refusal')).toContainText(
    `Er staat niet genoeg op ${first.displayName} voor deze min.`,
  );
  await expect(page.getByLabel('Rekening, regel 1')).toHaveAttribute('aria-invalid', 'true');
  expect(
    (await postingsToday(request, from)).filter((line) => line.description === description),
  ).toEqual([]);
  if (process.env.SCREENSHOTS)
    await page.screenshot({
      path: 'test-results/shots/treasurer-entry-refused-tablet-nl.png',
      fullPage: true,
    });

  // The first answer is lost; "Opnieuw proberen" sends the same key and it is booked once.
  let lose = true;
  await page.route('**/api/v1/entries', async (route) => {
    const response = await route.fetch();
    if (lose) {
      lose = false;
      await route.abort('connectionreset');
    } else await route.fulfill({ response });
  });
  await page.getByLabel('Bedrag in STK, regel 1').fill('-12,50');
  await page.getByLabel('Bedrag in STK, regel 2').fill('12,50');
  await page.getByRole('button', { name: 'Boeken' }).click();
  await expect(page.getByRole('alert')).toContainText('Geen antwoord van de server');
  await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect(page.getByTestId('entry-done')).toContainText('Geboekt als boeking');
  expect(sent.slice(-2)[0]).toBe(sent.slice(-2)[1]);
  expect(
    (await postingsToday(request, from)).filter((line) => line.description === description),
  ).toEqual([expect.objectContaining({ code: 'ADJUST', amount: '-12.50' })]);
  expect(
    (await postingsToday(request, to)).filter((line) => line.description === description),
  ).toEqual([expect.objectContaining({ code: 'ADJUST', amount: '12.50' })]);
  await close();
});

/** A new volunteer's claim of two hours with the demo's organisation, approved by its manager. */
async function approvedClaim(
  request: APIRequestContext,
): Promise<{ volunteer: Person; id: string; amount: string }> {
  const volunteer = await createPerson(request, 'volunteer');
  const manager = await bearerOf(request, MANAGER);
  const me = (await (await request.get(`${API}/auth/me`, { headers: manager })).json()) as {
    partyId: string;
  };
  const submitted = await request.post(`${API}/time-claims`, {
    headers: { ...(await bearerOf(request, volunteer)), 'Idempotency-Key': crypto.randomUUID() },
    data: {
      organisationId: me.partyId,
      date: todayInMaastricht(),
      hours: '2',
      activity: 'Koffieochtend',
    },
  });
  expect(submitted.ok(), await submitted.text()).toBe(true);
  const { id } = (await submitted.json()) as { id: string };
  const approved = await request.post(`${API}/time-claims/${id}/approve`, {
    headers: { ...manager, 'Idempotency-Key': crypto.randomUUID() },
    data: {},
  });
  expect(approved.ok(), await approved.text()).toBe(true);
  return { volunteer, id, amount: ((await approved.json()) as { amount: string }).amount };
}

test('the treasurer finds an approved claim and revokes it with a reason; a refusal writes nothing', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { volunteer, id, amount } = await approvedClaim(request);
  const account = await accountIdOf(request, volunteer.partyId);
  const { page, close } = await openAsTreasurer(browser, 'phone', 'en');
  try {
    await page.goto('/treasurer/claims');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Revoke approved hours' }),
    ).toBeVisible();
    await page.getByLabel('Volunteer').selectOption({ label: volunteer.displayName });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.getByText('1 approved claim shown.')).toBeVisible();
    const item = page.getByTestId('claim');
    await expect(item).toContainText(`${volunteer.displayName} at Buurtcentrum Malberg`);
    await item.getByRole('button', { name: /^Revoke/ }).click();
    await expect(item).toContainText('This cannot be undone.');
    await item.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(item.getByText('Write a reason: it goes into the audit log.')).toBeVisible();

    // The volunteer's account is frozen: the API refuses and nothing is reversed.
    await setAccountStatus(request, account, 'frozen');
    await item.getByLabel('Reason').fill('Dubbel goedgekeurd');
    await item.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(item.getByRole('alert')).toContainText(
      'The volunteer’s or the organisation’s account is frozen or closed. Ask the administrator.',
    );
    const claim = await request.get(`${API}/time-claims/${id}`, {
      headers: await bearerOf(request, TREASURER),
    });
    expect(((await claim.json()) as { status: string }).status).toBe('approved');
    expect((await postingsToday(request, account)).map((line) => line.code)).toEqual(['HOURS']);
    await expectNoSeriousViolations(page);
    if (process.env.SCREENSHOTS)
      await page.screenshot({
        path: 'test-results/shots/treasurer-claims-refused-phone-en.png',
        fullPage: true,
      });

    await setAccountStatus(request, account, 'open');
    await item.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(item.getByRole('status')).toContainText(
      `Revoked: ${steerkes('en', Number(amount))} booked back from ${volunteer.displayName}.`,
    );
    const after = (await (
      await request.get(`${API}/time-claims/${id}`, {
        headers: await bearerOf(request, TREASURER),
      })
    ).json()) as { status: string; reason: string };
    expect(after).toMatchObject({ status: 'revoked', reason: 'Dubbel goedgekeurd' });
    expect((await postingsToday(request, account)).map((line) => line.code).sort()).toEqual([
      'HOURS',
      'REVERSAL',
    ]);
  } finally {
    await setAccountStatus(request, account, 'open');
    await close();
  }
});

/** Tomorrow in Maastricht, as YYYY-MM-DD. */
function tomorrow(): string {
  const date = new Date(`${todayInMaastricht()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * A booking the booker cancelled late: the provider kept half the price (5.00 of a room of two
 * hours at 5.00), which a refund can pay back. Two new businesses, so no other story's figures move.
 */
async function lateCancelledBooking(request: APIRequestContext) {
  const [provider, booker] = await Promise.all([
    createPerson(request, 'business'),
    createPerson(request, 'business'),
  ]);
  await issueTo(request, await accountIdOf(request, booker.partyId), '50.00');
  const listing = await request.post(`${API}/listings`, {
    headers: await bearerOf(request, provider),
    data: {
      category: 'room',
      titleNl: `Achterzaal ${provider.displayName}`,
      titleEn: `Back room ${provider.displayName}`,
      descriptionNl: 'Zaal voor 20 personen.',
      descriptionEn: 'Room for 20 people.',
      address: 'Teststraat 1, Maastricht',
      pricingUnit: 'hour',
      price: '5.00',
      capacityPersons: 20,
      confirmation: 'auto',
      freeCancellationHours: 48,
      cancellationFeePercent: 50,
    },
  });
  expect(listing.ok(), await listing.text()).toBe(true);
  const bookerHeaders = await bearerOf(request, booker);
  const booked = await request.post(`${API}/bookings`, {
    headers: { ...bookerHeaders, 'Idempotency-Key': crypto.randomUUID() },
    data: {
      listingId: ((await listing.json()) as { id: string }).id,
      startsAt: `${tomorrow()}T14:00`,
      endsAt: `${tomorrow()}T16:00`,
      persons: 10,
    },
  });
  expect(booked.ok(), await booked.text()).toBe(true);
  const { id } = (await booked.json()) as { id: string };
  const cancelled = await request.post(`${API}/bookings/${id}/cancel`, {
    headers: bookerHeaders,
    data: { reason: 'Toch niet nodig' },
  });
  expect(cancelled.ok(), await cancelled.text()).toBe(true);
  expect(await cancelled.json()).toMatchObject({ status: 'cancelled', charged: '5.00' });
  return { id, provider, booker };
}

test('the treasurer refunds part of a settled booking; the API’s refusal at the amount writes nothing', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { id, provider, booker } = await lateCancelledBooking(request);
  const bookerAccount = await accountIdOf(request, booker.partyId);
  const { page, close } = await openAsTreasurer(browser, 'tablet', 'en');
  await page.getByRole('link', { name: 'Refunds' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Refund bookings' })).toBeVisible();
  await page.getByLabel('State').selectOption('cancelled');
  const item = page
    .getByTestId('booking')
    .filter({ hasText: `${booker.displayName} with ${provider.displayName}` });
  await expect(item).toContainText(`Provider received ${steerkes('en', 5)}`);
  await item.getByRole('button', { name: /^Refund/ }).click();
  await item.getByLabel('Amount in STK').fill('6');
  await item.getByLabel('Reason').fill('Zaal was koud');
  await item.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(
    item.getByText(`That is more than can be refunded: at most ${steerkes('en', 5)}.`),
  ).toBeVisible();

  // Meanwhile 2.00 was refunded elsewhere: the API refuses 4.00 at the amount, and books nothing.
  const elsewhere = await request.post(`${API}/bookings/${id}/refund`, {
    headers: await bearerOf(request, TREASURER),
    data: { amount: '2.00', reason: 'Deel terug' },
  });
  expect(elsewhere.ok(), await elsewhere.text()).toBe(true);
  const before = await postingsToday(request, bookerAccount);
  await item.getByLabel('Amount in STK').fill('4');
  await item.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(item.getByRole('alert')).toContainText('Check the fields below.');
  await expect(item.getByLabel('Amount in STK')).toHaveAttribute('aria-invalid', 'true');
  // The booking is read again: the hint says what is left now.
  await expect(item.getByText(`At most ${steerkes('en', 3)}`, { exact: true })).toBeVisible();
  expect(await postingsToday(request, bookerAccount)).toEqual(before);
  if (process.env.SCREENSHOTS)
    await page.screenshot({
      path: 'test-results/shots/treasurer-bookings-refused-tablet-en.png',
      fullPage: true,
    });

  await item.getByLabel('Amount in STK').fill('3');
  await item.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(item.getByRole('status')).toHaveText(
    `${steerkes('en', 3)} refunded to ${booker.displayName}.`,
  );
  await expect(item).toContainText('Nothing is left to refund.');
  const booking = (await (
    await request.get(`${API}/bookings/${id}`, { headers: await bearerOf(request, TREASURER) })
  ).json()) as { refunded: string };
  expect(booking.refunded).toBe('5.00');
  await close();
});

const PAGES = [
  { path: '/', heading: { nl: 'Overzicht van de penningmeester', en: 'Treasurer’s overview' } },
  {
    path: '/treasurer/money',
    heading: { nl: 'Steerkes uitgeven en innemen', en: 'Issue and retire Steerkes' },
  },
  { path: '/treasurer/ledger', heading: { nl: 'Grootboek', en: 'Ledger' } },
  {
    path: '/treasurer/entry',
    heading: { nl: 'Boeking met meer regels', en: 'Entry with several lines' },
  },
  {
    path: '/treasurer/claims',
    heading: { nl: 'Goedgekeurde uren intrekken', en: 'Revoke approved hours' },
  },
  { path: '/treasurer/bookings', heading: { nl: 'Boekingen terugbetalen', en: 'Refund bookings' } },
  { path: '/treasurer/exports', heading: { nl: 'Exports', en: 'Exports' } },
  { path: '/treasurer/audit', heading: { nl: 'Auditlog', en: 'Audit log' } },
  { path: '/treasurer/reports', heading: { nl: 'Rapporten', en: 'Reports' } },
  {
    path: '/treasurer/policies',
    heading: {
      nl: 'Beleid voor aanbiedingen en de voordeelpas',
      en: 'Offer and discount pass policy',
    },
  },
];

for (const language of ['nl', 'en'] as const)
  for (const size of ['phone', 'tablet'] as const)
    test(`axe finds nothing serious on the treasurer's pages, ${size}, ${language}`, async ({
      browser,
    }) => {
      // Ten pages, each with axe, on a shared machine.
      test.setTimeout(240_000);
      const { page, close } = await openAsTreasurer(browser, size, language);
      for (const { path, heading } of PAGES) {
        await page.goto(path);
        await expect(
          page.getByRole('heading', { level: 1, name: heading[language] }),
        ).toBeVisible();
        await expect(page.getByText(/^(Bezig met laden|Loading)/)).toHaveCount(0);
        await expectNoSeriousViolations(page);
        if (process.env.SCREENSHOTS)
          await page.screenshot({
            path: `test-results/shots/treasurer${path.replaceAll('/', '-')}-${size}-${language}.png`,
            fullPage: true,
          });
      }
      await close();
    });
