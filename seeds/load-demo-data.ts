import { createHash } from 'node:crypto';
import { UsersService } from '../src/auth/users.service.js';
import { parseAmount } from '../src/common/amount.js';
import { Database } from '../src/database/database.service.js';
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

/** Loads the Maastricht demo. Idempotent: what exists is left alone, ledger movements replay. */
export async function loadDemoData(services: ServiceLookup): Promise<DemoLoadReport> {
  const parties = services.get(PartiesService, { strict: false });
  const users = services.get(UsersService, { strict: false });
  const ledger = services.get(LedgerService, { strict: false });
  const database = services.get(Database, { strict: false });
  const report: DemoLoadReport = { partiesCreated: 0, usersCreated: 0, entriesBooked: 0, recordsCreated: 0 };

  for (const { key, ...party } of DEMO_PARTIES) {
    if (await parties.findById(demoId(key))) continue;
    await parties.create(party, { id: demoId(key) });
    report.partiesCreated += 1;
  }
  for (const user of DEMO_USERS) {
    if (await users.findByEmail(user.email)) continue;
    await users.create({
      email: user.email,
      password: DEMO_PASSWORD,
      role: user.role,
      partyId: user.partyKey ? demoId(user.partyKey) : undefined,
      displayName: user.displayName,
    });
    report.usersCreated += 1;
  }

  const accountOf = async (partyKey: string) => (await ledger.listAccountsOfParty(demoId(partyKey)))[0];
  const issuance = await ledger.getSystemAccountId(ISSUANCE_ACCOUNT);
  for (const organisation of DEMO_PARTIES.filter((party) => party.kind === 'organisation')) {
    const account = await accountOf(organisation.key);
    if (account.minBalance !== DEMO_ORGANISATION_CREDIT_LIMIT) {
      await ledger.updateAccountPolicy(account.id, { minBalanceMinor: parseAmount(DEMO_ORGANISATION_CREDIT_LIMIT, { allowNegative: true }), maxBalanceMinor: null, status: 'open' });
    }
    const outcome = await ledger.transfer({
      fromAccountId: issuance,
      toAccountId: account.id,
      amountMinor: parseAmount(DEMO_ORGANISATION_BUDGET),
      code: 'ISSUE',
      description: `Budget 2026 ${organisation.name}`,
      idempotencyKey: `demo:issue:${organisation.key}`,
    });
    if (!outcome.replayed) report.entriesBooked += 1;
  }
  for (const [organisationKey, volunteerKey, amount, description] of DEMO_HOURS) {
    const outcome = await ledger.transfer({
      fromAccountId: (await accountOf(organisationKey)).id,
      toAccountId: (await accountOf(volunteerKey)).id,
      amountMinor: parseAmount(amount),
      code: 'HOURS',
      description,
      idempotencyKey: `demo:hours:${organisationKey}:${volunteerKey}`,
    });
    if (!outcome.replayed) report.entriesBooked += 1;
  }
  for (const loadModuleDemo of [loadVolunteeringDemo, loadPassesDemo, loadCatalogueDemo]) {
    report.recordsCreated += await loadModuleDemo(services);
  }
  return report;
}

export const DEMO_LOGINS = DEMO_USERS.map((user) => ({ email: user.email, role: user.role, password: DEMO_PASSWORD }));
