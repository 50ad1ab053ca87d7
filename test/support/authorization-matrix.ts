import { ROLES, type Role } from '../../src/common/roles.js';

/**
 * The expected answer of every endpoint of the API, by role. Written by hand from the controllers'
 * @Roles/@Public decorators (src/**\/*.controller.ts) and, where a controller leaves the role open
 * but its service refuses some roles, from the service (marked `byService`). The authorization
 * matrix test checks this table against the OpenAPI document both ways: an endpoint in the document
 * without a row here fails, and so does a row for an endpoint that no longer exists.
 *
 * Keys are `METHOD /path` with the path as the OpenAPI document names it, without the /api/v1 prefix.
 */
export interface EndpointExpectation {
  /** Answers without a token (and then also with any role's token). */
  public?: true;
  /** Public, but takes the refresh cookie instead of a bearer token: without it, 401 SESSION_REQUIRED. */
  refreshCookie?: true;
  /** Roles that get past authorization; every other role gets 403 FORBIDDEN. */
  roles: readonly Role[];
  /** The role restriction comes from the service, not from a @Roles decorator (documented here so a reader knows where to look). */
  byService?: string;
}

const ALL = ROLES;
const OVERSEERS: readonly Role[] = ['admin', 'treasurer'];

export const AUTHORIZATION_MATRIX: Record<string, EndpointExpectation> = {
  // health, auth, users
  'GET /health': { public: true, roles: ALL },
  'POST /auth/login': { public: true, roles: ALL },
  'POST /auth/refresh': { public: true, refreshCookie: true, roles: ALL },
  'POST /auth/logout': { public: true, roles: ALL },
  'GET /auth/me': { roles: ALL },
  // every user changes their own password (the current one required)
  'POST /auth/password': { roles: ALL },
  // the one-time code of an admin's reset is the credential; throttled as logins are
  'POST /auth/password-reset': { public: true, roles: ALL },
  'POST /users': { roles: ['admin'] },
  'GET /users': { roles: ['admin'] },
  'POST /users/{id}/disable': { roles: ['admin'] },
  'POST /users/{id}/enable': { roles: ['admin'] },
  'PUT /users/{id}/role': { roles: ['admin'] },
  'POST /users/{id}/password-reset': { roles: ['admin'] },
  // the admin for anyone, every other user for themselves only (another user's id answers 404)
  'POST /users/{id}/sessions/revoke': { roles: ALL },

  // privacy: the volunteer's own data, always the caller's (no id in the path)
  'GET /me/data': { roles: ['volunteer'] },
  'PATCH /me/profile': { roles: ['volunteer'] },
  'POST /me/erasure': { roles: ['volunteer'] },

  // parties
  'POST /parties': { roles: ['admin'] },
  'GET /parties': { roles: ALL },
  'GET /parties/{id}': { roles: ALL },
  'PATCH /parties/{id}': { roles: ['admin'] },
  'GET /parties/{id}/accounts': { roles: ALL },
  'GET /public/organisations': { public: true, roles: ALL },

  // ledger
  'GET /accounts/{id}': { roles: ALL },
  'GET /accounts/{id}/postings': { roles: ALL },
  'PUT /accounts/{id}/policy': { roles: ['admin'] },
  'POST /transfers': { roles: ALL },
  'POST /transfers/batch': { roles: ['org_manager', 'business_operator', 'volunteer'] },
  'POST /entries': { roles: ['treasurer'] },
  'GET /entries/{id}': { roles: ALL },
  'POST /entries/{id}/reversal': { roles: ['treasurer'] },
  'POST /holds': { roles: ALL },
  'GET /holds/{id}': { roles: ALL },
  'POST /holds/{id}/post': { roles: ALL },
  'POST /holds/{id}/void': { roles: ALL },

  // treasury (TreasuryLedgerController: @Roles('treasurer') on the class; TreasuryController: treasurer, admin)
  'GET /treasury/reconciliation': { roles: ['treasurer'] },
  'GET /treasury/reconciliation/last': { roles: ['treasurer'] },
  'POST /treasury/issue': { roles: ['treasurer'] },
  'POST /treasury/periods/{period}/close': { roles: ['treasurer'] },
  'POST /treasury/retire': { roles: ['treasurer'] },
  'GET /treasury/trial-balance': { roles: OVERSEERS },
  'GET /treasury/periods': { roles: OVERSEERS },
  'GET /treasury/statements': { roles: OVERSEERS },
  'GET /treasury/statements/{accountId}': { roles: OVERSEERS },
  'GET /treasury/export': { roles: OVERSEERS },
  'GET /treasury/audit-log': { roles: OVERSEERS },
  // credit limits with four eyes (CreditLimitsController: admin and treasurer; the approver is the other role)
  'POST /treasury/credit-limits': { roles: OVERSEERS },
  'GET /treasury/credit-limits': { roles: OVERSEERS },
  'POST /treasury/credit-limits/{id}/approve': { roles: OVERSEERS },
  'POST /treasury/credit-limits/{id}/reject': { roles: OVERSEERS },

  // volunteering
  'POST /time-claims': { roles: ['volunteer'] },
  'GET /time-claims': { roles: ['volunteer', 'org_manager', 'admin', 'treasurer'] },
  'POST /time-claims/bulk': { roles: ['org_manager'] },
  'GET /time-claims/{id}': { roles: ['volunteer', 'org_manager', 'admin', 'treasurer'] },
  'POST /time-claims/{id}/approve': { roles: ['org_manager'] },
  'POST /time-claims/{id}/reject': { roles: ['org_manager'] },
  'POST /time-claims/{id}/withdraw': { roles: ['volunteer'] },
  'POST /time-claims/{id}/revoke': { roles: ['org_manager', 'treasurer'] },
  'GET /volunteering/hour-rate-range': { roles: ALL },
  'PUT /volunteering/hour-rate-range': { roles: ['admin'] },
  'GET /organisations/{id}/hour-rate': { roles: ALL },
  'PUT /organisations/{id}/hour-rate': { roles: ['admin', 'org_manager'] },

  // passes
  'POST /passes': { roles: ['admin', 'treasurer', 'volunteer'] },
  'GET /passes': { roles: ['admin', 'treasurer', 'volunteer'] },
  'GET /passes/{number}': { roles: ['admin', 'treasurer', 'volunteer'] },
  'GET /passes/{number}/qr': { roles: ['admin', 'treasurer', 'volunteer'] },
  'POST /passes/{number}/block': { roles: ['admin', 'treasurer', 'volunteer'] },
  'PUT /passes/{number}/pin': { roles: ['volunteer'] },
  'DELETE /passes/{number}/pin': { roles: ['volunteer'] },

  // offers
  'POST /offers': { roles: ['business_operator'] },
  'GET /offers': { public: true, roles: ALL },
  'GET /offers/managed': { roles: ['business_operator', 'admin', 'treasurer'] },
  'GET /offers/{id}': { public: true, roles: ALL },
  'PATCH /offers/{id}': { roles: ['business_operator'] },
  'GET /offers/{id}/value-history': { roles: ['treasurer', 'admin', 'business_operator'] },
  'GET /offer-policy': { roles: ALL },
  'PUT /offer-policy': { roles: ['treasurer'] },

  // redemptions
  'POST /redemptions': { roles: ['business_operator'] },
  'GET /redemptions': { roles: ['business_operator', 'volunteer', 'admin', 'treasurer'] },
  'GET /redemptions/summary': { roles: ['business_operator', 'admin', 'treasurer'] },
  'GET /redemptions/{id}': { roles: ['business_operator', 'volunteer', 'admin', 'treasurer'] },
  'POST /redemptions/{id}/void': { roles: ['business_operator'] },
  'POST /redemptions/{id}/reversal': { roles: ['treasurer'] },

  // fiscal limits and pass policy
  'GET /fiscal/limits': { roles: ALL },
  'PUT /fiscal/limits/{year}': { roles: ['admin'] },
  'PUT /fiscal/guardrail': { roles: ['admin'] },
  'GET /fiscal/overview': { roles: ['volunteer', 'admin', 'treasurer'] },
  'GET /pass-policy': { roles: ALL },
  'PUT /pass-policy': { roles: ['admin', 'treasurer'] },

  // catalogue
  'POST /listings': { roles: ['org_manager', 'business_operator'] },
  'GET /listings': { roles: ALL },
  'GET /listings/{id}': { roles: ALL },
  'PATCH /listings/{id}': { roles: ['org_manager', 'business_operator'] },
  'GET /listings/{id}/availability': { roles: ALL },
  'GET /listings/{id}/calendar': { roles: ALL },
  'POST /listings/{id}/blocked-periods': { roles: ['org_manager', 'business_operator'] },
  'DELETE /listings/{id}/blocked-periods/{blockedPeriodId}': {
    roles: ['org_manager', 'business_operator'],
  },
  'POST /bookings': { roles: ALL },
  'GET /bookings': { roles: ALL },
  'GET /bookings/{id}': { roles: ALL },
  'POST /bookings/{id}/confirm': { roles: ALL },
  'POST /bookings/{id}/decline': { roles: ALL },
  'POST /bookings/{id}/cancel': { roles: ALL },
  'POST /bookings/{id}/check-out': { roles: ALL },
  'POST /bookings/{id}/return': { roles: ALL },
  'POST /bookings/{id}/complete': { roles: ALL },
  'POST /bookings/{id}/refund': { roles: ['org_manager', 'business_operator', 'treasurer'] },

  // reports
  'GET /reports/sponsorship': {
    roles: ['business_operator', 'admin', 'treasurer'],
    byService: 'ReportsService.sponsorshipReport',
  },
  'GET /reports/impact': {
    roles: ['org_manager', 'admin', 'treasurer'],
    byService: 'ReportsService.impactReport',
  },
  'GET /public/transparency': { public: true, roles: ALL },
};

/** Served without a token but outside the OpenAPI document: the documentation itself. */
export const PUBLIC_DOCUMENTATION = ['/api/docs', '/api/docs-json'] as const;
