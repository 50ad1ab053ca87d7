import type { Role } from '../src/common/roles.js';
import type { CreateListingDto } from '../src/catalogue/dto/listing.dto.js';
import { ListingsService } from '../src/catalogue/listings.service.js';
import { demoId, type ServiceLookup } from './load-demo-data.js';

/**
 * The shared-services catalogue of the Maastricht demo: rooms, materials and administration
 * offered by organisations, the fund and a business in each of the four stadsdelen. Listing ids
 * come from demoId(`listing:<key>`), so a second load finds them and creates nothing.
 */

const WEEKDAYS_DAY_AND_EVENING = {
  mon: [['09:00', '22:30']],
  tue: [['09:00', '22:30']],
  wed: [['09:00', '22:30']],
  thu: [['09:00', '22:30']],
  fri: [['09:00', '22:30']],
  sat: [['10:00', '17:00']],
} as CreateListingDto['openingHours'];

const COMMUNITY_CENTRE_DAY_PARTS = {
  mon: [['08:00', '23:00']],
  tue: [['08:00', '23:00']],
  wed: [['08:00', '23:00']],
  thu: [['08:00', '23:00']],
  fri: [['08:00', '23:00']],
  sat: [['08:00', '23:00']],
  sun: [['08:00', '17:00']],
} as CreateListingDto['openingHours'];

interface DemoListing {
  key: string;
  providerKey: string;
  role: Role;
  listing: CreateListingDto;
}

export const DEMO_LISTINGS: DemoListing[] = [
  // Noord-West
  {
    key: 'malberg-grote-zaal',
    providerKey: 'malberg',
    role: 'org_manager',
    listing: {
      category: 'room',
      pricingUnit: 'hour',
      price: '5.00',
      capacityPersons: 80,
      bufferMinutes: 30,
      minLength: 60,
      maxLength: 480,
      titleNl: 'Grote zaal Buurtcentrum Malberg',
      titleEn: 'Main hall, Buurtcentrum Malberg',
      descriptionNl:
        'Zaal voor 80 personen met podium, geluidsinstallatie en bar. Opruimen en schoonmaken na afloop: 30 minuten.',
      descriptionEn:
        'Hall for 80 people with stage, sound system and bar. Tidying and cleaning afterwards: 30 minutes.',
      address: 'Malbergsingel 2, 6215 Maastricht',
      openingHours: WEEKDAYS_DAY_AND_EVENING,
      confirmation: 'provider',
      freeCancellationHours: 72,
      cancellationFeePercent: 50,
    },
  },
  {
    key: 'malberg-beamer',
    providerKey: 'malberg',
    role: 'org_manager',
    listing: {
      category: 'materials',
      pricingUnit: 'day',
      price: '2.50',
      deposit: '15.00',
      quantity: 2,
      bufferMinutes: 0,
      minLength: 1,
      maxLength: 7,
      titleNl: 'Beamer met projectiescherm',
      titleEn: 'Projector with screen',
      descriptionNl: 'Full-HD beamer met statief-scherm en HDMI-kabel, in een draagtas.',
      descriptionEn: 'Full-HD projector with tripod screen and HDMI cable, in a carry bag.',
      address: 'Malbergsingel 2, 6215 Maastricht',
      confirmation: 'auto',
      freeCancellationHours: 24,
      cancellationFeePercent: 0,
    },
  },
  {
    key: 'pottenberg-kantine',
    providerKey: 'pottenberg',
    role: 'org_manager',
    listing: {
      category: 'room',
      pricingUnit: 'day_part',
      price: '12.50',
      capacityPersons: 40,
      bufferMinutes: 0,
      minLength: 1,
      maxLength: 3,
      titleNl: 'Kantine sportpark Pottenberg',
      titleEn: 'Clubhouse, Pottenberg sports park',
      descriptionNl: 'Kantine met keukentje, per dagdeel te huur buiten de trainingsuren.',
      descriptionEn: 'Clubhouse with kitchenette, per day-part outside training hours.',
      address: 'Sportpark Pottenberg, 6216 Maastricht',
      openingHours: {
        mon: [['08:00', '17:00']],
        tue: [['08:00', '17:00']],
        wed: [['08:00', '12:00']],
        thu: [['08:00', '17:00']],
        fri: [['08:00', '17:00']],
      },
      confirmation: 'provider',
      freeCancellationHours: 48,
      cancellationFeePercent: 25,
    },
  },
  // Noord-Oost
  {
    key: 'wittevrouwenveld-subsidies',
    providerKey: 'wittevrouwenveld',
    role: 'org_manager',
    listing: {
      category: 'administration',
      pricingUnit: 'hour',
      price: '8.00',
      bufferMinutes: 0,
      minLength: 60,
      maxLength: 240,
      titleNl: 'Hulp bij subsidieaanvragen',
      titleEn: 'Help with grant applications',
      descriptionNl:
        'Onze coördinator helpt bij fondsaanvragen bij gemeente en Oranje Fonds: begroting, activiteitenplan, verantwoording.',
      descriptionEn:
        'Our coordinator helps with grant applications to the municipality and funds: budget, activity plan, reporting.',
      address: 'Op afspraak, Wittevrouwenveld',
      openingHours: { tue: [['09:00', '16:00']], thu: [['09:00', '16:00']] },
      confirmation: 'provider',
      freeCancellationHours: 24,
      cancellationFeePercent: 50,
    },
  },
  {
    key: 'wittevrouwenveld-bakfiets',
    providerKey: 'wittevrouwenveld',
    role: 'org_manager',
    listing: {
      category: 'materials',
      pricingUnit: 'day',
      price: '3.00',
      deposit: '25.00',
      lateFeePerDay: '3.00',
      quantity: 1,
      bufferMinutes: 0,
      minLength: 1,
      maxLength: 3,
      titleNl: 'Elektrische bakfiets',
      titleEn: 'Electric cargo bike',
      descriptionNl:
        'Bakfiets met trapondersteuning, voor boodschappendienst of verhuisjes in de wijk.',
      descriptionEn:
        'Cargo bike with pedal assist, for the shopping service or small moves in the neighbourhood.',
      address: 'Wittevrouwenveld, Maastricht',
      confirmation: 'auto',
    },
  },
  {
    key: 'limmel-standaards',
    providerKey: 'limmel',
    role: 'org_manager',
    listing: {
      category: 'materials',
      pricingUnit: 'item',
      price: '0.25',
      deposit: '1.00',
      quantity: 40,
      bufferMinutes: 0,
      minLength: 1,
      maxLength: 14,
      titleNl: 'Muziekstandaards',
      titleEn: 'Music stands',
      descriptionNl:
        'Inklapbare muziekstandaards, per stuk; ophalen en terugbrengen op repetitieavond.',
      descriptionEn: 'Folding music stands, per piece; pick up and return on rehearsal night.',
      address: 'Repetitielokaal Limmel, Maastricht',
      confirmation: 'auto',
    },
  },
  // Zuid-West / Centrum
  {
    key: 'jekerkwartier-partytent',
    providerKey: 'jekerkwartier',
    role: 'org_manager',
    listing: {
      category: 'materials',
      pricingUnit: 'day',
      price: '7.50',
      deposit: '25.00',
      lateFeePerDay: '5.00',
      quantity: 2,
      bufferMinutes: 24 * 60,
      minLength: 1,
      maxLength: 4,
      titleNl: 'Partytent 3 x 6 meter',
      titleEn: 'Party tent 3 x 6 metres',
      descriptionNl:
        'Witte partytent met zijwanden en haringen. Na elke uitleen een dag om te drogen en te controleren.',
      descriptionEn:
        'White party tent with side walls and pegs. A day to dry and check it after every loan.',
      address: 'Sint Pieterstraat, Maastricht',
      confirmation: 'auto',
      freeCancellationHours: 48,
      cancellationFeePercent: 20,
    },
  },
  {
    key: 'repaircafe-gereedschap',
    providerKey: 'repaircafe',
    role: 'org_manager',
    listing: {
      category: 'materials',
      pricingUnit: 'day',
      price: '2.00',
      deposit: '15.00',
      quantity: 3,
      bufferMinutes: 12 * 60,
      minLength: 1,
      maxLength: 7,
      titleNl: 'Gereedschapskist',
      titleEn: 'Toolbox',
      descriptionNl: 'Complete gereedschapskist met boormachine, schroevendraaiers en multimeter.',
      descriptionEn: 'Complete toolbox with drill, screwdrivers and multimeter.',
      address: 'Wycker Brugstraat, Maastricht',
      confirmation: 'auto',
    },
  },
  {
    key: 'bonenhuis-koffiekar',
    providerKey: 'bonenhuis',
    role: 'business_operator',
    listing: {
      category: 'materials',
      pricingUnit: 'day',
      price: '7.50',
      deposit: '25.00',
      lateFeePerDay: '5.00',
      quantity: 1,
      bufferMinutes: 12 * 60,
      minLength: 1,
      maxLength: 3,
      titleNl: 'Koffiekar met barista-set',
      titleEn: 'Coffee cart with barista kit',
      descriptionNl:
        'Mobiele koffiekar met espressomachine en 100 kopjes, voor buurtfeesten en open dagen. Bonen niet inbegrepen.',
      descriptionEn:
        'Mobile coffee cart with espresso machine and 100 cups, for street parties and open days. Beans not included.',
      address: 'Rechtstraat, Maastricht',
      confirmation: 'auto',
      freeCancellationHours: 24,
      cancellationFeePercent: 50,
    },
  },
  {
    key: 'boekhandel-leeszaal',
    providerKey: 'boekhandel',
    role: 'business_operator',
    listing: {
      category: 'room',
      pricingUnit: 'hour',
      price: '3.00',
      capacityPersons: 15,
      bufferMinutes: 15,
      minLength: 60,
      maxLength: 180,
      titleNl: 'Leeszaal boven de winkel',
      titleEn: 'Reading room above the shop',
      descriptionNl: 'Rustige zaal voor 15 personen voor leesclubs en kleine bijeenkomsten.',
      descriptionEn: 'Quiet room for 15 people for book clubs and small meetings.',
      address: 'Maasboulevard, Maastricht',
      openingHours: {
        tue: [['18:00', '22:00']],
        wed: [['18:00', '22:00']],
        thu: [['18:00', '22:00']],
      },
      confirmation: 'provider',
    },
  },
  // Zuid-Oost
  {
    key: 'heeg-zaal',
    providerKey: 'heeg',
    role: 'org_manager',
    listing: {
      category: 'room',
      pricingUnit: 'day_part',
      price: '15.00',
      capacityPersons: 120,
      bufferMinutes: 0,
      minLength: 1,
      maxLength: 3,
      titleNl: 'Zaal De Heeg met grote keuken',
      titleEn: 'De Heeg hall with large kitchen',
      descriptionNl:
        'Zaal voor 120 personen met professionele keuken, per dagdeel: ochtend, middag of avond.',
      descriptionEn:
        'Hall for 120 people with a professional kitchen, per day-part: morning, afternoon or evening.',
      address: 'Heegpark, 6229 Maastricht',
      openingHours: COMMUNITY_CENTRE_DAY_PARTS,
      confirmation: 'provider',
      freeCancellationHours: 72,
      cancellationFeePercent: 50,
    },
  },
  {
    key: 'heer-aanhanger',
    providerKey: 'heer',
    role: 'org_manager',
    listing: {
      category: 'materials',
      pricingUnit: 'day',
      price: '6.00',
      deposit: '50.00',
      lateFeePerDay: '6.00',
      quantity: 1,
      bufferMinutes: 0,
      minLength: 1,
      maxLength: 2,
      titleNl: 'Aanhangwagen met huif',
      titleEn: 'Covered trailer',
      descriptionNl: 'Geremde aanhangwagen (750 kg) met huif, voor groenafval of verhuizingen.',
      descriptionEn: 'Braked trailer (750 kg) with cover, for garden waste or moves.',
      address: 'Volkstuinen Heer, Maastricht',
      confirmation: 'provider',
    },
  },
  // City-wide
  {
    key: 'fund-jaarrekening',
    providerKey: 'fund',
    role: 'org_manager',
    listing: {
      category: 'administration',
      pricingUnit: 'hour',
      price: '12.00',
      bufferMinutes: 0,
      minLength: 60,
      maxLength: 480,
      titleNl: 'Hulp bij de jaarrekening',
      titleEn: 'Help with the annual accounts',
      descriptionNl:
        'De penningmeester van het Steerkesfonds helpt kleine verenigingen met jaarrekening, begroting en kascontrole.',
      descriptionEn:
        'The Steerkes fund’s treasurer helps small associations with annual accounts, budget and audit.',
      address: 'Op afspraak of bij u op locatie',
      district: 'city-wide',
      openingHours: {
        mon: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        fri: [['09:00', '13:00']],
      },
      confirmation: 'provider',
      freeCancellationHours: 24,
      cancellationFeePercent: 0,
    },
  },
];

/**
 * Demo data of the catalogue module, loaded after the parties, users and budgets of the Maastricht
 * demo. Idempotent: answers how many records it created, 0 on a second run.
 */
export async function loadCatalogueDemo(services: ServiceLookup): Promise<number> {
  const listings = services.get(ListingsService, { strict: false });
  let created = 0;
  for (const { key, providerKey, role, listing } of DEMO_LISTINGS) {
    const id = demoId(`listing:${key}`);
    if (await listings.exists(id)) continue;
    const provider = {
      id: demoId('catalogue:loader'),
      email: 'demo-loader@steerkes.test',
      role,
      partyId: demoId(providerKey),
    };
    await listings.create(provider, listing, { id });
    created += 1;
  }
  return created;
}
