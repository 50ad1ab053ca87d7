import type TestAgent from 'supertest/lib/agent.js';
import { DEMO_PASSWORD } from '../../seeds/demo-data.js';
import type { Role } from '../../src/common/roles.js';

export const DEMO_EMAIL: Record<Role, string> = {
  admin: 'admin@steerkes.test',
  treasurer: 'treasurer@steerkes.test',
  org_manager: 'org@steerkes.test',
  business_operator: 'business@steerkes.test',
  volunteer: 'volunteer@steerkes.test',
};

export interface Session {
  token: string;
  userId: string;
  partyId: string | null;
  auth: { Authorization: string };
}

export async function login(
  http: TestAgent,
  email: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const response = await http.post('/api/v1/auth/login').send({ email, password }).expect(200);
  const { accessToken, user } = response.body as {
    accessToken: string;
    user: { id: string; partyId: string | null };
  };
  return {
    token: accessToken,
    userId: user.id,
    partyId: user.partyId,
    auth: { Authorization: `Bearer ${accessToken}` },
  };
}

/** A session for each demo role. */
export async function loginAllRoles(http: TestAgent): Promise<Record<Role, Session>> {
  const entries = await Promise.all(
    (Object.entries(DEMO_EMAIL) as Array<[Role, string]>).map(
      async ([role, email]) => [role, await login(http, email)] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<Role, Session>;
}
