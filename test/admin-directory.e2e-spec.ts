import { DataSource } from 'typeorm';
import type { Role } from '../src/common/roles.js';
import { createMember, createParty } from './factories/parties.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 14, the admin's pages: the admin lists the users (GET /users) and corrects a party
 * (PATCH /parties/{id}). Other roles are refused and a refusal writes nothing.
 */
const API = '/api/v1';
const OTHER_ROLES = ['treasurer', 'org_manager', 'business_operator', 'volunteer'] as const;

describe('Story: the admin sees every user and corrects a party', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  const http = () => testApp.http;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  afterAll(() => testApp.close());

  const query = <T>(sql: string, parameters: unknown[] = []): Promise<T[]> =>
    testApp.app.get(DataSource).query(sql, parameters);
  const placeholder = () => (testApp.database.configuration.kind === 'postgres' ? '$1' : '?');

  const partyRow = (id: string) =>
    query(
      `SELECT name, district, contact_email, description, birth_date FROM parties WHERE id = ${placeholder()}`,
      [id],
    );
  const auditCount = async () =>
    Number((await query<{ n: number | string }>('SELECT COUNT(*) AS n FROM audit_events'))[0].n);

  it('lists every user, oldest first, without secrets; narrows by role and party; pages', async () => {
    const party = await createParty(http(), roles.admin, { kind: 'organisation' });
    const manager = await createMember(http(), roles.admin, party.id, 'org_manager');

    const all = await http().get(`${API}/users?limit=100`).set(roles.admin.auth).expect(200);
    const ids = all.body.items.map((user: { id: string }) => user.id);
    expect(ids).toEqual(expect.arrayContaining(OTHER_ROLES.map((role) => roles[role].userId)));
    expect(ids).toContain(manager.userId);
    for (const user of all.body.items) {
      expect(Object.keys(user).sort()).toEqual(
        ['createdAt', 'disabled', 'displayName', 'email', 'id', 'partyId', 'role'].sort(),
      );
    }

    const ofParty = await http()
      .get(`${API}/users?partyId=${party.id}`)
      .set(roles.admin.auth)
      .expect(200);
    expect(ofParty.body.items).toEqual([
      expect.objectContaining({ id: manager.userId, role: 'org_manager', partyId: party.id }),
    ]);

    const treasurers = await http()
      .get(`${API}/users?role=treasurer`)
      .set(roles.admin.auth)
      .expect(200);
    expect(treasurers.body.items.length).toBeGreaterThan(0);
    expect(treasurers.body.items.every((user: { role: string }) => user.role === 'treasurer')).toBe(
      true,
    );

    const first = await http().get(`${API}/users?limit=2`).set(roles.admin.auth).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await http()
      .get(`${API}/users?limit=2&cursor=${first.body.nextCursor}`)
      .set(roles.admin.auth)
      .expect(200);
    expect(second.body.items[0].id).toBe(ids[2]);
  });

  it('refuses the list of users to every other role (403) and bad filters (400)', async () => {
    for (const role of OTHER_ROLES) {
      const refused = await http().get(`${API}/users`).set(roles[role].auth).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    const badRole = await http().get(`${API}/users?role=mayor`).set(roles.admin.auth).expect(400);
    expect(badRole.body.errors[0]).toMatchObject({ field: 'role' });
    const badParty = await http()
      .get(`${API}/users?partyId=not-a-uuid`)
      .set(roles.admin.auth)
      .expect(400);
    expect(badParty.body.errors[0]).toMatchObject({ field: 'partyId' });
  });

  it('corrects a party: changed fields only, null clears, kind stays; audited by field name', async () => {
    const party = await createParty(http(), roles.admin, { kind: 'volunteer' });
    const updated = await http()
      .patch(`${API}/parties/${party.id}`)
      .set(roles.admin.auth)
      .send({
        name: '  Anouk Janssen ',
        district: 'zuid-west-centrum',
        contactEmail: 'Anouk@Example.NL',
        birthDate: '2001-05-06',
      })
      .expect(200);
    expect(updated.body).toMatchObject({
      id: party.id,
      kind: 'volunteer',
      name: 'Anouk Janssen',
      district: 'zuid-west-centrum',
      contactEmail: 'anouk@example.nl',
      description: null,
      birthDate: '2001-05-06',
    });
    const cleared = await http()
      .patch(`${API}/parties/${party.id}`)
      .set(roles.admin.auth)
      .send({ contactEmail: null, name: 'Anouk Janssen' })
      .expect(200);
    expect(cleared.body).toMatchObject({ name: 'Anouk Janssen', contactEmail: null });
    expect(await partyRow(party.id)).toEqual([
      {
        name: 'Anouk Janssen',
        district: 'zuid-west-centrum',
        contact_email: null,
        description: null,
        birth_date: '2001-05-06',
      },
    ]);

    const events = await query<{ action: string; actor_id: string; details: unknown }>(
      `SELECT action, actor_id, details FROM audit_events WHERE subject_id = ${placeholder()} ORDER BY occurred_at, id`,
      [party.id],
    );
    const updates = events.filter((event) => event.action === 'party.updated');
    const changedOf = (details: unknown) =>
      (typeof details === 'string' ? JSON.parse(details) : details) as { changed: string[] };
    expect(updates.map((event) => changedOf(event.details).changed.sort())).toEqual(
      expect.arrayContaining([['birthDate', 'contactEmail', 'district', 'name'], ['contactEmail']]),
    );
    expect(updates).toHaveLength(2);
    expect(updates.every((event) => event.actor_id === roles.admin.userId)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('anouk@example.nl');

    const before = await auditCount();
    await http().patch(`${API}/parties/${party.id}`).set(roles.admin.auth).send({}).expect(200);
    expect(await auditCount()).toBe(before);
  });

  it('refuses other roles (403), bad input (400) and an unknown party (404), writing nothing', async () => {
    const party = await createParty(http(), roles.admin, { kind: 'organisation' });
    const row = await partyRow(party.id);
    const audit = await auditCount();
    for (const role of OTHER_ROLES) {
      const refused = await http()
        .patch(`${API}/parties/${party.id}`)
        .set(roles[role].auth)
        .send({ name: 'Overgenomen' })
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    const cases: Array<[Record<string, unknown>, string, string?]> = [
      [{ name: '   ' }, 'name'],
      [{ name: null }, 'name'],
      [{ district: 'amsterdam' }, 'district'],
      [{ contactEmail: 'geen-adres' }, 'contactEmail'],
      [{ kind: 'business' }, 'kind'],
      [{ birthDate: '2001-05-06' }, 'birthDate', 'BIRTH_DATE_VOLUNTEERS_ONLY'],
    ];
    for (const [body, field, code] of cases) {
      const refused = await http()
        .patch(`${API}/parties/${party.id}`)
        .set(roles.admin.auth)
        .send({ name: 'Wel een naam', ...body })
        .expect(400);
      expect(refused.body.errors[0]).toMatchObject({ field, ...(code ? { code } : {}) });
    }
    const volunteer = await createParty(http(), roles.admin, { kind: 'volunteer' });
    const volunteerAudit = await auditCount();
    const future = await http()
      .patch(`${API}/parties/${volunteer.id}`)
      .set(roles.admin.auth)
      .send({ birthDate: '2099-01-01' })
      .expect(400);
    expect(future.body.errors[0]).toMatchObject({
      field: 'birthDate',
      code: 'BIRTH_DATE_IN_FUTURE',
    });
    expect(await auditCount()).toBe(volunteerAudit);
    await http()
      .patch(`${API}/parties/00000000-0000-4000-8000-000000000000`)
      .set(roles.admin.auth)
      .send({ name: 'Niemand' })
      .expect(404);
    expect(await partyRow(party.id)).toEqual(row);
    expect(await auditCount()).toBe(volunteerAudit);
    expect(volunteerAudit - audit).toBe(1); // only the new volunteer's party.created
  });
});
