import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { Role } from '../../src/common/roles.js';
import type { PartyKind } from '../../src/parties/entities/party.entity.js';
import { createMember, createParty } from './parties.js';
import type { Session } from './sessions.js';

/**
 * Ledger helpers for the end-to-end stories: read accounts and statements over HTTP, fund a new
 * party, and prove that a refused request wrote nothing (balances, pending holds, statement
 * lengths and the ledger-wide counts of entries, postings and holds all unchanged).
 */

export const API = '/api/v1';

/** A fresh Idempotency-Key: every money-moving POST needs one. */
export function newKey(): string {
  return `e2e-${randomUUID()}`;
}

export interface AccountBody {
  id: string;
  partyId: string | null;
  systemName: string | null;
  currency: string;
  balance: string;
  pending: string;
  available: string;
  minBalance: string | null;
  maxBalance: string | null;
  status: 'open' | 'frozen' | 'closed';
  createdAt: string;
}

export interface StatementLineBody {
  entryId: string;
  sequence: number;
  code: string;
  description: string;
  effectiveDate: string;
  createdAt: string;
  amount: string;
  balanceAfter: string;
}

export interface EntryBody {
  id: string;
  sequence: number;
  code: string;
  description: string;
  metadata: Record<string, unknown>;
  effectiveDate: string;
  createdAt: string;
  createdBy: string | null;
  reversesEntryId: string | null;
  hash: string;
  previousHash: string;
  postings: Array<{ accountId: string; amount: string; balanceAfter: string | null }>;
}

export async function readAccount(
  http: TestAgent,
  session: Session,
  accountId: string,
): Promise<AccountBody> {
  const response = await http.get(`${API}/accounts/${accountId}`).set(session.auth).expect(200);
  return response.body as AccountBody;
}

export async function accountIdOfParty(
  http: TestAgent,
  session: Session,
  partyId: string,
): Promise<string> {
  const response = await http
    .get(`${API}/parties/${partyId}/accounts`)
    .set(session.auth)
    .expect(200);
  return (response.body as AccountBody[])[0].id;
}

/** Every line of an account's statement, following the cursor to the end. */
export async function readStatement(
  http: TestAgent,
  session: Session,
  accountId: string,
): Promise<StatementLineBody[]> {
  const lines: StatementLineBody[] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string | number> = { limit: 100, ...(cursor ? { cursor } : {}) };
    const response = await http
      .get(`${API}/accounts/${accountId}/postings`)
      .query(query)
      .set(session.auth)
      .expect(200);
    lines.push(...(response.body.items as StatementLineBody[]));
    cursor = response.body.nextCursor as string | null;
  } while (cursor);
  return lines;
}

export interface LedgerSnapshot {
  accounts: Record<
    string,
    {
      balance: string;
      pending: string;
      available: string;
      status: string;
      statementLines: number;
      lastSequence: number | null;
    }
  >;
  ledger: { ok: boolean; entries: number; postings: number; holds: number };
}

/** What a refusal must leave alone: the accounts it touched and the ledger as a whole. */
export async function snapshotLedger(
  http: TestAgent,
  treasurer: Session,
  accountIds: string[],
): Promise<LedgerSnapshot> {
  const accounts: LedgerSnapshot['accounts'] = {};
  for (const accountId of accountIds) {
    const account = await readAccount(http, treasurer, accountId);
    const lines = await readStatement(http, treasurer, accountId);
    accounts[accountId] = {
      balance: account.balance,
      pending: account.pending,
      available: account.available,
      status: account.status,
      statementLines: lines.length,
      lastSequence: lines.length > 0 ? lines[lines.length - 1].sequence : null,
    };
  }
  const reconciliation = await http
    .get(`${API}/treasury/reconciliation`)
    .set(treasurer.auth)
    .expect(200);
  const { ok, checked } = reconciliation.body as {
    ok: boolean;
    checked: { entries: number; postings: number; holds: number };
  };
  return {
    accounts,
    ledger: { ok, entries: checked.entries, postings: checked.postings, holds: checked.holds },
  };
}

/** Asserts a problem+json response with this status and code. */
export function expectProblem(response: Response, status: number, code: string): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body.status).toBe(status);
  expect(typeof response.body.detail).toBe('string');
}

/** A request that must be refused, and who looks at what it might have written. */
export interface Refusal {
  http: TestAgent;
  /** The session that reads the ledger before and after (a treasurer sees every account). */
  treasurer: Session;
  /** The accounts the request would have touched. */
  accountIds: string[];
  status: number;
  code: string;
  act: () => Promise<Response>;
}

/**
 * Runs a request that must be refused with `status`/`code`, and proves it wrote nothing: the
 * named accounts (balance, pending, status, statement) and the ledger's entry, posting and hold
 * counts are the same before and after.
 */
export async function expectRefusedWritingNothing({
  http,
  treasurer,
  accountIds,
  status,
  code,
  act,
}: Refusal): Promise<Response> {
  const before = await snapshotLedger(http, treasurer, accountIds);
  const response = await act();
  expectProblem(response, status, code);
  const after = await snapshotLedger(http, treasurer, accountIds);
  expect(after).toEqual(before);
  expect(after.ledger.ok).toBe(true);
  return response;
}

const ROLE_OF_KIND: Record<PartyKind, Role> = {
  organisation: 'org_manager',
  institution: 'org_manager',
  business: 'business_operator',
  volunteer: 'volunteer',
};

export interface TestParty {
  partyId: string;
  accountId: string;
  name: string;
  /** A logged-in member who acts for the party. */
  member: Session;
}

/** A new party with a logged-in member; `funds` are issued to it by the treasury first. */
export async function createFundedParty(
  http: TestAgent,
  sessions: { admin: Session; treasurer: Session },
  kind: PartyKind,
  funds?: string,
): Promise<TestParty> {
  const party = await createParty(http, sessions.admin, { kind });
  const member = await createMember(http, sessions.admin, party.id, ROLE_OF_KIND[kind]);
  if (funds) await issue(http, sessions.treasurer, party.accountId, funds);
  return { partyId: party.id, accountId: party.accountId, name: party.name, member };
}

export async function issue(
  http: TestAgent,
  treasurer: Session,
  toAccountId: string,
  amount: string,
  description = 'Budget e2e',
): Promise<EntryBody> {
  const response = await http
    .post(`${API}/treasury/issue`)
    .set(treasurer.auth)
    .set('Idempotency-Key', newKey())
    .send({ toAccountId, amount, description });
  expect(response.status).toBe(201);
  return response.body as EntryBody;
}

export interface TransferBody {
  fromAccountId: string;
  toAccountId: string;
  amount: unknown;
  description?: string;
  code?: string;
  effectiveDate?: string;
  [field: string]: unknown;
}

/** POST /transfers; the caller checks the answer. */
export function postTransfer(
  http: TestAgent,
  session: Session,
  body: TransferBody,
  key: string | null = newKey(),
): Promise<Response> {
  const request = http.post(`${API}/transfers`).set(session.auth);
  if (key !== null) request.set('Idempotency-Key', key);
  return request.send({ description: 'Betaling e2e', ...body });
}

/** POST /transfers that must succeed. */
export async function transfer(
  http: TestAgent,
  session: Session,
  body: TransferBody,
): Promise<EntryBody> {
  const response = await postTransfer(http, session, body);
  expect(response.status).toBe(201);
  return response.body as EntryBody;
}

/** The issuance account's id, as the postings of an ISSUE entry name it. */
export function issuanceAccountOf(issueEntry: EntryBody): string {
  const posting = issueEntry.postings.find((candidate) => candidate.amount.startsWith('-'));
  if (!posting) throw new Error('an ISSUE entry has a negative posting on the issuance account');
  return posting.accountId;
}

/**
 * Gives an account a credit limit the only way there is: an admin proposes it, a treasurer
 * approves it (four eyes). Answers the approved proposal.
 */
export async function grantCreditLimit(
  http: TestAgent,
  sessions: { admin: Session; treasurer: Session },
  accountId: string,
  minBalance: string,
): Promise<{ id: string; status: string; minBalance: string }> {
  const proposed = await http
    .post(`${API}/treasury/credit-limits`)
    .set(sessions.admin.auth)
    .send({ accountId, minBalance, reason: 'Krediet e2e' });
  expect({ status: proposed.status, body: proposed.body }).toMatchObject({ status: 201 });
  const approved = await http
    .post(`${API}/treasury/credit-limits/${proposed.body.id}/approve`)
    .set(sessions.treasurer.auth)
    .send();
  expect({ status: approved.status, body: approved.body }).toMatchObject({
    status: 200,
    body: { status: 'approved', minBalance },
  });
  return approved.body as { id: string; status: string; minBalance: string };
}
