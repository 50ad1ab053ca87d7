import { AuditEvent } from './audit/audit-event.entity.js';
import { AuthSession } from './auth/entities/auth-session.entity.js';
import { User } from './auth/entities/user.entity.js';
import { CATALOGUE_ENTITIES } from './catalogue/catalogue.entities.js';
import { Party } from './parties/entities/party.entity.js';
import { PASSES_ENTITIES } from './passes/passes.entities.js';
import { TREASURY_ENTITIES } from './treasury/treasury.entities.js';
import { VOLUNTEERING_ENTITIES } from './volunteering/volunteering.entities.js';

/** Every TypeORM entity, listed by hand like the migrations; domain modules keep their own list. */
export const ENTITIES = [
  Party,
  User,
  AuthSession,
  AuditEvent,
  ...VOLUNTEERING_ENTITIES,
  ...PASSES_ENTITIES,
  ...CATALOGUE_ENTITIES,
  ...TREASURY_ENTITIES,
];
