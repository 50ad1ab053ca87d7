import { UsersService } from '../src/auth/users.service.js';
import type { User } from '../src/auth/entities/user.entity.js';
import { localDate } from '../src/common/calendar.js';
import { Clock } from '../src/common/clock.js';
import type { AuthenticatedUser } from '../src/common/http/request-context.js';
import { scopedIdempotencyKey } from '../src/common/http/idempotency-key.decorator.js';
import { BulkTimeClaimsService } from '../src/volunteering/bulk-time-claims.service.js';
import { TimeClaimsService } from '../src/volunteering/time-claims.service.js';
import { Idempotency } from '../src/database/idempotency.js';
import { VOLUNTEERING_IDEMPOTENCY_SCOPE } from '../src/volunteering/volunteering.limits.js';
import { demoId, type ServiceLookup } from './load-demo-data.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The demo's present: Anouk's claims waiting for Buurtcentrum Malberg and Sportvereniging
 * Pottenberg (so that org@steerkes.test has something to approve), one of hers of today approved
 * and paid, and a buurtfeest that Stichting Jekerkwartier Leeft recorded for Eva, Fatima and Daan
 * in one go, approved and paid. Dates count back from today, so the claims are always recent. Each is keyed by its Idempotency-Key: what a key made once is never made again,
 * even on a later day.
 */
const DEMO_CLAIMS = [
  {
    key: 'demo:claim:anouk-huiswerk',
    organisationKey: 'malberg',
    daysAgo: 3,
    hours: '2.50',
    activity: 'Huiswerkbegeleiding',
  },
  {
    key: 'demo:claim:anouk-koffieochtend',
    organisationKey: 'malberg',
    daysAgo: 1,
    hours: '1.75',
    activity: 'Koffieochtend',
  },
  {
    key: 'demo:claim:anouk-jeugdtraining',
    organisationKey: 'pottenberg',
    daysAgo: 2,
    hours: '1.50',
    activity: 'Jeugdtraining',
  },
];
/**
 * A claim of Anouk's of today, approved and paid by Malberg: she has approved hours in the current
 * calendar year (the fiscal guardrail's hours limit) even when the demo first starts in January,
 * so that her pass can be redeemed at the counter at once.
 */
const DEMO_PAID_CLAIM = {
  key: 'demo:claim:anouk-opruimen',
  organisationKey: 'malberg',
  daysAgo: 0,
  hours: '2.00',
  activity: 'Opruimen na de koffieochtend',
};
const DEMO_ACTIVITY = {
  key: 'demo:bulk:jekerkwartier-buurtfeest',
  organisationKey: 'jekerkwartier',
  daysAgo: 6,
  activity: 'Buurtfeest Jekerkwartier opbouwen',
  participants: [
    { volunteerKey: 'eva', hours: '3.00' },
    { volunteerKey: 'fatima', hours: '2.50' },
    { volunteerKey: 'daan', hours: '1.25' },
  ],
};

/**
 * Each buurtfeest participant's own first claim with Jekerkwartier, approved, well before the
 * buurtfeest: bulk records hours only for volunteers who worked for the organisation before.
 */
const DEMO_FIRST_CLAIM = { daysAgo: 10, hours: '1.00', activity: 'Kennismaking: eerste klus' };

export async function loadVolunteeringDemo(services: ServiceLookup): Promise<number> {
  const users = services.get(UsersService, { strict: false });
  const volunteer = await users.findByEmail('volunteer@steerkes.test');
  if (!volunteer) return 0;
  const loader = new VolunteeringDemoLoader(
    services,
    actorOf(volunteer),
    coordinatorOf(DEMO_ACTIVITY.organisationKey),
  );
  let created = 0;
  for (const claim of DEMO_CLAIMS) created += await loader.claim(claim);
  created += await loader.paidClaim(coordinatorOf(DEMO_PAID_CLAIM.organisationKey));
  return created + (await loader.activity());
}

function actorOf(user: User): AuthenticatedUser {
  return { id: user.id, email: user.email, role: user.role, partyId: user.partyId };
}

/**
 * The coordinator of a demo organisation without a demo login. Its decisions carry a stable demo
 * id that is no user: nobody can log in as it.
 */
function coordinatorOf(organisationKey: string): AuthenticatedUser {
  return {
    id: demoId(`coordinator:${organisationKey}`),
    email: `coordinator-${organisationKey}@steerkes.test`,
    role: 'org_manager',
    partyId: demoId(organisationKey),
  };
}

class VolunteeringDemoLoader {
  private readonly claims: TimeClaimsService;
  private readonly bulk: BulkTimeClaimsService;
  private readonly idempotency: Idempotency;
  private readonly clock: Clock;

  constructor(
    services: ServiceLookup,
    private readonly volunteer: AuthenticatedUser,
    private readonly coordinator: AuthenticatedUser,
  ) {
    this.claims = services.get(TimeClaimsService, { strict: false });
    this.bulk = services.get(BulkTimeClaimsService, { strict: false });
    this.idempotency = services.get(Idempotency, { strict: false });
    this.clock = services.get(Clock, { strict: false });
  }

  /** Submits the claim unless its key made it before. */
  async claim(demo: (typeof DEMO_CLAIMS)[number]): Promise<number> {
    if (
      await this.idempotency.stored({
        scope: VOLUNTEERING_IDEMPOTENCY_SCOPE,
        key: scopedIdempotencyKey(this.volunteer.id, demo.key),
      })
    )
      return 0;
    const input = {
      organisationId: demoId(demo.organisationKey),
      date: this.daysAgo(demo.daysAgo),
      hours: demo.hours,
      activity: demo.activity,
    };
    await this.claims.submit(this.volunteer, input, demo.key);
    return 1;
  }

  /** Submits the paid claim and approves it, unless its key made it before. */
  async paidClaim(coordinator: AuthenticatedUser): Promise<number> {
    if (
      await this.idempotency.stored({
        scope: VOLUNTEERING_IDEMPOTENCY_SCOPE,
        key: scopedIdempotencyKey(this.volunteer.id, DEMO_PAID_CLAIM.key),
      })
    )
      return 0;
    const input = {
      organisationId: demoId(DEMO_PAID_CLAIM.organisationKey),
      date: this.daysAgo(DEMO_PAID_CLAIM.daysAgo),
      hours: DEMO_PAID_CLAIM.hours,
      activity: DEMO_PAID_CLAIM.activity,
    };
    const submitted = await this.claims.submit(this.volunteer, input, DEMO_PAID_CLAIM.key);
    await this.claims.approve(coordinator, submitted.result.id, `${DEMO_PAID_CLAIM.key}:approve`);
    return 2;
  }

  /** Records the buurtfeest unless its key recorded it before: the activity and one paid claim per participant. */
  async activity(): Promise<number> {
    if (
      await this.idempotency.stored({
        scope: VOLUNTEERING_IDEMPOTENCY_SCOPE,
        key: scopedIdempotencyKey(this.coordinator.id, DEMO_ACTIVITY.key),
      })
    )
      return 0;
    let firstClaims = 0;
    for (const participant of DEMO_ACTIVITY.participants)
      firstClaims += await this.firstClaim(participant.volunteerKey);
    const participants = DEMO_ACTIVITY.participants.map((participant) => ({
      volunteerId: demoId(participant.volunteerKey),
      hours: participant.hours,
    }));
    const recorded = await this.bulk.record(
      this.coordinator,
      { date: this.daysAgo(DEMO_ACTIVITY.daysAgo), activity: DEMO_ACTIVITY.activity, participants },
      DEMO_ACTIVITY.key,
    );
    return firstClaims + 1 + recorded.result.claims.length;
  }

  /** The volunteer's own first claim with the organisation, approved by its coordinator. */
  private async firstClaim(volunteerKey: string): Promise<number> {
    const volunteer: AuthenticatedUser = {
      id: demoId(`volunteer-user:${volunteerKey}`),
      email: `${volunteerKey}@steerkes.test`,
      role: 'volunteer',
      partyId: demoId(volunteerKey),
    };
    const key = `demo:claim:${volunteerKey}-first`;
    const input = {
      organisationId: demoId(DEMO_ACTIVITY.organisationKey),
      date: this.daysAgo(DEMO_FIRST_CLAIM.daysAgo),
      hours: DEMO_FIRST_CLAIM.hours,
      activity: DEMO_FIRST_CLAIM.activity,
    };
    const submitted = await this.claims.submit(volunteer, input, key);
    if (submitted.replayed) return 0;
    await this.claims.approve(this.coordinator, submitted.result.id, `${key}:approve`);
    return 2;
  }

  private daysAgo(days: number): string {
    return localDate(new Date(this.clock.now().getTime() - days * DAY_MS));
  }
}
