import { randomUUID } from 'node:crypto';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import {
  API,
  DEMO_PASSWORD,
  expectNoSeriousViolations,
  type Language,
  logIn,
  newPage,
  type Size,
  token,
  VOLUNTEER,
} from './kassa-fixtures';

/**
 * The admin in a real browser: a credit limit with four eyes (the admin proposes and cannot
 * approve their own proposal, the treasurer approves, the organisation's limit shows), a new
 * party and user and a changed role, an account's maximum and state, a volunteer's voordeelpas
 * issued and blocked at the desk, an organisation's hour rate, a year's fiscal limits, each role's
 * own menu, "not for you" for a volunteer at the admin's pages, and axe on every admin page and
 * panel in both languages and widths.
 */
const ADMIN = { email: 'admin@steerkes.test', password: DEMO_PASSWORD };
const TREASURER = { email: 'treasurer@steerkes.test', password: DEMO_PASSWORD };
const ORG_MANAGER = { email: 'org@steerkes.test', password: DEMO_PASSWORD };
const BUSINESS = { email: 'business@steerkes.test', password: DEMO_PASSWORD };

async function openAs(
  browser: Browser,
  person: { email: string; password: string },
  size: Size = 'tablet',
  language: Language = 'nl',
): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await newPage(browser, { size, language });
  await logIn(page, person);
  return { page, close: () => context.close() };
}

async function asAdmin<T>(
  request: APIRequestContext,
  call: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  return call({ Authorization: `Bearer ${await token(request, ADMIN)}` });
}

/** A new organisation made over the API, so this story does not change the demo's. */
async function newOrganisation(request: APIRequestContext): Promise<{ id: string; name: string }> {
  const name = `Schaakclub ${randomUUID().slice(0, 6)}`;
  return asAdmin(request, async (headers) => {
    const response = await request.post(`${API}/parties`, {
      headers,
      data: { kind: 'organisation', name, district: 'noord-oost' },
    });
    expect(response.status()).toBe(201);
    return { id: ((await response.json()) as { id: string }).id, name };
  });
}

interface Account {
  id: string;
  balance: string;
  minBalance: string | null;
  maxBalance: string | null;
  status: string;
}

/** The party's one account, as the API answers it now. */
async function accountOf(request: APIRequestContext, partyId: string): Promise<Account> {
  return asAdmin(request, async (headers) => {
    const response = await request.get(`${API}/parties/${partyId}/accounts`, { headers });
    expect(response.ok()).toBe(true);
    return ((await response.json()) as Account[])[0];
  });
}

/** A new volunteer made over the API, with no pass yet. */
async function newVolunteer(request: APIRequestContext): Promise<{ id: string; name: string }> {
  const name = `Sanne Vliegen ${randomUUID().slice(0, 6)}`;
  return asAdmin(request, async (headers) => {
    const response = await request.post(`${API}/parties`, {
      headers,
      data: { kind: 'volunteer', name, district: 'zuid-oost' },
    });
    expect(response.status()).toBe(201);
    return { id: ((await response.json()) as { id: string }).id, name };
  });
}

interface PassSeen {
  number: string;
  printedNumber: string;
  status: string;
  blockedReason: string | null;
}

/** The volunteer's passes as the API lists them now, newest first. */
async function passesOf(request: APIRequestContext, volunteerId: string): Promise<PassSeen[]> {
  return asAdmin(request, async (headers) => {
    const response = await request.get(`${API}/passes`, {
      headers,
      params: { volunteerId, limit: 100 },
    });
    expect(response.ok()).toBe(true);
    return ((await response.json()) as { items: PassSeen[] }).items;
  });
}

async function hourRateOf(
  request: APIRequestContext,
  organisationId: string,
): Promise<{ rate: string; organisationRate: string | null; min: string; max: string }> {
  return asAdmin(request, async (headers) => {
    const response = await request.get(`${API}/organisations/${organisationId}/hour-rate`, {
      headers,
    });
    expect(response.ok()).toBe(true);
    return (await response.json()) as {
      rate: string;
      organisationRate: string | null;
      min: string;
      max: string;
    };
  });
}

async function minBalanceOf(request: APIRequestContext, partyId: string): Promise<string | null> {
  return (await accountOf(request, partyId)).minBalance;
}

test('the admin sets a credit limit: proposes, cannot approve it, the treasurer approves, the limit shows', async ({
  browser,
  request,
}) => {
  // Two people log in and axe runs: slow on a shared machine.
  test.setTimeout(180_000);
  const organisation = await newOrganisation(request);
  const admin = await openAs(browser, ADMIN);
  await admin.page.getByRole('link', { name: 'Kredietlimieten' }).click();
  await expect(
    admin.page.getByRole('heading', { level: 1, name: 'Kredietlimieten' }),
  ).toBeVisible();
  const form = admin.page.getByTestId('credit-propose');
  await form.getByLabel('Organisatie').selectOption({ label: organisation.name });
  await expect(form.getByTestId('credit-current')).toContainText(
    `Huidige limiet van ${organisation.name}: geen (niet onder nul).`,
  );

  // A refusal of the page itself, at the field: no amount.
  await form.getByLabel('Nieuwe limiet (STK)').fill('veel');
  await form.getByLabel('Reden').fill('Besluit bestuur: voorschot wintertoernooi.');
  await form.getByRole('button', { name: 'Voorstellen' }).click();
  await expect(form.getByText('Vul een bedrag in, zoals 150 of 75,50.')).toBeVisible();

  await form.getByLabel('Nieuwe limiet (STK)').fill('150');
  await form.getByRole('button', { name: 'Voorstellen' }).click();
  await expect(admin.page.getByTestId('credit-done')).toHaveText(
    `Voorstel gedaan: ${organisation.name} naar -150,00 STK. Het geldt zodra de penningmeester het goedkeurt.`,
  );
  const ownProposal = admin.page
    .getByTestId('credit-proposal')
    .filter({ hasText: organisation.name });
  await expect(ownProposal.getByTestId('credit-own')).toHaveText(
    'Jouw eigen voorstel: de penningmeester keurt het goed, jij niet. Intrekken kan met Afwijzen.',
  );
  await expect(ownProposal.getByRole('button', { name: /goedkeuren/i })).toHaveCount(0);
  await expectNoSeriousViolations(admin.page);
  if (process.env.SCREENSHOTS)
    await admin.page.screenshot({
      path: '../docs/screenshots/admin-credit-limits-tablet-nl.png',
      fullPage: true,
    });
  expect(await minBalanceOf(request, organisation.id)).toBe('0.00');

  const treasurer = await openAs(browser, TREASURER);
  await treasurer.page.getByRole('link', { name: 'Kredietlimieten' }).click();
  const waiting = treasurer.page
    .getByTestId('credit-proposal')
    .filter({ hasText: organisation.name });
  await expect(waiting).toContainText('Voorgesteld door');
  await expect(waiting).toContainText('de beheerder');
  await waiting
    .getByRole('button', { name: `Voorstel voor ${organisation.name} goedkeuren` })
    .click();
  await expect(treasurer.page.getByTestId('credit-done')).toHaveText(
    `Goedgekeurd: de limiet van ${organisation.name} is nu -150,00 STK.`,
  );
  await expect(waiting).toHaveCount(0);
  expect(await minBalanceOf(request, organisation.id)).toBe('-150.00');
  await treasurer.close();

  await admin.page.reload();
  const reloaded = admin.page.getByTestId('credit-propose');
  await reloaded.getByLabel('Organisatie').selectOption({ label: organisation.name });
  await expect(reloaded.getByTestId('credit-current')).toContainText(
    `Huidige limiet van ${organisation.name}: -150,00 STK.`,
  );
  await expect(
    admin.page.getByTestId('credit-proposal').filter({ hasText: organisation.name }),
  ).toHaveCount(0);
  await admin.close();
});

test('the admin creates a party and a user, corrects the party and changes the role', async ({
  browser,
  request,
}) => {
  const name = `Buurtvereniging ${randomUUID().slice(0, 6)}`;
  const email = `coordinator-${randomUUID().slice(0, 6)}@example.nl`;
  const { page, close } = await openAs(browser, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Partijen' })).toBeVisible();

  const create = page.getByTestId('party-create');
  await create.getByLabel('Soort').selectOption('organisation');
  await create.getByLabel('Naam').fill(name);
  await create.getByLabel('Stadsdeel').selectOption('zuid-oost');
  await create.getByLabel('E-mailadres voor contact').fill('geen-adres');
  await create.getByRole('button', { name: 'Partij aanmaken' }).click();
  // The API's refusal at its field.
  await expect(create.getByRole('alert')).toContainText('Verbeter wat bij de velden');
  await expect(create.getByLabel('E-mailadres voor contact')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await create.getByLabel('E-mailadres voor contact').fill('bestuur@example.nl');
  await create.getByRole('button', { name: 'Partij aanmaken' }).click();
  await expect(page.getByTestId('parties-done')).toHaveText(
    `${name} is aangemaakt, met een eigen rekening.`,
  );

  // By kind and district, then corrected.
  await page.locator('#parties-district').selectOption('zuid-oost');
  await page.locator('#parties-kind').selectOption('organisation');
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Zuidoost');
  await row.getByRole('button', { name: `${name} wijzigen` }).click();
  const edit = page.getByTestId('party-edit');
  await edit.getByLabel('Stadsdeel').selectOption('noord-west');
  await edit.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('parties-done')).toHaveText(`${name} is bijgewerkt.`);
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  await page.locator('#parties-district').selectOption('noord-west');
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Noordwest');

  await page.getByRole('link', { name: 'Gebruikers' }).click();
  const newUser = page.getByTestId('user-create');
  await newUser.getByLabel('Naam').fill('Lotte Coenen');
  await newUser.getByLabel('E-mailadres').fill(email);
  await newUser.getByLabel('Eerste wachtwoord').fill('kort');
  await newUser.getByLabel('Rol').selectOption('org_manager');
  await newUser.getByLabel('Partij').selectOption({ label: name });
  await newUser.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await expect(newUser.getByLabel('Eerste wachtwoord')).toHaveAttribute('aria-invalid', 'true');
  await newUser.getByLabel('Eerste wachtwoord').fill('Een-lang-wachtwoord-42');
  await newUser.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await expect(page.getByTestId('users-done')).toHaveText(
    'Lotte Coenen is aangemaakt als coördinator van een organisatie.',
  );
  const card = page.getByTestId('user-card').filter({ hasText: email });
  await expect(card).toContainText(name);

  await card.getByRole('button', { name: 'Rol van Lotte Coenen wijzigen' }).click();
  const roleForm = page.getByTestId('user-role');
  await roleForm.getByLabel('Rol').selectOption('treasurer');
  await roleForm.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('users-done')).toHaveText(
    'Lotte Coenen is nu penningmeester. Oude sessies zijn beëindigd.',
  );
  await expect(card).toContainText('penningmeester');

  await card.getByRole('button', { name: 'Wachtwoord van Lotte Coenen herstellen' }).click();
  await expect(page.getByTestId('reset-code')).toContainText('Geef deze code aan Lotte Coenen');
  await card.getByRole('button', { name: 'Lotte Coenen uitschakelen' }).click();
  await expect(card).toContainText('uitgeschakeld');
  await expectNoSeriousViolations(page);

  const users = await asAdmin(request, async (headers) => {
    const response = await request.get(`${API}/users`, {
      headers,
      params: { role: 'treasurer', limit: 100 },
    });
    return (
      (await response.json()) as {
        items: Array<{ email: string; role: string; disabled: boolean }>;
      }
    ).items;
  });
  expect(users.find((user) => user.email === email)).toMatchObject({
    role: 'treasurer',
    disabled: true,
  });
  await close();
});

test('the admin sets an account’s maximum and freezes it; a maximum below the balance is refused', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const organisation = await newOrganisation(request);
  const account = await accountOf(request, organisation.id);
  // Budget first, so that a maximum below what the account holds can be refused.
  const issued = await request.post(`${API}/treasury/issue`, {
    headers: {
      Authorization: `Bearer ${await token(request, TREASURER)}`,
      'Idempotency-Key': randomUUID(),
    },
    data: { toAccountId: account.id, amount: '40.00', description: 'Budget schaakavonden' },
  });
  expect(issued.status()).toBe(201);

  const { page, close } = await openAs(browser, ADMIN);
  await page.locator('#parties-kind').selectOption('organisation');
  await page.locator('#parties-district').selectOption('noord-oost');
  await page
    .getByRole('row')
    .filter({ hasText: organisation.name })
    .getByRole('button', { name: `Rekening van ${organisation.name}` })
    .click();
  const panel = page.getByTestId('party-accounts');
  await expect(
    panel.getByRole('heading', { name: `Rekening van ${organisation.name}` }),
  ).toBeVisible();
  const form = panel.getByTestId('account-policy');
  await expect(form.getByRole('definition').first()).toHaveText('40,00 STK');
  const maximum = form.getByLabel('Hoogste saldo (STK)');
  await maximum.fill('veel');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(maximum).toHaveAttribute('aria-invalid', 'true');
  await maximum.fill('25');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(form.getByText('De rekening houdt nu al 40,00 STK.')).toBeVisible();
  await expect(maximum).toHaveAttribute('aria-invalid', 'true');
  // Refused: nothing changed.
  expect(await accountOf(request, organisation.id)).toMatchObject({
    maxBalance: null,
    status: 'open',
  });

  await maximum.fill('500');
  await form.getByLabel('Stand').selectOption('frozen');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(panel.getByRole('status')).toHaveText(
    `De rekening van ${organisation.name} is bijgewerkt.`,
  );
  await expect(panel.getByTestId('account-policy').getByRole('definition').nth(3)).toHaveText(
    'Bevroren',
  );
  expect(await accountOf(request, organisation.id)).toMatchObject({
    maxBalance: '500.00',
    status: 'frozen',
    balance: '40.00',
  });
  await expectNoSeriousViolations(page);
  await close();
});

test('the admin issues a volunteer’s pass at the desk and blocks a lost one; a pass issued meanwhile is refused', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const volunteer = await newVolunteer(request);
  const { page, close } = await openAs(browser, ADMIN);
  await page.locator('#parties-kind').selectOption('volunteer');
  await page.locator('#parties-district').selectOption('zuid-oost');
  const row = page.getByRole('row').filter({ hasText: volunteer.name });
  // Only a volunteer's row has the pass button.
  await expect(
    row.getByRole('button', { name: `Voordeelpas van ${volunteer.name}` }),
  ).toBeVisible();
  await page.locator('#parties-kind').selectOption('organisation');
  await expect(page.getByRole('button', { name: /^Voordeelpas van / })).toHaveCount(0);
  await page.locator('#parties-kind').selectOption('volunteer');
  await row.getByRole('button', { name: `Voordeelpas van ${volunteer.name}` }).click();
  const panel = page.getByTestId('party-pass');
  await expect(
    panel.getByRole('heading', { name: `Voordeelpas van ${volunteer.name}` }),
  ).toBeFocused();
  await expect(panel).toContainText('Deze vrijwilliger heeft nog geen voordeelpas.');

  // Another desk issues a pass while this panel is open: the page's issue is refused, nothing more is written.
  const other = await asAdmin(request, async (headers) => {
    const response = await request.post(`${API}/passes`, {
      headers,
      data: { volunteerId: volunteer.id },
    });
    expect(response.status()).toBe(201);
    return (await response.json()) as PassSeen;
  });
  await panel.getByRole('button', { name: 'Nieuwe pas uitgeven' }).click();
  await expect(panel.getByRole('alert')).toContainText(
    `Deze vrijwilliger heeft al een actieve pas (${other.number}); blokkeer die eerst`,
  );
  expect(await passesOf(request, volunteer.id)).toHaveLength(1);
  // The list now shows the pass issued meanwhile.
  const card = panel.getByTestId('pass-card').filter({ hasText: other.printedNumber });
  await expect(card).toContainText('actief');
  await expect(card).toContainText('geen');

  // Block it: the confirmation first, and "no" blocks nothing.
  await card.getByLabel('Gestolen').check();
  await card.getByRole('button', { name: 'Pas blokkeren' }).click();
  await expect(card).toContainText(
    `Weet je het zeker? Pas ${other.printedNumber} werkt daarna nergens meer`,
  );
  await card.getByRole('button', { name: 'Nee, toch niet' }).click();
  expect((await passesOf(request, volunteer.id))[0].status).toBe('active');
  await card.getByRole('button', { name: 'Pas blokkeren' }).click();
  await card.getByRole('button', { name: `Ja, blokkeer pas ${other.printedNumber}` }).click();
  await expect(panel.getByTestId('pass-done')).toHaveText(
    `Pas ${other.printedNumber} is geblokkeerd. Geef hieronder een nieuwe pas uit als de vrijwilliger die nodig heeft.`,
  );
  await expect(card).toContainText('geblokkeerd');
  await expect(card).toContainText('gestolen');
  expect(await passesOf(request, volunteer.id)).toMatchObject([
    { number: other.number, status: 'blocked', blockedReason: 'stolen' },
  ]);

  // A new pass: its number shown once in the notice, and in the list as the active one.
  await panel.getByRole('button', { name: 'Nieuwe pas uitgeven' }).click();
  await expect(panel.getByTestId('pass-done')).toContainText(`is uitgegeven aan ${volunteer.name}`);
  const passes = await passesOf(request, volunteer.id);
  expect(passes.map((pass) => pass.status).sort()).toEqual(['active', 'blocked']);
  const issued = passes.find((pass) => pass.status === 'active') ?? passes[0];
  await expect(panel.getByTestId('pass-done')).toContainText(`Pas ${issued.printedNumber}`);
  // Newest first: the new pass above the blocked one.
  await expect(panel.getByTestId('pass-card').first()).toContainText(issued.printedNumber);
  await expect(panel.getByTestId('pass-card').first()).toContainText('actief');
  await expect(panel.getByRole('button', { name: 'Nieuwe pas uitgeven' })).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await close();
});

test('the admin sets an organisation’s hour rate inside the range; a rate outside it is refused and changes nothing', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const organisation = await newOrganisation(request);
  const before = await hourRateOf(request, organisation.id);
  expect(before.organisationRate).toBeNull();
  const { page, close } = await openAs(browser, ADMIN);
  await page.locator('#parties-kind').selectOption('organisation');
  await page.locator('#parties-district').selectOption('noord-oost');
  await page
    .getByRole('row')
    .filter({ hasText: organisation.name })
    .getByRole('button', { name: `Rekening van ${organisation.name}` })
    .click();
  const section = page.getByTestId('party-accounts').getByTestId('hour-rate');
  await expect(section.getByTestId('hour-rate-now')).toContainText('het standaardtarief');
  const field = section.getByLabel('Uurtarief (STK per uur)');

  await field.fill('veel');
  await section.getByRole('button', { name: 'Uurtarief opslaan' }).click();
  await expect(section.getByText('Vul een bedrag in, zoals 1,25.')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  // Above any range the settings allow (at most 100.00): the API refuses it at the field.
  await field.fill('150');
  await section.getByRole('button', { name: 'Uurtarief opslaan' }).click();
  await expect(
    section.getByText(/^Kies een tarief van .+ tot en met .+\. Een ander tarief/),
  ).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect((await hourRateOf(request, organisation.id)).organisationRate).toBeNull();

  // The lowest rate of the range now in force, typed with a comma.
  const { min } = await hourRateOf(request, organisation.id);
  await field.fill(min.replace('.', ','));
  await section.getByRole('button', { name: 'Uurtarief opslaan' }).click();
  await expect(section.getByRole('status')).toContainText(
    `Het uurtarief van ${organisation.name} is nu`,
  );
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByTestId('hour-rate-now')).not.toContainText('standaardtarief');
  expect((await hourRateOf(request, organisation.id)).organisationRate).toBe(min);
  await expectNoSeriousViolations(page);
  await close();
});

test('the admin sets the fiscal limits of a year', async ({ browser }) => {
  const { page, close } = await openAs(browser, ADMIN);
  await page.getByRole('link', { name: 'Instellingen' }).click();
  const form = page.getByTestId('settings-fiscal-form');
  await form.getByLabel('Jaar', { exact: true }).fill('2031');
  await form.getByLabel('Per uur, volwassen (€)').fill('6,00');
  await form.getByLabel('Per uur, jonger (€)').fill('3,50');
  await form.getByLabel('Volwassen vanaf (jaar)').fill('21');
  await form.getByLabel('Per maand (€)').fill('220');
  await form.getByLabel('Per jaar (€)').fill('abc');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(form.getByLabel('Per jaar (€)')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Per jaar (€)').fill('2200');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  const row = page.getByTestId('settings-fiscal').getByRole('row').filter({ hasText: '2031' });
  await expect(row).toContainText('€ 6,00');
  await expect(row).toContainText('€ 2.200,00');
  await close();
});

/** Where each role's menu may lead: its own pages only. */
const OWN_PATHS: Array<{ person: { email: string; password: string }; own: RegExp }> = [
  { person: ADMIN, own: /^\/(admin\/.*)?$/ },
  { person: TREASURER, own: /^\/(treasurer\/.*|transparantie)?$/ },
  { person: ORG_MANAGER, own: /^\/organisation\/.+$/ },
  { person: BUSINESS, own: /^\/(kassa|business\/.+)$/ },
  { person: VOLUNTEER, own: /^\/(volunteer\/.*)?$/ },
];

test('each role sees only its own menu; a volunteer at an admin page sees "not for you"', async ({
  browser,
}) => {
  // Five logins, one per role: slow on a shared machine.
  test.setTimeout(180_000);
  for (const { person, own } of OWN_PATHS) {
    const { page, close } = await openAs(browser, person);
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await expect(menu.getByRole('link').first()).toBeVisible();
    const paths = await menu
      .getByRole('link')
      .evaluateAll((links) =>
        links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
      );
    expect(paths.filter((path) => !own.test(path))).toEqual([]);
    if (person === ADMIN)
      expect(paths).toEqual([
        '/',
        '/admin/users',
        '/admin/credit-limits',
        '/admin/settings',
        '/admin/audit',
        '/admin/reports',
      ]);
    await close();
  }
  const { page, close } = await openAs(browser, VOLUNTEER);
  for (const path of ['/admin/users', '/admin/settings']) {
    await page.goto(path);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Deze pagina is niet voor jou' }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Gebruikers' })).toHaveCount(0);
  }
  await close();
});

const PAGES = [
  { path: '/', heading: { nl: 'Partijen', en: 'Parties' } },
  { path: '/admin/users', heading: { nl: 'Gebruikers', en: 'Users' } },
  { path: '/admin/credit-limits', heading: { nl: 'Kredietlimieten', en: 'Credit limits' } },
  { path: '/admin/settings', heading: { nl: 'Instellingen', en: 'Settings' } },
  { path: '/admin/audit', heading: { nl: 'Auditlog', en: 'Audit log' } },
  { path: '/admin/reports', heading: { nl: 'Rapporten', en: 'Reports' } },
];

for (const language of ['nl', 'en'] as const)
  for (const size of ['phone', 'tablet'] as const)
    test(`axe finds nothing serious on the admin's pages, ${size}, ${language}`, async ({
      browser,
    }) => {
      // Four pages, each checked by axe: slow on a shared machine.
      test.setTimeout(180_000);
      const { page, close } = await openAs(browser, ADMIN, size, language);
      for (const { path, heading } of PAGES) {
        await page.goto(path);
        await expect(
          page.getByRole('heading', { level: 1, name: heading[language] }),
        ).toBeVisible();
        await expect(page.getByText(/^(Bezig met laden|Loading)/)).toHaveCount(0);
        if (path === '/') {
          // The account panel of a party opens on this page: axe reads it too.
          await page
            .getByRole('button', { name: language === 'nl' ? /^Rekening van / : /^Account of / })
            .first()
            .click();
          await expect(page.getByTestId('account-policy').first()).toBeVisible();
          // Opened below the list, and brought into view with its heading focused.
          await expect(page.getByTestId('party-accounts').getByRole('heading')).toBeFocused();
          await expect(page.getByTestId('party-accounts')).toBeInViewport();
          if (process.env.SCREENSHOTS)
            await page.screenshot({
              path: `test-results/shots/admin-party-accounts-${size}-${language}.png`,
            });
          await expectNoSeriousViolations(page);
          // An organisation's account panel holds its hour rate.
          await page.locator('#parties-kind').selectOption('organisation');
          await page
            .getByRole('button', { name: language === 'nl' ? /^Rekening van / : /^Account of / })
            .first()
            .click();
          await expect(page.getByTestId('hour-rate').getByRole('textbox')).toBeVisible();
          await page.getByTestId('hour-rate').scrollIntoViewIfNeeded();
          if (process.env.SCREENSHOTS)
            await page.screenshot({
              path: `test-results/shots/admin-hour-rate-${size}-${language}.png`,
            });
          await expectNoSeriousViolations(page);
          // A volunteer's passes, with the block form of the active one.
          await page.locator('#parties-kind').selectOption('volunteer');
          await page
            .getByRole('button', {
              name: language === 'nl' ? /^Voordeelpas van / : /^Discount pass of /,
            })
            .first()
            .click();
          await expect(page.getByTestId('party-pass').getByRole('heading')).toBeFocused();
          await expect(page.getByTestId('pass-card').first()).toBeVisible();
          if (process.env.SCREENSHOTS)
            await page.screenshot({
              path: `test-results/shots/admin-party-pass-${size}-${language}.png`,
            });
          await page.locator('#parties-kind').selectOption('');
        }
        await expectNoSeriousViolations(page);
        if (process.env.SCREENSHOTS)
          await page.screenshot({
            path: `test-results/shots/admin${path === '/' ? '-parties' : path.replaceAll('/', '-')}-${size}-${language}.png`,
            fullPage: true,
          });
        if (
          process.env.SCREENSHOTS &&
          path === '/admin/users' &&
          size === 'tablet' &&
          language === 'en'
        )
          await page.screenshot({
            path: '../docs/screenshots/admin-users-tablet-en.png',
            fullPage: true,
          });
      }
      await close();
    });
