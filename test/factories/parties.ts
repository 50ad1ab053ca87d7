import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import type { Role } from '../../src/common/roles.js';
import type { District, PartyKind } from '../../src/parties/entities/party.entity.js';
import { login, type Session } from './sessions.js';

export const FACTORY_PASSWORD = 'factory-password-1';

/** A new party made by the admin over HTTP, with its STK account. */
export async function createParty(
  http: TestAgent,
  admin: Session,
  overrides: { kind?: PartyKind; name?: string; district?: District } = {},
): Promise<{ id: string; accountId: string; name: string }> {
  const name = overrides.name ?? `Testpartij ${randomUUID().slice(0, 8)}`;
  const party = await http
    .post('/api/v1/parties')
    .set(admin.auth)
    .send({
      kind: overrides.kind ?? 'organisation',
      name,
      district: overrides.district ?? 'noord-oost',
    })
    .expect(201);
  const accounts = await http
    .get(`/api/v1/parties/${party.body.id}/accounts`)
    .set(admin.auth)
    .expect(200);
  return { id: party.body.id, accountId: accounts.body[0].id, name };
}

/** A new user of a party, logged in. */
export async function createMember(
  http: TestAgent,
  admin: Session,
  partyId: string | null,
  role: Role,
): Promise<Session> {
  const email = `${role}-${randomUUID().slice(0, 8)}@factory.test`;
  await http
    .post('/api/v1/users')
    .set(admin.auth)
    .send({
      email,
      password: FACTORY_PASSWORD,
      role,
      displayName: `Factory ${role}`,
      ...(partyId ? { partyId } : {}),
    })
    .expect(201);
  return login(http, email, FACTORY_PASSWORD);
}
