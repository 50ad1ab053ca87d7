import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newKey } from './factories/ledger.js';
import { login, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The exports are checked by the real tools: hledger and Beancount must accept them (balance
 * assertions included) and report the same balance for every account as the trial balance.
 * Install them with `sudo apt-get install hledger beancount` (Debian/Ubuntu); .ci/run does.
 */
function installed(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const toolsPresent = installed('hledger') && installed('bean-check') && installed('bean-query');
if (!toolsPresent) {
  const message =
    'hledger and Beancount are not installed: `sudo apt-get install hledger beancount` to run the export checks.';
  if (process.env.CI) throw new Error(message);
  console.warn(message);
}
const describeWithTools = toolsPresent ? describe : describe.skip;

describeWithTools(
  'Story: the treasurer closes October and takes the books into hledger and Beancount',
  () => {
    let testApp: TestApp;
    let treasurer: Session;
    let folder: string;
    let trialBalance: {
      groups: Array<{ accounts: Array<{ accountId: string; balance: string }> }>;
      total: string;
      balanced: boolean;
    };

    beforeAll(async () => {
      testApp = await createTestApp(); // the demo, on 2026-11-23
      folder = mkdtempSync(join(tmpdir(), 'steerkes-export-'));
      treasurer = await login(testApp.http, 'treasurer@steerkes.test');
      const org = await login(testApp.http, 'org@steerkes.test');
      const volunteer = await login(testApp.http, 'volunteer@steerkes.test');
      const orgAccount = (
        await testApp.http.get(`/api/v1/parties/${org.partyId}/accounts`).set(org.auth)
      ).body[0].id;
      const volunteerAccount = (
        await testApp.http.get(`/api/v1/parties/${volunteer.partyId}/accounts`).set(volunteer.auth)
      ).body[0].id;
      const pay = (amount: string, effectiveDate: string, description: string) =>
        testApp.http
          .post('/api/v1/transfers')
          .set(org.auth)
          .set('Idempotency-Key', newKey())
          .send({
            fromAccountId: orgAccount,
            toAccountId: volunteerAccount,
            amount,
            code: 'HOURS',
            description,
            effectiveDate,
          })
          .expect(201);
      await pay('4.25', '2026-10-12', 'Oktober: "buurtfeest"; opruimen');
      await pay('2.00', '2026-10-31', 'Laatste dag oktober');
      await testApp.http
        .post('/api/v1/treasury/periods/2026-10/close')
        .set(treasurer.auth)
        .expect(201);
      const november = await pay('1.50', '2026-11-20', 'November, later teruggedraaid');
      await testApp.http
        .post(`/api/v1/entries/${november.body.id}/reversal`)
        .set(treasurer.auth)
        .set('Idempotency-Key', newKey())
        .send({})
        .expect(201);
      trialBalance = (
        await testApp.http.get('/api/v1/treasury/trial-balance').set(treasurer.auth).expect(200)
      ).body;
    });
    afterAll(async () => {
      await testApp.close();
      rmSync(folder, { recursive: true, force: true });
    });

    const ourBalances = () =>
      new Map(
        trialBalance.groups
          .flatMap((group) => group.accounts)
          .map((line) => [line.accountId.slice(0, 8), line.balance]),
      );

    it('has a trial balance that sums to zero', () => {
      expect(trialBalance).toMatchObject({ total: '0.00', balanced: true });
    });

    it('exports an hledger journal that hledger accepts, assertions included, with our balances', async () => {
      const response = await testApp.http
        .get('/api/v1/treasury/export?format=hledger')
        .set(treasurer.auth)
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.text).toContain('closing balances 2026-10');
      const file = join(folder, 'steerkes.journal');
      writeFileSync(file, response.text);
      const csv = execFileSync(
        'hledger',
        ['-f', file, 'balance', '--flat', '--no-total', '-O', 'csv'],
        { encoding: 'utf8' },
      );
      const theirs = new Map<string, string>();
      for (const line of csv.trim().split('\n').slice(1)) {
        const [account, amount] = line.split(/","/).map((cell) => cell.replace(/"/g, ''));
        theirs.set(account.slice(-8), amount.replace(/\s*STK\s*/, '').replace(/,/g, '') || '0.00');
      }
      for (const [shortId, balance] of ourBalances()) {
        if (balance === '0.00') continue; // hledger leaves out accounts that end at zero
        const issuance = shortId === '00000000';
        expect({ account: shortId, balance: theirs.get(issuance ? 'issuance' : shortId) }).toEqual({
          account: shortId,
          balance: Number(balance).toFixed(2),
        });
      }
    });

    it('refuses, through hledger itself, a journal whose October was changed after the close', async () => {
      const response = await testApp.http
        .get('/api/v1/treasury/export?format=hledger')
        .set(treasurer.auth)
        .expect(200);
      const file = join(folder, 'tampered.journal');
      writeFileSync(
        file,
        response.text
          .replace(/ {2}4\.25 STK/, '  5.25 STK')
          .replace(/ {2}-4\.25 STK/, '  -5.25 STK'),
      );
      expect(() => execFileSync('hledger', ['-f', file, 'balance'], { stdio: 'pipe' })).toThrow(
        /balance assertion/i,
      );
    });

    it('exports a Beancount file that bean-check accepts, with our balances', async () => {
      const response = await testApp.http
        .get('/api/v1/treasury/export?format=beancount')
        .set(treasurer.auth)
        .expect(200);
      const file = join(folder, 'steerkes.beancount');
      writeFileSync(file, response.text);
      execFileSync('bean-check', [file], { stdio: 'pipe' });
      const csv = execFileSync(
        'bean-query',
        ['-f', 'csv', file, 'SELECT account, sum(number) AS total GROUP BY account'],
        { encoding: 'utf8' },
      );
      const theirs = new Map<string, string>();
      for (const line of csv.trim().split('\n').slice(1)) {
        const [account, total] = line.split(',').map((cell) => cell.trim());
        theirs.set(
          account.startsWith('Equity:') ? '00000000' : account.slice(-8),
          Number(total).toFixed(2),
        );
      }
      for (const [shortId, balance] of ourBalances()) {
        if (balance === '0.00') continue;
        expect({ account: shortId, balance: theirs.get(shortId) }).toEqual({
          account: shortId,
          balance,
        });
      }
    });

    it('exports the journal as CSV, one line per posting', async () => {
      const response = await testApp.http
        .get('/api/v1/treasury/export?format=csv')
        .set(treasurer.auth)
        .expect(200);
      const lines = response.text.trim().split('\n');
      expect(lines[0]).toBe(
        'sequence,entry_id,effective_date,created_at,code,description,account_id,account_group,account_name,amount,currency,reverses_entry_id',
      );
      expect(response.text).toContain('"Oktober: ""buurtfeest""; opruimen"');
    });

    it('gives October’s statement of the organisation with opening and closing balances', async () => {
      const org = await login(testApp.http, 'org@steerkes.test');
      const orgAccount = (
        await testApp.http.get(`/api/v1/parties/${org.partyId}/accounts`).set(org.auth)
      ).body[0].id;
      const statement = await testApp.http
        .get(`/api/v1/treasury/statements/${orgAccount}?period=2026-10`)
        .set(treasurer.auth)
        .expect(200);
      const movements = statement.body.movements as Array<{ amount: string; description: string }>;
      // This story's two payments, among Malberg's October of the demo's past.
      expect(
        movements
          .filter((line) =>
            ['Oktober: "buurtfeest"; opruimen', 'Laatste dag oktober'].includes(line.description),
          )
          .map((line) => line.amount),
      ).toEqual(['-4.25', '-2.00']);
      const movedCents = movements.reduce(
        (sum, line) => sum + Math.round(Number(line.amount) * 100),
        0,
      );
      expect(Math.round(Number(statement.body.closingBalance) * 100)).toBe(
        Math.round(Number(statement.body.openingBalance) * 100) + movedCents,
      );
      const csv = await testApp.http
        .get(`/api/v1/treasury/statements/${orgAccount}?period=2026-10&format=csv`)
        .set(treasurer.auth)
        .expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.trim().split('\n')).toHaveLength(1 + 1 + movements.length + 1);
    });

    it('exports October alone for hledger: its entries and closing assertions, which hledger checks', async () => {
      const response = await testApp.http
        .get('/api/v1/treasury/export?format=hledger&period=2026-10')
        .set(treasurer.auth)
        .expect(200);
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename=steerkes-2026-10.journal',
      );
      // Nothing was booked before October in this ledger: it opens at zero, with no opening transaction.
      expect(response.text).not.toContain('OPENING');
      expect(response.text).toContain('closing balances 2026-10');
      expect(response.text).toContain('Laatste dag oktober');
      expect(response.text).not.toContain('November, later teruggedraaid');
      const dates = [...response.text.matchAll(/^(\d{4}-\d{2}-\d{2}) /gm)].map((match) => match[1]);
      expect(dates.every((date) => date.startsWith('2026-10'))).toBe(true);
      const file = join(folder, 'october.journal');
      writeFileSync(file, response.text);
      // hledger checks every closing assertion of October against opening + October's entries.
      execFileSync('hledger', ['-f', file, 'balance'], { stdio: 'pipe' });
    });

    it('exports November alone for hledger and Beancount: October’s closing opens it, and they end at our balances', async () => {
      const hledger = await testApp.http
        .get('/api/v1/treasury/export?format=hledger&period=2026-11')
        .set(treasurer.auth)
        .expect(200);
      expect(hledger.text).toContain('2026-11-01 OPENING | Opening balances');
      expect(hledger.text).not.toContain('Laatste dag oktober');
      const journal = join(folder, 'november.journal');
      writeFileSync(journal, hledger.text);
      const csv = execFileSync(
        'hledger',
        ['-f', journal, 'balance', '--flat', '--no-total', '-O', 'csv'],
        { encoding: 'utf8' },
      );
      const theirs = new Map<string, string>();
      for (const line of csv.trim().split('\n').slice(1)) {
        const [account, amount] = line.split(/","/).map((cell) => cell.replace(/"/g, ''));
        theirs.set(account.slice(-8), amount.replace(/\s*STK\s*/, '').replace(/,/g, '') || '0.00');
      }
      for (const [shortId, balance] of ourBalances()) {
        if (balance === '0.00') continue;
        const issuance = shortId === '00000000';
        expect({ account: shortId, balance: theirs.get(issuance ? 'issuance' : shortId) }).toEqual({
          account: shortId,
          balance: Number(balance).toFixed(2),
        });
      }
      const beancount = await testApp.http
        .get('/api/v1/treasury/export?format=beancount&period=2026-11')
        .set(treasurer.auth)
        .expect(200);
      expect(beancount.text).toContain('2026-11-01 * "OPENING" "Opening balances"');
      const file = join(folder, 'november.beancount');
      writeFileSync(file, beancount.text);
      execFileSync('bean-check', [file], { stdio: 'pipe' });
      const totals = execFileSync(
        'bean-query',
        ['-f', 'csv', file, 'SELECT account, sum(number) AS total GROUP BY account'],
        { encoding: 'utf8' },
      );
      const beans = new Map<string, string>();
      for (const line of totals.trim().split('\n').slice(1)) {
        const [account, total] = line.split(',').map((cell) => cell.trim());
        beans.set(
          account.startsWith('Equity:') ? '00000000' : account.slice(-8),
          Number(total).toFixed(2),
        );
      }
      for (const [shortId, balance] of ourBalances()) {
        if (balance === '0.00') continue;
        expect({ account: shortId, balance: beans.get(shortId) }).toEqual({
          account: shortId,
          balance,
        });
      }
    });

    it('exports October alone for Beancount with its closing balances, which bean-check accepts', async () => {
      const response = await testApp.http
        .get('/api/v1/treasury/export?format=beancount&period=2026-10')
        .set(treasurer.auth)
        .expect(200);
      expect(response.text).toContain('2026-11-01 balance');
      expect(response.text).not.toContain('November, later teruggedraaid');
      const file = join(folder, 'october.beancount');
      writeFileSync(file, response.text);
      execFileSync('bean-check', [file], { stdio: 'pipe' });
    });

    it('exports October alone as CSV: its postings only', async () => {
      const response = await testApp.http
        .get('/api/v1/treasury/export?format=csv&period=2026-10')
        .set(treasurer.auth)
        .expect(200);
      const rows = response.text.trim().split('\n').slice(1);
      expect(rows.length).toBeGreaterThan(0);
      expect(
        rows.every(
          (row) => row.split(',')[2] === '2026-10-12' || row.split(',')[2].startsWith('2026-10'),
        ),
      ).toBe(true);
      expect(response.text).toContain('"Oktober: ""buurtfeest""; opruimen"');
    });

    it('gives the monthly statements of October: every account’s opening, in, out and closing', async () => {
      const org = await login(testApp.http, 'org@steerkes.test');
      const orgAccount = (
        await testApp.http.get(`/api/v1/parties/${org.partyId}/accounts`).set(org.auth)
      ).body[0].id as string;
      const response = await testApp.http
        .get('/api/v1/treasury/statements?period=2026-10')
        .set(treasurer.auth)
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename=steerkes-statements-2026-10.csv',
      );
      const [header, ...rows] = response.text.trim().split('\n');
      expect(header).toBe(
        'period,account_id,account_group,account_name,opening_balance,money_in,money_out,closing_balance',
      );
      const cents = (amount: string) => Math.round(Number(amount) * 100);
      let closingTotal = 0;
      for (const row of rows) {
        const cells = row.split(',');
        const [opening, moneyIn, moneyOut, closing] = cells.slice(-4).map(cents);
        expect(opening + moneyIn - moneyOut).toBe(closing);
        closingTotal += closing;
      }
      expect(closingTotal).toBe(0);
      const statement = await testApp.http
        .get(`/api/v1/treasury/statements/${orgAccount}?period=2026-10`)
        .set(treasurer.auth)
        .expect(200);
      const orgRow = rows.find((row) => row.includes(orgAccount))!.split(',');
      expect([orgRow[4], orgRow.at(-1)]).toEqual([
        statement.body.openingBalance,
        statement.body.closingBalance,
      ]);
    });

    it('refuses a period that is no month, and the monthly statements to other roles', async () => {
      for (const path of [
        '/api/v1/treasury/export?format=hledger&period=2026-13',
        '/api/v1/treasury/statements?period=oktober',
        '/api/v1/treasury/statements',
      ]) {
        const refused = await testApp.http.get(path).set(treasurer.auth).expect(400);
        expect(refused.body.code).toBe('VALIDATION_FAILED');
      }
      for (const email of ['volunteer@steerkes.test', 'org@steerkes.test']) {
        const other = await login(testApp.http, email);
        const refused = await testApp.http
          .get('/api/v1/treasury/statements?period=2026-10')
          .set(other.auth)
          .expect(403);
        expect(refused.body.code).toBe('FORBIDDEN');
      }
    });

    it('is for treasurers and admins only', async () => {
      const volunteer = await login(testApp.http, 'volunteer@steerkes.test');
      for (const path of ['/api/v1/treasury/trial-balance', '/api/v1/treasury/export?format=csv']) {
        const refused = await testApp.http.get(path).set(volunteer.auth).expect(403);
        expect(refused.body.code).toBe('FORBIDDEN');
      }
      await testApp.http.get('/api/v1/treasury/export?format=xlsx').set(treasurer.auth).expect(400);
    });
  },
);
