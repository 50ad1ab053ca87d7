import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { BookingLifecycleService } from '../src/catalogue/booking-lifecycle.service.js';
import { BookingsService } from '../src/catalogue/bookings.service.js';
import { atLocal } from '../src/catalogue/local-time.js';
import { Clock, isPinnable, type PinnableClock } from '../src/common/clock.js';
import { assertInvariant, DomainError } from '../src/common/errors/domain-error.js';
import type { AuthenticatedUser } from '../src/common/http/request-context.js';
import { Database } from '../src/database/database.service.js';
import { LedgerAccessService } from '../src/ledger/ledger-access.service.js';
import { LedgerQueries } from '../src/ledger/ledger-queries.service.js';
import { LedgerService } from '../src/ledger/ledger.service.js';
import { OffersService } from '../src/passes/offers.service.js';
import { RedemptionsService } from '../src/passes/redemptions.service.js';
import { scopedIdempotencyKey } from '../src/common/http/idempotency-key.decorator.js';
import { TimeClaimsService } from '../src/volunteering/time-claims.service.js';
import { Idempotency } from '../src/database/idempotency.js';
import { VOLUNTEERING_IDEMPOTENCY_SCOPE } from '../src/volunteering/volunteering.limits.js';
import { demoPassNumber } from './demo-passes.js';
import { demoId, type ServiceLookup } from './load-demo-data.js';

/**
 * A year of the demo's past, made through the real services with the clock held at each moment
 * in turn: every month each volunteer claims hours twice and their organisation approves and pays
 * them, volunteers spend Steerkes at the businesses with their pass, organisations and businesses
 * book each other's rooms, materials and help, and the treasurer closes each month but the last
 * two. The history covers the twelve whole months before the demo's first start; its first day
 * is the day the demo's parties were made (the fund's `createdAt`), so later starts find the same
 * dates. Every step has a stable idempotency key: running it again replays, and a history that
 * was completed (its last month is there) is skipped whole.
 */

export const DEMO_HISTORY_MONTHS = 12;
/** The newest months stay open: a treasurer closes a month some weeks after its end, and tests close them. */
const OPEN_MONTHS_AT_THE_END = 2;
const ZONE = 'Europe/Amsterdam';

/** Each demo volunteer's organisation and the two things they do there. */
const VOLUNTEER_WORK: Array<{
  volunteerKey: string;
  organisationKey: string;
  activities: [string, string];
}> = [
  {
    volunteerKey: 'anouk',
    organisationKey: 'malberg',
    activities: ['Huiswerkbegeleiding', 'Koffieochtend'],
  },
  {
    volunteerKey: 'bram',
    organisationKey: 'malberg',
    activities: ['Koffieochtend', 'Zaal opruimen'],
  },
  {
    volunteerKey: 'chantal',
    organisationKey: 'wittevrouwenveld',
    activities: ['Boodschappendienst', 'Maaltijden rondbrengen'],
  },
  {
    volunteerKey: 'daan',
    organisationKey: 'limmel',
    activities: ['Jeugdrepetitie begeleiden', 'Concert opbouwen'],
  },
  {
    volunteerKey: 'eva',
    organisationKey: 'jekerkwartier',
    activities: ['Groenonderhoud', 'Middag voor ouderen'],
  },
  {
    volunteerKey: 'fatima',
    organisationKey: 'repaircafe',
    activities: ['Repair Café', 'Naaimachines repareren'],
  },
  {
    volunteerKey: 'gijs',
    organisationKey: 'heeg',
    activities: ['Kookavond De Heeg', 'Zaal klaarzetten'],
  },
  {
    volunteerKey: 'hanna',
    organisationKey: 'heer',
    activities: ['Zadenbank sorteren', 'Tuinonderhoud'],
  },
];
/** Anouk also helps Sportvereniging Pottenberg every other month. */
const SECOND_ORGANISATION: Record<string, { organisationKey: string; activity: string }> = {
  anouk: { organisationKey: 'pottenberg', activity: 'Jeugdtraining' },
};

/** What volunteers buy: small things every month, something larger now and then. [business key, offer key]. */
const EVERYDAY_OFFERS: Array<[string, string]> = [
  ['bonenhuis', 'koffie'],
  ['zwembad', 'baantjes'],
  ['boekhandel', 'boek'],
];
const LARGER_OFFERS: Array<[string, string]> = [
  ['bonenhuis', 'bonen'],
  ['bakkerij', 'vlaai'],
  ['fietsenmaker', 'fietsbeurt'],
];
/**
 * The counter's refusals a volunteer may meet in the demo's past (the fiscal room used up, the
 * yearly bicycle service already had): the purchase does not happen. The redemption service
 * checks these before it writes anything, so they can be caught inside the month's transaction.
 * Whether the pass's Steerkes suffice is asked before (the ledger refuses while it writes).
 */
const PURCHASE_REFUSALS = new Set([
  'FISCAL_LIMIT_REACHED',
  'OFFER_PER_PASS_LIMIT_REACHED',
  'OFFER_OUT_OF_STOCK',
  'PASS_DAILY_LIMIT_REACHED',
]);

/** The shared services used in turn, one a month. */
type BookingPlan = (month: string) => {
  key: string;
  bookerKey: string;
  bookerRole: 'org_manager' | 'business_operator';
  providerKey: string;
  listingKey: string;
  steps: BookingStep[];
};
type BookingStep =
  | { kind: 'create'; at: string; startsAt: string; endsAt: string; persons?: number; note: string }
  | { kind: 'confirm' | 'check-out'; at: string }
  | { kind: 'return'; at: string }
  | { kind: 'complete'; at: string; hoursGiven?: string };

const BOOKINGS: BookingPlan[] = [
  // Buurtcentrum Malberg borrows Jekerkwartier's party tent for a Saturday.
  (month) => {
    const saturday = weekdayOnOrAfter(`${month}-08`, 6);
    return {
      key: `partytent:${month}`,
      bookerKey: 'malberg',
      bookerRole: 'org_manager',
      providerKey: 'jekerkwartier',
      listingKey: 'jekerkwartier-partytent',
      steps: [
        {
          kind: 'create',
          at: `${plusDays(saturday, -5)}T10:00`,
          startsAt: saturday,
          endsAt: plusDays(saturday, 1),
          note: 'Buurtfeest Malberg',
        },
        { kind: 'check-out', at: `${plusDays(saturday, -1)}T17:00` },
        { kind: 'return', at: `${plusDays(saturday, 1)}T11:00` },
      ],
    };
  },
  // Het Bonenhuis holds its reading evening in Malberg's main hall.
  (month) => {
    const wednesday = weekdayOnOrAfter(`${month}-08`, 3);
    return {
      key: `leesavond:${month}`,
      bookerKey: 'bonenhuis',
      bookerRole: 'business_operator',
      providerKey: 'malberg',
      listingKey: 'malberg-grote-zaal',
      steps: [
        {
          kind: 'create',
          at: `${plusDays(wednesday, -6)}T14:00`,
          startsAt: `${wednesday}T19:00`,
          endsAt: `${wednesday}T21:00`,
          persons: 30,
          note: 'Leesavond met koffie',
        },
        { kind: 'confirm', at: `${plusDays(wednesday, -5)}T09:30` },
        { kind: 'complete', at: `${wednesday}T21:45` },
      ],
    };
  },
  // Sportvereniging Pottenberg gets help with its books from the fund's treasurer.
  (month) => {
    const wednesday = weekdayOnOrAfter(`${month}-08`, 3);
    return {
      key: `jaarrekening:${month}`,
      bookerKey: 'pottenberg',
      bookerRole: 'org_manager',
      providerKey: 'fund',
      listingKey: 'fund-jaarrekening',
      steps: [
        {
          kind: 'create',
          at: `${plusDays(wednesday, -7)}T20:00`,
          startsAt: `${wednesday}T10:00`,
          endsAt: `${wednesday}T12:00`,
          note: 'Kascontrole en begroting',
        },
        { kind: 'confirm', at: `${plusDays(wednesday, -6)}T09:00` },
        { kind: 'complete', at: `${wednesday}T12:15`, hoursGiven: '2.00' },
      ],
    };
  },
];

/** Where the history stands: its first day, and whether this database should have one. */
export interface DemoHistoryPlan {
  /** The first moment of the history: the day the demo's parties were made. */
  start: Date;
  /** The demo's first start: the history ends before it. */
  end: Date;
  /** False for a demo made before the demo had a past: it keeps its present-only data. */
  wanted: boolean;
}

/**
 * The history's first moment: from the demo's first party when the demo exists (its parties were
 * made on the history's first day), else the first of the month twelve months ago, 09:00. Not
 * wanted (DEMO_HISTORY=off): the demo is the present only.
 */
export function planDemoHistory(
  now: Date,
  demoCreatedAt: string | null,
  wanted: boolean,
): DemoHistoryPlan {
  if (!wanted) return { start: now, end: now, wanted: false };
  if (demoCreatedAt !== null) {
    const start = new Date(demoCreatedAt);
    const end = DateTime.fromJSDate(start, { zone: ZONE })
      .plus({ months: DEMO_HISTORY_MONTHS })
      .toJSDate();
    // A demo of before the history was dated on its first start, within the last twelve months.
    return { start, end, wanted: end.getTime() <= now.getTime() };
  }
  const start = DateTime.fromJSDate(now, { zone: ZONE })
    .startOf('month')
    .minus({ months: DEMO_HISTORY_MONTHS })
    .set({ hour: 9 })
    .toJSDate();
  return { start, end: now, wanted: true };
}

/** Holds the application's clock at `moment` while `work` runs; at the time it showed before, after. */
export async function atMoment<T>(
  clock: Clock,
  moment: Date | null,
  work: () => Promise<T>,
): Promise<T> {
  if (moment === null) return work();
  const pinnable = pinnableClock(clock);
  pinnable.pin(moment);
  try {
    return await work();
  } finally {
    pinnable.unpin();
  }
}

function pinnableClock(clock: Clock): Clock & PinnableClock {
  assertInvariant(
    isPinnable(clock),
    'the demo loader needs a clock it can hold at a moment of the past',
  );
  return clock;
}

/** One dated step of the history. */
interface HistoryEvent {
  at: Date;
  /** Answers how many records it created (0 when it replayed or the counter refused it). */
  run: () => Promise<number>;
}

/**
 * Writes the history in date order, each step at its moment. Answers how many records it created.
 * `actorOf` gives the user who does a thing for a party: the demo login where there is one, else a
 * stable demo id that is no user (nobody can log in as it).
 */
export async function loadDemoHistory(
  services: ServiceLookup,
  plan: DemoHistoryPlan,
  actorOf: (partyKey: string, role: AuthenticatedUser['role']) => AuthenticatedUser,
  treasurer: AuthenticatedUser,
): Promise<number> {
  const clock = pinnableClock(services.get(Clock, { strict: false }));
  const months = Array.from({ length: DEMO_HISTORY_MONTHS }, (_, index) =>
    DateTime.fromJSDate(plan.start, { zone: ZONE })
      .startOf('month')
      .plus({ months: index })
      .toFormat('yyyy-MM'),
  );
  if (await historyIsComplete(services, actorOf, months[months.length - 1])) return 0;
  const lastClosed = months[months.length - 1 - OPEN_MONTHS_AT_THE_END];
  const closed = new Set(
    (await services.get(LedgerQueries, { strict: false }).closedPeriods()).map(
      (period) => period.period,
    ),
  );

  const steps = new HistorySteps(services, actorOf);
  const events: HistoryEvent[] = [];
  months.forEach((month, index) => {
    events.push(
      ...steps.hoursOf(month, index),
      ...steps.purchasesOf(month, index),
      ...steps.bookingOf(month, index),
    );
    if (month <= lastClosed)
      events.push({
        at: local(`${plusMonths(month, 1)}-04`, '16:00'),
        run: () => steps.closeMonth(treasurer, month, closed),
      });
  });
  events.sort((first, second) => first.at.getTime() - second.at.getTime());
  assertInvariant(
    events.every(
      (event) =>
        event.at.getTime() >= plan.start.getTime() && event.at.getTime() < plan.end.getTime(),
    ),
    'the history lies between its start and the first start',
  );
  // One transaction per month (every service joins it): twelve durable commits instead of some
  // seven hundred keeps the first start fast; a month is there whole or not at all.
  const database = services.get(Database, { strict: false });
  let created = 0;
  for (const month of new Set(events.map((event) => monthOf(event.at)))) {
    created += await database.transaction(async () => {
      let createdThisMonth = 0;
      for (const event of events.filter((candidate) => monthOf(candidate.at) === month))
        createdThisMonth += await atMoment(clock, event.at, event.run);
      return createdThisMonth;
    });
  }
  return created;
}

/**
 * Each month is written in one transaction, in order: when the last month's last claim is there,
 * the whole history is.
 */
async function historyIsComplete(
  services: ServiceLookup,
  actorOf: (partyKey: string, role: AuthenticatedUser['role']) => AuthenticatedUser,
  lastMonth: string,
): Promise<boolean> {
  const { volunteerKey } = VOLUNTEER_WORK[VOLUNTEER_WORK.length - 1];
  const key = scopedIdempotencyKey(
    actorOf(volunteerKey, 'volunteer').id,
    claimKey(volunteerKey, lastMonth, 1),
  );
  return (
    (await services
      .get(Idempotency, { strict: false })
      .stored({ scope: VOLUNTEERING_IDEMPOTENCY_SCOPE, key })) !== undefined
  );
}

function claimKey(volunteerKey: string, month: string, turn: 0 | 1): string {
  return `demo:history:claim:${volunteerKey}:${month}:${turn}`;
}

function monthOf(moment: Date): string {
  return DateTime.fromJSDate(moment, { zone: ZONE }).toFormat('yyyy-MM');
}

class HistorySteps {
  private readonly claims: TimeClaimsService;
  private readonly redemptions: RedemptionsService;
  private readonly bookings: BookingsService;
  private readonly lifecycle: BookingLifecycleService;
  private readonly ledgerAccess: LedgerAccessService;
  private readonly ledger: LedgerService;
  private readonly offers: OffersService;

  constructor(
    services: ServiceLookup,
    private readonly actorOf: (
      partyKey: string,
      role: AuthenticatedUser['role'],
    ) => AuthenticatedUser,
  ) {
    this.claims = services.get(TimeClaimsService, { strict: false });
    this.redemptions = services.get(RedemptionsService, { strict: false });
    this.bookings = services.get(BookingsService, { strict: false });
    this.lifecycle = services.get(BookingLifecycleService, { strict: false });
    this.ledgerAccess = services.get(LedgerAccessService, { strict: false });
    this.ledger = services.get(LedgerService, { strict: false });
    this.offers = services.get(OffersService, { strict: false });
  }

  /** Two claims per volunteer: work on the 3rd and the 15th, claimed the next evening, approved and paid two days later. */
  hoursOf(month: string, index: number): HistoryEvent[] {
    const events: HistoryEvent[] = [];
    for (const { volunteerKey, organisationKey, activities } of VOLUNTEER_WORK) {
      for (const turn of [0, 1] as const) {
        const second = SECOND_ORGANISATION[volunteerKey];
        const atSecond = turn === 1 && second !== undefined && index % 2 === 0;
        const claim = {
          key: claimKey(volunteerKey, month, turn),
          organisationKey: atSecond ? second.organisationKey : organisationKey,
          activity: atSecond ? second.activity : activities[turn],
          workDay: turn === 0 ? `${month}-03` : `${month}-15`,
          hours: quarterHours(`${volunteerKey}:${month}:${turn}`),
        };
        events.push({
          at: local(plusDays(claim.workDay, 1), '19:30'),
          run: () => this.claim(volunteerKey, claim),
        });
        events.push({
          at: local(plusDays(claim.workDay, 3), '10:15'),
          run: () => this.approve(volunteerKey, claim),
        });
      }
    }
    return events;
  }

  /** Each volunteer at a counter on the 11th; every other month something larger on the 25th. */
  purchasesOf(month: string, index: number): HistoryEvent[] {
    const events: HistoryEvent[] = [];
    VOLUNTEER_WORK.forEach(({ volunteerKey }, position) => {
      const everyday = EVERYDAY_OFFERS[(index + position) % EVERYDAY_OFFERS.length];
      events.push({
        at: local(`${month}-11`, '11:00'),
        run: () =>
          this.purchase(volunteerKey, everyday, `demo:history:redeem:${volunteerKey}:${month}:0`),
      });
      if ((index + position) % 2 === 0) {
        const larger = LARGER_OFFERS[Math.floor((index + position) / 2) % LARGER_OFFERS.length];
        events.push({
          at: local(`${month}-25`, '15:00'),
          run: () =>
            this.purchase(volunteerKey, larger, `demo:history:redeem:${volunteerKey}:${month}:1`),
        });
      }
    });
    return events;
  }

  /** One shared service a month, in turn: a party tent, a hall, help with the books. */
  bookingOf(month: string, index: number): HistoryEvent[] {
    const plan = BOOKINGS[index % BOOKINGS.length](month);
    const booker = this.actorOf(plan.bookerKey, plan.bookerRole);
    const provider = this.actorOf(plan.providerKey, 'org_manager');
    let bookingId: string | undefined;
    const idOf = () => {
      assertInvariant(bookingId !== undefined, 'a booking step follows its booking');
      return bookingId;
    };
    return plan.steps.map((step): HistoryEvent => {
      const key = `demo:history:booking:${plan.key}:${step.kind}`;
      const [date, time] = step.at.split('T');
      const at = local(date, time);
      switch (step.kind) {
        case 'create':
          return {
            at,
            run: async () => {
              const input = {
                listingId: demoId(`listing:${plan.listingKey}`),
                startsAt: step.startsAt,
                endsAt: step.endsAt,
                persons: step.persons,
                note: step.note,
              };
              const outcome = await this.bookings.create(booker, input, key);
              bookingId = outcome.result.id;
              return outcome.replayed ? 0 : 1;
            },
          };
        case 'confirm':
          return {
            at,
            run: async () => created(await this.lifecycle.confirm(provider, idOf(), key)),
          };
        case 'check-out':
          return {
            at,
            run: async () => created(await this.lifecycle.checkOut(provider, idOf(), key)),
          };
        case 'return':
          return {
            at,
            run: async () => created(await this.lifecycle.markReturned(provider, idOf(), {}, key)),
          };
        case 'complete':
          return {
            at,
            run: async () =>
              created(
                await this.lifecycle.complete(
                  provider,
                  idOf(),
                  step.hoursGiven ? { hoursGiven: step.hoursGiven } : {},
                  key,
                ),
              ),
          };
      }
    });
  }

  async closeMonth(
    treasurer: AuthenticatedUser,
    month: string,
    closed: Set<string>,
  ): Promise<number> {
    if (closed.has(month)) return 0;
    await this.ledgerAccess.closePeriod(treasurer, month);
    return 1;
  }

  private claimIds = new Map<string, string>();

  private async claim(
    volunteerKey: string,
    claim: {
      key: string;
      organisationKey: string;
      activity: string;
      workDay: string;
      hours: string;
    },
  ): Promise<number> {
    const volunteer = this.actorOf(volunteerKey, 'volunteer');
    const input = {
      organisationId: demoId(claim.organisationKey),
      date: claim.workDay,
      hours: claim.hours,
      activity: claim.activity,
    };
    const outcome = await this.claims.submit(volunteer, input, claim.key);
    this.claimIds.set(claim.key, outcome.result.id);
    return outcome.replayed ? 0 : 1;
  }

  private async approve(
    volunteerKey: string,
    claim: { key: string; organisationKey: string },
  ): Promise<number> {
    const claimId = this.claimIds.get(claim.key);
    assertInvariant(
      claimId !== undefined,
      `the claim ${claim.key} of ${volunteerKey} was made before its approval`,
    );
    const outcome = await this.claims.approve(
      this.actorOf(claim.organisationKey, 'org_manager'),
      claimId,
      `${claim.key}:approve`,
    );
    return outcome.replayed ? 0 : 1;
  }

  private async purchase(
    volunteerKey: string,
    [businessKey, offerKey]: [string, string],
    key: string,
  ): Promise<number> {
    const counter = this.actorOf(businessKey, 'business_operator');
    const offerId = demoId(`offer:${businessKey}:${offerKey}`);
    const account = (await this.ledger.listAccountsOfParty(demoId(volunteerKey)))[0];
    if (Number(account.available) < Number((await this.offers.get(offerId)).price)) return 0; // saving up
    try {
      const outcome = await this.redemptions.redeem(
        counter,
        { passNumber: demoPassNumber(volunteerKey), offerId },
        key,
      );
      return outcome.replayed ? 0 : 1;
    } catch (error) {
      if (error instanceof DomainError && PURCHASE_REFUSALS.has(error.code)) return 0;
      throw error;
    }
  }
}

function created(outcome: { replayed: boolean }): number {
  return outcome.replayed ? 0 : 1;
}

/** 2.00 to 4.00 hours in quarter steps, the same for the same key on every run. */
function quarterHours(key: string): string {
  const quarters = 8 + (createHash('sha256').update(key).digest()[0] % 9);
  return (quarters / 4).toFixed(2);
}

/** The moment of a Maastricht wall-clock time on a date. */
function local(date: string, time: string): Date {
  return new Date(atLocal(date, time));
}

function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate()!;
}

function plusMonths(month: string, months: number): string {
  return DateTime.fromISO(`${month}-01`, { zone: ZONE }).plus({ months }).toFormat('yyyy-MM');
}

/** The first date on or after `date` that falls on `weekday` (1 = Monday … 7 = Sunday). */
function weekdayOnOrAfter(date: string, weekday: number): string {
  const start = DateTime.fromISO(date, { zone: ZONE });
  return start.plus({ days: (weekday - start.weekday + 7) % 7 }).toISODate()!;
}
