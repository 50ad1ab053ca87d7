import { createHash } from 'node:crypto';
import { FiscalService } from '../src/passes/fiscal.service.js';
import { type OfferInput, OffersService } from '../src/passes/offers.service.js';
import { passNumberFromDigits } from '../src/passes/pass-number.js';
import { PassAlreadyActiveError } from '../src/passes/passes.errors.js';
import { PassesService } from '../src/passes/passes.service.js';
import { DEMO_PARTIES } from './demo-data.js';
import { demoId, type ServiceLookup } from './load-demo-data.js';

/** The Dutch tax-free limits for volunteers of 2025; later years carry them forward until an admin sets their own. */
export const DEMO_FISCAL_LIMITS = {
  year: 2025,
  hourlyAdult: '5.60',
  hourlyYoung: '3.30',
  adultAge: 21,
  monthly: '210.00',
  yearly: '2100.00',
};

/** What the demo businesses give for Steerkes: [business key, offer key, offer]. */
export const DEMO_OFFERS: Array<[string, string, OfferInput]> = [
  [
    'bonenhuis',
    'koffie',
    {
      title: { nl: 'Kop koffie met vlaai', en: 'Coffee with Limburg pie' },
      description: {
        nl: 'Een kop versgebrande koffie en een punt vlaai naar keuze.',
        en: 'A cup of freshly roasted coffee and a slice of pie of your choice.',
      },
      price: '2.00',
      euroValue: '4.50',
      perPassLimit: { quantity: 1, period: 'day' },
    },
  ],
  [
    'bonenhuis',
    'bonen',
    {
      title: { nl: '250 gram koffiebonen', en: '250 grams of coffee beans' },
      description: {
        nl: 'Een zak versgebrande bonen uit eigen branderij.',
        en: 'A bag of beans fresh from our own roastery.',
      },
      price: '4.00',
      euroValue: '7.50',
      stock: 40,
    },
  ],
  [
    'zwembad',
    'baantjes',
    {
      title: { nl: 'Baantjes zwemmen', en: 'Lap swimming' },
      description: {
        nl: 'Eén keer baantjes zwemmen in De Geusselt.',
        en: 'One lap-swimming session at De Geusselt.',
      },
      price: '3.00',
      euroValue: '5.50',
      perPassLimit: { quantity: 2, period: 'week' },
    },
  ],
  [
    'bakkerij',
    'vlaai',
    {
      title: { nl: 'Halve Limburgse vlaai', en: 'Half a Limburg pie' },
      description: {
        nl: 'Een halve vlaai naar keuze, vers uit de oven.',
        en: 'Half a pie of your choice, fresh from the oven.',
      },
      price: '5.00',
      euroValue: '9.00',
      stock: 20,
      perPassLimit: { quantity: 1, period: 'month' },
    },
  ],
  [
    'boekhandel',
    'boek',
    {
      title: { nl: 'Tweedehands boek naar keuze', en: 'Second-hand book of your choice' },
      description: {
        nl: 'Kies een boek uit de tweedehandskast.',
        en: 'Pick a book from the second-hand shelf.',
      },
      price: '3.00',
      euroValue: '6.00',
    },
  ],
  [
    'fietsenmaker',
    'fietsbeurt',
    {
      title: { nl: 'Kleine fietsbeurt', en: 'Basic bicycle service' },
      description: {
        nl: 'Remmen en versnellingen afstellen, ketting smeren, banden oppompen.',
        en: 'Brakes and gears adjusted, chain oiled, tyres pumped.',
      },
      price: '8.00',
      euroValue: '25.00',
      perPassLimit: { quantity: 1, period: 'year' },
    },
  ],
];

/** A stable pass number for a demo volunteer: digits from a hash of its key, plus the Luhn check digit. */
export function demoPassNumber(volunteerKey: string): string {
  const hash = createHash('sha256').update(`steerkes-demo/pass/${volunteerKey}`).digest('hex');
  return passNumberFromDigits(BigInt(`0x${hash}`).toString().slice(0, 11));
}

/**
 * Demo data of the passes module, loaded after the parties, users and budgets of the Maastricht
 * demo: the 2025 fiscal limits, offers of every demo business, and a pass (without PIN) for every
 * demo volunteer. Idempotent: answers how many records it created, 0 on a second run.
 */
export async function loadPassesDemo(services: ServiceLookup): Promise<number> {
  const fiscal = services.get(FiscalService, { strict: false });
  const offers = services.get(OffersService, { strict: false });
  const passes = services.get(PassesService, { strict: false });
  let created = 0;

  if (!(await fiscal.findLimits(DEMO_FISCAL_LIMITS.year))) {
    const { year, ...limits } = DEMO_FISCAL_LIMITS;
    await fiscal.setLimits(year, limits, null);
    created += 1;
  }
  for (const [businessKey, offerKey, offer] of DEMO_OFFERS) {
    const id = demoId(`offer:${businessKey}:${offerKey}`);
    if (await offers.exists(id)) continue;
    await offers.create(demoId(businessKey), null, offer, { id });
    created += 1;
  }
  for (const volunteer of DEMO_PARTIES.filter((party) => party.kind === 'volunteer')) {
    const id = demoId(`pass:${volunteer.key}`);
    if (await passes.exists(id)) continue;
    try {
      await passes.issue(null, demoId(volunteer.key), {
        id,
        number: demoPassNumber(volunteer.key),
      });
      created += 1;
    } catch (error) {
      // The volunteer already holds another active pass: theirs is the one that counts.
      if (!(error instanceof PassAlreadyActiveError)) throw error;
    }
  }
  return created;
}
