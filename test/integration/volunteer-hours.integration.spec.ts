import { randomUUID } from 'node:crypto';
import { Database } from '../../src/database/database.service.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import {
  TimeClaim,
  type TimeClaimStatus,
} from '../../src/volunteering/entities/time-claim.entity.js';
import { VolunteerHours } from '../../src/volunteering/volunteer-hours.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/** The contract the passes module's fiscal guardrail relies on, on a real database. */
describe(`${VolunteerHours.name} (as VolunteeringModule provides it)`, () => {
  let context: TestContext;
  let hours: VolunteerHours;
  let database: Database;
  let volunteer: string;
  let otherVolunteer: string;
  let organisation: string;

  beforeAll(async () => {
    context = await createTestContext();
    hours = context.app.get(VolunteerHours);
    database = context.app.get(Database);
    const parties = context.app.get(PartiesService);
    volunteer = (
      await parties.create({ kind: 'volunteer', name: 'Vrijwilliger', district: 'zuid-oost' })
    ).id;
    otherVolunteer = (
      await parties.create({ kind: 'volunteer', name: 'Ander', district: 'zuid-oost' })
    ).id;
    organisation = (
      await parties.create({ kind: 'organisation', name: 'Stichting', district: 'zuid-oost' })
    ).id;
    const claim = (
      volunteerPartyId: string,
      claimDate: string,
      minutes: number,
      status: TimeClaimStatus,
    ): Partial<TimeClaim> => ({
      id: randomUUID(),
      volunteerPartyId,
      organisationPartyId: organisation,
      claimDate,
      minutes,
      activity: 'Test',
      status,
      createdAt: '2026-11-01T10:00:00.000Z',
    });
    await database.transaction((tx) =>
      tx.manager.insert(TimeClaim, [
        claim(volunteer, '2026-01-01', 150, 'approved'),
        claim(volunteer, '2026-06-15', 45, 'approved'),
        claim(volunteer, '2026-12-31', 60, 'approved'),
        claim(volunteer, '2025-12-31', 600, 'approved'),
        claim(volunteer, '2027-01-01', 600, 'approved'),
        claim(volunteer, '2026-06-15', 120, 'requested'),
        claim(volunteer, '2026-06-16', 120, 'rejected'),
        claim(volunteer, '2026-06-17', 120, 'withdrawn'),
        claim(otherVolunteer, '2026-06-15', 480, 'approved'),
      ]),
    );
  });
  afterAll(() => context.close());

  it('sums the approved hours whose claim date lies in the range, both ends included', async () => {
    const total = await hours.approvedHours(volunteer, '2026-01-01', '2026-12-31');
    expect(total.toFixed(2)).toBe('4.25');
  });

  it('counts neither requested, rejected and withdrawn claims nor other volunteers', async () => {
    expect((await hours.approvedHours(volunteer, '2026-06-15', '2026-06-17')).toFixed(2)).toBe(
      '0.75',
    );
    expect((await hours.approvedHours(otherVolunteer, '2026-01-01', '2026-12-31')).toFixed(2)).toBe(
      '8.00',
    );
  });

  it('answers zero for a volunteer without claims or a range without any', async () => {
    expect((await hours.approvedHours(randomUUID(), '2026-01-01', '2026-12-31')).isZero()).toBe(
      true,
    );
    expect((await hours.approvedHours(volunteer, '2026-02-01', '2026-02-28')).isZero()).toBe(true);
  });

  it('reads inside a caller’s transaction, seeing what it has not committed yet', async () => {
    await expect(
      database.transaction(async (tx) => {
        await tx.manager.insert(TimeClaim, {
          id: randomUUID(),
          volunteerPartyId: volunteer,
          organisationPartyId: organisation,
          claimDate: '2026-03-01',
          minutes: 30,
          activity: 'Uncommitted',
          status: 'approved',
          createdAt: '2026-11-01T10:00:00.000Z',
        });
        expect((await hours.approvedHours(volunteer, '2026-03-01', '2026-03-01')).toFixed(2)).toBe(
          '0.50',
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await hours.approvedHours(volunteer, '2026-03-01', '2026-03-01')).isZero()).toBe(true);
  });
});
