import { isOverseer, type Role } from '../common/roles.js';
import { ForbiddenError } from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { CatalogueForbiddenError } from './catalogue.errors.js';

/**
 * Who may do what in the catalogue. Organisations and institutions (org_manager) and businesses
 * (business_operator) offer and book services; volunteers spend their Steerkes with the
 * voordeelpas instead and do not book; admins and treasurers oversee (read) but act for no party.
 */
const MEMBER_ROLES: readonly Role[] = ['org_manager', 'business_operator'];

/** The party the actor offers or books for, or a refusal that says why not. */
export function actingPartyOf(actor: AuthenticatedUser, as: 'provider' | 'booker'): string {
  if (actor.role === 'volunteer')
    throw new CatalogueForbiddenError(as === 'booker' ? 'booker-kind' : 'provider-kind');
  if (!MEMBER_ROLES.includes(actor.role) || actor.partyId === null)
    throw new ForbiddenError('ROLE_REQUIRED');
  return actor.partyId;
}

export function isMemberOf(actor: AuthenticatedUser, partyId: string): boolean {
  return actor.partyId !== null && actor.partyId === partyId && MEMBER_ROLES.includes(actor.role);
}

/** A booking is seen by its booker's and its provider's members, and by admins and treasurers. */
export function maySeeBooking(
  actor: AuthenticatedUser,
  booking: { bookerPartyId: string; providerPartyId: string },
): boolean {
  return (
    isOverseer(actor.role) ||
    actor.partyId === booking.bookerPartyId ||
    actor.partyId === booking.providerPartyId
  );
}

export function assertProviderMember(actor: AuthenticatedUser, providerPartyId: string): void {
  if (!isMemberOf(actor, providerPartyId)) throw new CatalogueForbiddenError('not-provider');
}
