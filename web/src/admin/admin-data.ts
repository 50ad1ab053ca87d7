export const adminKeys = {
  parties: ['admin', 'parties'] as const,
  users: ['admin', 'users'] as const,
  creditProposals: ['admin', 'credit-proposals'] as const,
  partyAccounts: (partyId: string) => ['admin', 'party-accounts', partyId] as const,
  partyPasses: (partyId: string) => ['admin', 'party-passes', partyId] as const,
  hourRate: (organisationId: string) => ['admin', 'hour-rate', organisationId] as const,
  hourRates: ['admin', 'hour-rates'] as const,
  passPolicy: ['admin', 'pass-policy'] as const,
  fiscal: ['admin', 'fiscal'] as const,
  offerPolicy: ['admin', 'offer-policy'] as const,
};

/** As the API knows them (src/parties/entities/party.entity.ts, src/common/roles.ts). */
export const PARTY_KINDS = ['organisation', 'volunteer', 'business', 'institution'] as const;
export const DISTRICTS = [
  'noord-west',
  'noord-oost',
  'zuid-west-centrum',
  'zuid-oost',
  'city-wide',
] as const;
export const ROLES = [
  'admin',
  'treasurer',
  'org_manager',
  'business_operator',
  'volunteer',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export type Role = (typeof ROLES)[number];

/** The kind of party a role works for; null: none (admin, treasurer). As the API checks it. */
export const PARTY_KIND_OF_ROLE: Record<Role, PartyKind | null> = {
  admin: null,
  treasurer: null,
  org_manager: 'organisation',
  business_operator: 'business',
  volunteer: 'volunteer',
};

/**
 * An amount as the API takes it ("1.50") from what a person types ("1,5", " 2 "), or null when it
 * is no amount of at least zero with at most two decimals.
 */
export function normaliseAmount(text: string): string | null {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return `${match[1].replace(/^0+(?=\d)/, '')}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/**
 * The credit limit as the API takes it (the lowest balance, zero or below: "-150.00") from how far
 * below zero a person says the organisation may go ("150", "−150", "75,5"), or null.
 */
export function creditLimitFromInput(text: string): string | null {
  const amount = normaliseAmount(text.trim().replace(/^[-−]\s*/, ''));
  if (amount === null) return null;
  return Number(amount) === 0 ? '0.00' : `-${amount}`;
}

/** Who may approve a proposal: a person of the other role than its proposer, never the proposer. */
export function mayApprove(
  proposal: { proposedBy: string; proposedRole: string },
  me: { id: string; role: string },
): boolean {
  return proposal.proposedBy !== me.id && proposal.proposedRole !== me.role;
}
