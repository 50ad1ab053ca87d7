import { createHash } from 'node:crypto';
import type { Role } from '../src/common/roles.js';
import { UsersService } from '../src/auth/users.service.js';
import { parseAmount } from '../src/common/amount.js';
import { Clock } from '../src/common/clock.js';
import type { AuthenticatedUser } from '../src/common/http/request-context.js';
import { LedgerService } from '../src/ledger/ledger.service.js';
import { ISSUANCE_ACCOUNT } from '../src/ledger/ledger.types.js';
import { PartiesService } from '../src/parties/parties.service.js';
import {
  DEMO_HOURS,
  DEMO_ORGANISATION_BUDGET,
  DEMO_ORGANISATION_CREDIT_LIMIT,
  DEMO_PARTIES,
  DEMO_PASSWORD,
  DEMO_USERS,
} from './demo-data.js';
import { loadCatalogueDemo } from './demo-catalogue.js';
import { atMoment, loadDemoHistory, planDemoHistory } from './demo-history.js';
import { loadPassesDemo } from './demo-passes.js';
import { loadVolunteeringDemo } from './demo-volunteering.js';

/** A stable UUID for a demo key, so that loading the demo twice finds what it made the first time. */
export function demoId(key: string): string {
  const hex = createHash('sha256').update(`steerkes-demo/${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface DemoLoadReport {
  partiesCreated: number;
  usersCreated: number;
  entriesBooked: number;
  /** Records of the domain modules (claims, passes, offers, listings, …). */
  recordsCreated: number;
}

/** An application context or a ModuleRef: where the loader finds the services it uses. */
export interface ServiceLookup {
  get<T>(type: abstract new (...args: never[]) => T, options: { strict: false }): T;
}

/**
 * Loads the Maastricht demo. Idempotent: what exists is left alone, ledger movements replay. A new
 * demo gets a year of history (seeds/demo-history.ts): its parties, users, budgets, offers, passes
 * and listings are made on the history's first day, with the clock held there.
 */
export async function loadDemoData(
  services: ServiceLookup,
  options: { history?: boolean } = {},
): Promise<DemoLoadReport> {
  const parties = services.get(PartiesService, { strict: false });
  const users = services.get(UsersService, { strict: false });
  const clock = services.get(Clock, { strict: false });
  const report: DemoLoadReport = {
    partiesCreated: 0,
    usersCreated: 0,
    entriesBooked: 0,
    recordsCreated: 0,
  };
  const history = planDemoHistory(
    clock.now(),
    (await parties.findById(demoId(DEMO_PARTIES[0].key)))?.createdAt ?? null,
    options.history ?? true,
  );

  await atMoment(clock, history.wanted ? history.start : null, async () => {
    for (const { key, ...party } of DEMO_PARTIES) {
      if (await parties.findById(demoId(key))) continue;
      await parties.create(party, { id: demoId(key) });
      report.partiesCreated += 1;
    }
    for (const user of DEMO_USERS) {
      if (await users.findByEmail(user.email)) continue;
      await users.create(
        {
          email: user.email,
          password: DEMO_PASSWORD,
          role: user.role,
          partyId: user.partyKey ? demoId(user.partyKey) : undefined,
          displayName: user.displayName,
        },
        { demo: true },
      );
      report.usersCreated += 1;
    }
    report.entriesBooked += await issueBudgets(services);
    for (const loadModuleDemo of [loadPassesDemo, loadCatalogueDemo])
      report.recordsCreated += await loadModuleDemo(services);
  });

  if (history.wanted) {
    const actors = await demoActors(users);
    report.recordsCreated += await loadDemoHistory(
      services,
      history,
      actors.of,
      actors.of(null, 'treasurer'),
    );
  }
  // The base demo's hours, paid some days before the first start (for October, and November's Repair Café).
  const hoursPaidAt = history.wanted
    ? new Date(history.end.getTime() - DEMO_HOURS_PAID_DAYS_BEFORE_START * DAY_MS)
    : null;
  report.entriesBooked += await atMoment(clock, hoursPaidAt, () => payDemoHours(services));
  report.recordsCreated += await loadVolunteeringDemo(services);
  return report;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEMO_HOURS_PAID_DAYS_BEFORE_START = 10;

/** Each organisation's budget from the fund, and its credit limit. */
async function issueBudgets(services: ServiceLookup): Promise<number> {
  const ledger = services.get(LedgerService, { strict: false });
  const issuance = await ledger.getSystemAccountId(ISSUANCE_ACCOUNT);
  let booked = 0;
  for (const organisation of DEMO_PARTIES.filter((party) => party.kind === 'organisation')) {
    const account = (await ledger.listAccountsOfParty(demoId(organisation.key)))[0];
    if (account.minBalance !== DEMO_ORGANISATION_CREDIT_LIMIT) {
      await ledger.setCreditLimit(
        account.id,
        parseAmount(DEMO_ORGANISATION_CREDIT_LIMIT, { allowNegative: true }),
      );
    }
    const outcome = await ledger.transfer({
      fromAccountId: issuance,
      toAccountId: account.id,
      amountMinor: parseAmount(DEMO_ORGANISATION_BUDGET),
      code: 'ISSUE',
      description: `Budget 2026 ${organisation.name}`,
      idempotencyKey: `demo:issue:${organisation.key}`,
    });
    if (!outcome.replayed) booked += 1;
  }
  return booked;
}

/** The base demo's hours, paid straight from the organisation's account to the volunteer's. */
async function payDemoHours(services: ServiceLookup): Promise<number> {
  const ledger = services.get(LedgerService, { strict: false });
  const accountOf = async (partyKey: string) =>
    (await ledger.listAccountsOfParty(demoId(partyKey)))[0];
  let booked = 0;
  for (const [organisationKey, volunteerKey, amount, description] of DEMO_HOURS) {
    const outcome = await ledger.transfer({
      fromAccountId: (await accountOf(organisationKey)).id,
      toAccountId: (await accountOf(volunteerKey)).id,
      amountMinor: parseAmount(amount),
      code: 'HOURS',
      description,
      idempotencyKey: `demo:hours:${organisationKey}:${volunteerKey}`,
    });
    if (!outcome.replayed) booked += 1;
  }
  return booked;
}

/**
 * Who acts for a demo party: its demo login where there is one (Anouk, Malberg's coordinator, Het
 * Bonenhuis' counter), else a stable demo id that is no user, so that nobody can log in as it.
 */
async function demoActors(
  users: UsersService,
): Promise<{ of: (partyKey: string | null, role: Role) => AuthenticatedUser }> {
  const logins = new Map<string, AuthenticatedUser>();
  for (const demoUser of DEMO_USERS) {
    const user = await users.findByEmail(demoUser.email);
    if (user)
      logins.set(`${demoUser.partyKey}:${demoUser.role}`, {
        id: user.id,
        email: user.email,
        role: user.role,
        partyId: user.partyId,
      });
  }
  return {
    of: (partyKey, role) =>
      logins.get(`${partyKey}:${role}`) ?? {
        id: demoId(`actor:${partyKey}:${role}`),
        email: `${role}-${partyKey}@steerkes.test`,
        role,
        partyId: partyKey ? demoId(partyKey) : null,
      },
  };
}

export const DEMO_LOGINS = DEMO_USERS.map((user) => ({
  email: user.email,
  role: user.role,
  password: DEMO_PASSWORD,
}));
