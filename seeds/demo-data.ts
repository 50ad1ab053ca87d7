import type { Role } from '../src/common/roles.js';
import type { District, PartyKind } from '../src/parties/entities/party.entity.js';

/**
 * The Maastricht demo: organisations of several kinds in each stadsdeel, a handful of
 * businesses, volunteers, the Steerkes fund, and one login per role. Fictional names, real
 * neighbourhoods. Keys are stable: they make the demo's ids, so loading it twice changes nothing.
 */
export const DEMO_PASSWORD = 'steerkes-demo';

export interface DemoParty {
  key: string;
  kind: PartyKind;
  name: string;
  district: District;
  description?: string;
  contactEmail?: string;
  birthDate?: string;
}

export const DEMO_PARTIES: DemoParty[] = [
  {
    key: 'fund',
    kind: 'institution',
    name: 'Steerkesfonds Maastricht',
    district: 'city-wide',
    description: 'Geeft Steerkes uit als budget voor vrijwilligersorganisaties.',
  },
  // Noord-West
  {
    key: 'malberg',
    kind: 'organisation',
    name: 'Buurtcentrum Malberg',
    district: 'noord-west',
    description: 'Buurthuis met zaalverhuur, koffieochtenden en huiswerkbegeleiding.',
    contactEmail: 'info@buurtcentrum-malberg.example',
  },
  {
    key: 'pottenberg',
    kind: 'organisation',
    name: 'Sportvereniging Pottenberg',
    district: 'noord-west',
    description: 'Voetbal en gymnastiek voor jong en oud.',
  },
  // Noord-Oost
  {
    key: 'wittevrouwenveld',
    kind: 'organisation',
    name: 'Stichting Buurtnetwerk Wittevrouwenveld',
    district: 'noord-oost',
    description: 'Burenhulp, boodschappendienst en maaltijden.',
  },
  {
    key: 'limmel',
    kind: 'organisation',
    name: 'Harmonie Sint-Cecilia Limmel',
    district: 'noord-oost',
    description: 'Harmonieorkest met jeugdopleiding.',
  },
  // Zuid-West / Centrum
  {
    key: 'jekerkwartier',
    kind: 'organisation',
    name: 'Stichting Jekerkwartier Leeft',
    district: 'zuid-west-centrum',
    description: 'Buurtfeesten, groenonderhoud en activiteiten voor ouderen.',
  },
  {
    key: 'repaircafe',
    kind: 'organisation',
    name: 'Repair Café Wyck',
    district: 'zuid-west-centrum',
    description: 'Samen repareren op elke eerste zaterdag van de maand.',
  },
  // Zuid-Oost
  {
    key: 'heeg',
    kind: 'organisation',
    name: 'Buurtcentrum De Heeg',
    district: 'zuid-oost',
    description: 'Ontmoetingscentrum met zalen en een grote keuken.',
  },
  {
    key: 'heer',
    kind: 'organisation',
    name: 'Volkstuinvereniging Heer',
    district: 'zuid-oost',
    description: 'Volkstuinen, zadenbank en gereedschapsschuur.',
  },
  // Businesses
  {
    key: 'bonenhuis',
    kind: 'business',
    name: 'Koffiebranderij Het Bonenhuis',
    district: 'zuid-west-centrum',
    description: 'Koffie en vlaai voor Steerkes.',
  },
  {
    key: 'zwembad',
    kind: 'business',
    name: 'Zwembad De Geusselt',
    district: 'noord-oost',
    description: 'Baantjes zwemmen met de voordeelpas.',
  },
  {
    key: 'bakkerij',
    kind: 'business',
    name: 'Bakkerij Pottenberg',
    district: 'noord-west',
    description: 'Brood en Limburgse vlaai.',
  },
  {
    key: 'boekhandel',
    kind: 'business',
    name: 'Boekhandel aan de Maas',
    district: 'zuid-west-centrum',
    description: 'Boeken, kaarten en een leesclub.',
  },
  {
    key: 'fietsenmaker',
    kind: 'business',
    name: 'Fietsenmaker Heer',
    district: 'zuid-oost',
    description: 'Reparaties en onderhoud.',
  },
  // Volunteers
  {
    key: 'anouk',
    kind: 'volunteer',
    name: 'Anouk Janssen',
    district: 'noord-west',
    birthDate: '1996-05-14',
  },
  {
    key: 'bram',
    kind: 'volunteer',
    name: 'Bram Smeets',
    district: 'noord-west',
    birthDate: '1958-09-02',
  },
  {
    key: 'chantal',
    kind: 'volunteer',
    name: 'Chantal Hermans',
    district: 'noord-oost',
    birthDate: '1984-01-23',
  },
  {
    key: 'daan',
    kind: 'volunteer',
    name: 'Daan Claessens',
    district: 'noord-oost',
    birthDate: '2008-03-30',
  },
  {
    key: 'eva',
    kind: 'volunteer',
    name: 'Eva Lemmens',
    district: 'zuid-west-centrum',
    birthDate: '2001-11-08',
  },
  {
    key: 'fatima',
    kind: 'volunteer',
    name: 'Fatima El Amrani',
    district: 'zuid-west-centrum',
    birthDate: '1979-06-17',
  },
  {
    key: 'gijs',
    kind: 'volunteer',
    name: 'Gijs Vossen',
    district: 'zuid-oost',
    birthDate: '1949-12-01',
  },
  {
    key: 'hanna',
    kind: 'volunteer',
    name: 'Hanna Bemelmans',
    district: 'zuid-oost',
    birthDate: '2006-07-21',
  },
];

export interface DemoUser {
  email: string;
  role: Role;
  partyKey: string | null;
  displayName: string;
}

/** One login per role, all with DEMO_PASSWORD (DESIGN.md §12). Only ever in demo data. */
export const DEMO_USERS: DemoUser[] = [
  {
    email: 'admin@steerkes.test',
    role: 'admin',
    partyKey: null,
    displayName: 'Beheerder Steerkes',
  },
  {
    email: 'treasurer@steerkes.test',
    role: 'treasurer',
    partyKey: null,
    displayName: 'Penningmeester Steerkesfonds',
  },
  {
    email: 'org@steerkes.test',
    role: 'org_manager',
    partyKey: 'malberg',
    displayName: 'Coördinator Buurtcentrum Malberg',
  },
  {
    email: 'business@steerkes.test',
    role: 'business_operator',
    partyKey: 'bonenhuis',
    displayName: 'Het Bonenhuis, balie',
  },
  {
    email: 'volunteer@steerkes.test',
    role: 'volunteer',
    partyKey: 'anouk',
    displayName: 'Anouk Janssen',
  },
];

/** Each organisation's yearly budget in Steerkes, issued by the fund, and its credit limit. */
export const DEMO_ORGANISATION_BUDGET = '500.00';
export const DEMO_ORGANISATION_CREDIT_LIMIT = '-50.00';

/** Hours already rewarded, so that volunteers have something to spend: [organisation, volunteer, STK]. */
export const DEMO_HOURS: Array<[string, string, string, string]> = [
  ['malberg', 'anouk', '12.00', 'Huiswerkbegeleiding oktober'],
  ['malberg', 'bram', '6.50', 'Koffieochtend en opruimen'],
  ['wittevrouwenveld', 'chantal', '8.00', 'Boodschappendienst'],
  ['limmel', 'daan', '4.00', 'Jeugdrepetitie begeleiden'],
  ['jekerkwartier', 'eva', '10.00', 'Buurtfeest Jekerkwartier'],
  ['repaircafe', 'fatima', '5.25', 'Repair Café november'],
  ['heeg', 'gijs', '7.75', 'Kookavond De Heeg'],
  ['heer', 'hanna', '3.00', 'Zadenbank sorteren'],
];
