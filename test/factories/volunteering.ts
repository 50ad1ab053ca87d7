import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { API, expectProblem, newKey, type Refusal, snapshotLedger } from './ledger.js';
import type { Session } from './sessions.js';

/**
 * Volunteering helpers for the end-to-end stories: submit and decide time claims over HTTP, and
 * prove that a refused request wrote nothing (every claim as a treasurer sees it, and the ledger).
 */

export interface TimeClaimBody {
  id: string;
  volunteerId: string;
  volunteerName: string;
  organisationId: string;
  organisationName: string;
  date: string;
  hours: string;
  activity: string;
  status: 'requested' | 'approved' | 'rejected' | 'withdrawn' | 'revoked';
  rate: string | null;
  amount: string | null;
  entryId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  reversalEntryId: string | null;
  batchId: string | null;
  submittedBy: string | null;
  createdAt: string;
}

export interface TimeClaimBatchBody {
  id: string;
  organisationId: string;
  organisationName: string;
  date: string;
  activity: string;
  rate: string;
  totalHours: string;
  totalAmount: string;
  createdBy: string | null;
  createdAt: string;
  claims: TimeClaimBody[];
}

export interface ClaimInput {
  organisationId: string;
  date?: string;
  hours?: unknown;
  activity?: string;
  [field: string]: unknown;
}

/** POST /time-claims; the caller checks the answer. The test clock's today is 2026-11-23. */
export function postClaim(
  http: TestAgent,
  volunteer: Session,
  input: ClaimInput,
): Promise<Response> {
  return http
    .post(`${API}/time-claims`)
    .set(volunteer.auth)
    .send({ date: '2026-11-21', hours: '2.50', activity: 'Huiswerkbegeleiding', ...input });
}

/** POST /time-claims that must succeed. */
export async function submitClaim(
  http: TestAgent,
  volunteer: Session,
  input: ClaimInput,
): Promise<TimeClaimBody> {
  const response = await postClaim(http, volunteer, input);
  expect(response.status).toBe(201);
  return response.body as TimeClaimBody;
}

/** POST /time-claims/:id/approve; the caller checks the answer. */
export function postApprove(
  http: TestAgent,
  manager: Session,
  claimId: string,
  key: string | null = newKey(),
): Promise<Response> {
  const request = http.post(`${API}/time-claims/${claimId}/approve`).set(manager.auth);
  if (key !== null) request.set('Idempotency-Key', key);
  return request.send();
}

export async function approveClaim(
  http: TestAgent,
  manager: Session,
  claimId: string,
): Promise<TimeClaimBody> {
  const response = await postApprove(http, manager, claimId);
  expect(response.status).toBe(200);
  return response.body as TimeClaimBody;
}

/** POST /time-claims/bulk; the caller checks the answer. */
export function postBulk(
  http: TestAgent,
  manager: Session,
  body: Record<string, unknown>,
  key: string | null = newKey(),
): Promise<Response> {
  const request = http.post(`${API}/time-claims/bulk`).set(manager.auth);
  if (key !== null) request.set('Idempotency-Key', key);
  return request.send(body);
}

/** Every claim the session may see, following the cursor to the end. */
export async function listClaims(
  http: TestAgent,
  session: Session,
  query: Record<string, string> = {},
): Promise<TimeClaimBody[]> {
  const claims: TimeClaimBody[] = [];
  let cursor: string | null = null;
  do {
    const response = await http
      .get(`${API}/time-claims`)
      .query({ limit: 100, ...query, ...(cursor ? { cursor } : {}) })
      .set(session.auth)
      .expect(200);
    claims.push(...(response.body.items as TimeClaimBody[]));
    cursor = response.body.nextCursor as string | null;
  } while (cursor);
  return claims;
}

/**
 * Runs a request that must be refused with `status`/`code`, and proves it wrote nothing: every
 * claim (as the treasurer sees them all), the named accounts and the ledger's counts are unchanged.
 */
export async function expectClaimRefusalWritingNothing({
  http,
  treasurer,
  accountIds,
  status,
  code,
  act,
}: Refusal): Promise<Response> {
  const before = {
    claims: await listClaims(http, treasurer),
    ledger: await snapshotLedger(http, treasurer, accountIds),
  };
  const response = await act();
  expectProblem(response, status, code);
  const after = {
    claims: await listClaims(http, treasurer),
    ledger: await snapshotLedger(http, treasurer, accountIds),
  };
  expect(after).toEqual(before);
  expect(after.ledger.ledger.ok).toBe(true);
  return response;
}
