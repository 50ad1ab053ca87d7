import { gzipSync } from 'node:zlib';
import { expect, type Page, test } from '@playwright/test';
import {
  API,
  BUSINESS,
  DEMO_PASSWORD,
  demoPassNumber,
  expectNoSeriousViolations,
  grouped,
  logIn,
  newPage,
  VOLUNTEER,
} from './kassa-fixtures';

/**
 * The shell in a real browser: each role's own home after login, "not for you", the language,
 * sessions (a reload keeps you logged in; the session outlives its short access token; logout
 * ends it), axe in both languages on every page of the shell, and the counter's size budget.
 */
/** The admin's home is the parties page (web/src/admin). */
const ADMIN = { email: 'admin@steerkes.test', home: { nl: 'Partijen', en: 'Parties' } };

for (const language of ['nl', 'en'] as const) {
  test(`phone, ${language}: the login page, each role's own home, "not for you" and an unknown page pass axe`, async ({
    browser,
  }) => {
    // Three logins and axe on seven pages, the admin's home a real page now: slow on a shared machine.
    test.setTimeout(150_000);
    const { context, page } = await newPage(browser, { size: 'phone', language });
    await page.goto('/');
    await expect(
      page.getByRole('heading', { level: 1, name: language === 'nl' ? 'Inloggen' : 'Log in' }),
    ).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expectNoSeriousViolations(page);

    // Wrong credentials: the API's own words at the form.
    await page.getByLabel(/e-?mail/i).fill('business@steerkes.test');
    await page.getByLabel(/wachtwoord|password/i).fill('not-the-password');
    await page.getByRole('button', { name: /^(Inloggen|Log in)$/ }).click();
    await expect(page.getByRole('alert')).toContainText(
      language === 'nl'
        ? 'E-mailadres of wachtwoord is onjuist.'
        : 'Email address or password is wrong.',
    );
    await expectNoSeriousViolations(page);

    for (const person of [ADMIN]) {
      await logIn(page, { email: person.email, password: DEMO_PASSWORD });
      await expect(
        page.getByRole('heading', { level: 1, name: person.home[language] }),
      ).toBeVisible();
      await expectNoSeriousViolations(page);
      await page.goto('/kassa');
      await expect(
        page.getByRole('heading', {
          level: 1,
          name: language === 'nl' ? 'Deze pagina is niet voor jou' : 'This page is not for you',
        }),
      ).toBeVisible();
      await expectNoSeriousViolations(page);
      await page.getByRole('button', { name: language === 'nl' ? 'Uitloggen' : 'Log out' }).click();
      await expect(page.getByLabel(/wachtwoord|password/i)).toBeVisible();
    }

    await logIn(page, VOLUNTEER);
    await expect(page).toHaveURL(/\/$/);
    await expect(
      page.getByRole('navigation', { name: language === 'nl' ? 'Hoofdmenu' : 'Main menu' }),
    ).toBeVisible();
    await page.goto('/kassa');
    await expect(
      page.getByRole('heading', {
        level: 1,
        name: language === 'nl' ? 'Deze pagina is niet voor jou' : 'This page is not for you',
      }),
    ).toBeVisible();
    await page.goto('/no-such-page');
    await expect(
      page.getByRole('heading', {
        level: 1,
        name: language === 'nl' ? 'Pagina niet gevonden' : 'Page not found',
      }),
    ).toBeVisible();
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: language === 'nl' ? 'Uitloggen' : 'Log out' }).click();

    await logIn(page, BUSINESS);
    await expect(page).toHaveURL(/\/kassa$/);
    await page.goto('/volunteer/history');
    await expect(
      page.getByRole('heading', {
        level: 1,
        name: language === 'nl' ? 'Deze pagina is niet voor jou' : 'This page is not for you',
      }),
    ).toBeVisible();
    await context.close();
  });
}

test('tablet: the language switch changes every text, is remembered over a reload, and the API answers in it', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, { size: 'tablet', language: 'nl' });
  await logIn(page, BUSINESS);
  await expect(page.getByRole('heading', { level: 1, name: 'Kassa' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Counter' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Redeem' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Counter' })).toBeVisible();
  const [request] = await Promise.all([
    page.waitForRequest((request) => request.url().includes('/api/v1/offers/managed')),
    page
      .getByRole('button', { name: 'Nederlands' })
      .click()
      .then(() => page.reload()),
  ]);
  expect(request.headers()['accept-language']).toBe('nl');
  const storage = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  expect(storage).toEqual({ 'steerkes.language': 'nl' });
  await context.close();
});

async function accessTokenOf(page: Page, action: () => Promise<unknown>): Promise<string> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (response) => /\/api\/v1\/auth\/(login|refresh)$/.test(response.url()) && response.ok(),
    ),
    action(),
  ]);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

test('tablet: a reload keeps the counter logged in, the session outlives its short access token, and logout ends it', async ({
  browser,
  playwright,
}) => {
  const shortUrl = process.env.STEERKES_SHORT_TTL_URL!;
  const { context, page } = await newPage(browser, {
    size: 'tablet',
    language: 'nl',
    baseURL: shortUrl,
  });
  const api = await playwright.request.newContext({ baseURL: shortUrl });
  await accessTokenOf(page, () => logIn(page, BUSINESS));
  await expect(page.getByRole('heading', { level: 1, name: 'Kassa' })).toBeVisible();
  // Nothing of the session in storage the page can read: the refresh cookie is httpOnly.
  expect(
    await page.evaluate(() => [
      document.cookie,
      JSON.stringify(localStorage),
      JSON.stringify(sessionStorage),
    ]),
  ).toEqual(['', '{}', '{}']);

  // A reload: the token in memory is gone, the refresh cookie brings a new one. (Within the second
  // of the login the new token may equal the first byte for byte: a JWT's iat counts seconds; the
  // refresh answering 200 is what shows the cookie brought the session back.)
  const [refreshAfterReload] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh')),
    page.reload(),
  ]);
  expect(refreshAfterReload.status()).toBe(200);
  const reloadedToken = ((await refreshAfterReload.json()) as { accessToken: string }).accessToken;
  expect(reloadedToken).toEqual(expect.any(String));
  await expect(page.getByRole('heading', { level: 1, name: 'Kassa' })).toBeVisible();

  // Wait until the server refuses the access token the page holds (JWT_TTL is 3 s here)...
  await expect
    .poll(
      async () =>
        (
          await api.get(`${API}/auth/me`, { headers: { Authorization: `Bearer ${reloadedToken}` } })
        ).status(),
      { timeout: 15_000 },
    )
    .toBe(401);
  // ...then redeem: the 401 is answered by one refresh and the request is sent again.
  const refreshed = page.waitForResponse((response) =>
    response.url().endsWith('/api/v1/auth/refresh'),
  );
  await page.getByLabel('Pasnummer').fill(grouped(demoPassNumber()));
  await page.getByRole('button', { name: /250 gram koffiebonen/ }).click();
  await page.getByRole('button', { name: 'Inwisselen' }).click();
  expect((await refreshed).status()).toBe(200);
  await expect(page.getByRole('heading', { name: '✓ Ingewisseld' })).toBeVisible();
  await page.getByRole('button', { name: 'Ongedaan maken', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Ongedaan gemaakt/ })).toBeVisible();

  // Logout: the login form, also after a reload (the cookie is gone and its session ended).
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByLabel('Wachtwoord')).toBeVisible();
  const refreshAfterLogout = page.waitForResponse((response) =>
    response.url().endsWith('/api/v1/auth/refresh'),
  );
  await page.reload();
  expect((await refreshAfterLogout).status()).toBe(401);
  await expect(page.getByLabel('Wachtwoord')).toBeVisible();
  await api.dispose();
  await context.close();
});

test('the pages carry the strict Content-Security-Policy, the manifest and a service worker that never caches /api', async ({
  browser,
  request,
}) => {
  const page = await request.get('/kassa');
  expect(page.headers()['content-security-policy']).toContain(
    "script-src 'self' 'wasm-unsafe-eval'",
  );
  expect(page.headers()['content-security-policy']).not.toContain('unsafe-inline');
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'Steerkes', start_url: '/', display: 'standalone' });
  const worker = await (await request.get('/sw.js')).text();
  const shell = JSON.parse(/const SHELL = (\[.*\]);/.exec(worker)![1]) as string[];
  expect(shell).toContain('/index.html');
  expect(shell.some((path) => path.startsWith('/api'))).toBe(false);
  expect(shell.some((path) => /zxing|barcode-decoder/.test(path))).toBe(false);
  const { context, page: browserPage } = await newPage(browser, { size: 'tablet', language: 'nl' });
  await browserPage.goto('/');
  await expect
    .poll(() =>
      browserPage.evaluate(
        async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? null,
      ),
    )
    .toBe('activated');
  const cached = await browserPage.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const entry of await (await caches.open(name)).keys())
        urls.push(new URL(entry.url).pathname);
    return urls;
  });
  expect(cached).toContain('/index.html');
  expect(cached.some((path) => path.startsWith('/api'))).toBe(false);
  await context.close();
});

/** The counter's first load: every script the browser fetches to show /kassa, gzipped; the camera decoder is loaded later and excluded. */
const COUNTER_FIRST_LOAD_JS_GZIP_MAX_BYTES = 150 * 1024;

test('size budget: the counter’s first load is at most 150 KB of JavaScript gzipped', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, { size: 'tablet', language: 'nl' });
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.set(new URL(response.url()).pathname, gzipSync(await response.body()).length);
  });
  await logIn(page, BUSINESS);
  await expect(page.getByRole('button', { name: 'Inwisselen' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Vandaag' })).toBeVisible();
  const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
  console.log(
    `counter first load: ${[...scripts.keys()].join(', ')} = ${(total / 1024).toFixed(1)} KB gzipped`,
  );
  expect([...scripts.keys()].some((path) => /barcode-decoder|zxing/.test(path))).toBe(false);
  expect(scripts.size).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(COUNTER_FIRST_LOAD_JS_GZIP_MAX_BYTES);
  await context.close();
});
