import { defineMessages } from '../i18n/define-messages';

/** Texts of the public page /transparantie. */
export const transparencyMessages = defineMessages(
  {
    'transparency.link': 'Wie kreeg wat? (transparantie)',
    'transparency.title': 'Wie kreeg wat, waarvoor — {year}',
    'transparency.intro':
      'Steerkes is de tijdbank en voordeelpas van Maastricht. Op deze pagina leest iedereen, zonder in te loggen, hoeveel Steerkes er in een jaar naar welke organisatie en welke wijk gingen, en wat de bedrijven ervoor gaven.',
    'transparency.whatTitle': 'Wat is een Steerke?',
    'transparency.what':
      'Wie vrijwilligerswerk doet, krijgt van de organisatie 1 Steerke (STK) per uur. Met de voordeelpas geeft de vrijwilliger die Steerkes uit bij bedrijven in de buurt: een kop koffie, een boek, een reparatie. De gemeente geeft organisaties budget in Steerkes; bedrijven die Steerkes aannemen, sponsoren zo het vrijwilligerswerk.',
    'transparency.privacyTitle': 'Hoe we vrijwilligers beschermen',
    'transparency.privacy':
      'We tonen alleen totalen, nooit personen. Gaat een getal over minder dan {min} vrijwilligers, dan laten we het weg: zo kan niemand uit de cijfers afleiden wie wat deed. In de tabellen staat dan “verborgen”.',
    'transparency.yearPicker': 'Kies een jaar',
    'transparency.print': 'Afdrukken',
    'transparency.loading': 'De cijfers worden geladen…',
    'transparency.loadFailed':
      'De cijfers konden niet worden geladen. Controleer de verbinding en laad de pagina opnieuw.',
    'transparency.badYear':
      'Voor “{text}” hebben we geen cijfers: kies hieronder een jaar. Je ziet nu {year}.',
    'transparency.suppressed': 'verborgen',
    'transparency.suppressedLong': 'verborgen: minder dan {min} vrijwilligers',
    'transparency.none': '—',
    'transparency.districts.title': 'Per wijk',
    'transparency.districts.chartTitle': 'Steerkes aangenomen door bedrijven per wijk in {year}',
    'transparency.districts.chartDescription':
      'Staafdiagram; dezelfde cijfers staan in de tabel “Per wijk in {year}”.',
    'transparency.districts.noSponsorship': 'In {year} namen bedrijven nog geen Steerkes aan.',
    'transparency.districts.caption': 'Per wijk in {year}',
    'transparency.organisations.title': 'Per organisatie',
    'transparency.organisations.chartTitle': 'Budget in Steerkes per organisatie in {year}',
    'transparency.organisations.chartDescription':
      'Staafdiagram; dezelfde cijfers staan in de tabel “Per organisatie in {year}”.',
    'transparency.organisations.noBudget': 'In {year} kreeg geen organisatie budget.',
    'transparency.organisations.caption': 'Per organisatie in {year}',
    'transparency.column.district': 'Wijk',
    'transparency.column.organisation': 'Organisatie (wijk)',
    'transparency.column.budget': 'Budget',
    'transparency.column.hours': 'Uren vrijwilligerswerk',
    'transparency.column.volunteers': 'Vrijwilligers',
    'transparency.column.servicesExchanged': 'Diensten geruild',
    'transparency.column.servicesGiven': 'Diensten gegeven',
    'transparency.column.servicesUsed': 'Diensten gebruikt',
    'transparency.column.sponsorship': 'Aangenomen door bedrijven',
    'transparency.euroValue': 'waarde {euro}',
  },
  {
    'transparency.link': 'Who got what? (transparency)',
    'transparency.title': 'Who got what, for what — {year}',
    'transparency.intro':
      'Steerkes is the timebank and voordeelpas (benefit pass) of Maastricht. On this page anyone can read, without logging in, how many Steerkes went to which organisation and which district in a year, and what local businesses gave for them.',
    'transparency.whatTitle': 'What is a Steerke?',
    'transparency.what':
      'Volunteers receive 1 Steerke (STK) from their organisation for each hour of volunteering. With the voordeelpas they spend those Steerkes at local businesses: a cup of coffee, a book, a repair. The municipality gives organisations a budget in Steerkes; businesses that accept Steerkes sponsor volunteering that way.',
    'transparency.privacyTitle': 'How we protect volunteers',
    'transparency.privacy':
      'We show totals only, never people. When a figure is about fewer than {min} volunteers we leave it out, so that nobody can work out from the figures who did what. The tables then say “hidden”.',
    'transparency.yearPicker': 'Choose a year',
    'transparency.print': 'Print',
    'transparency.loading': 'Loading the figures…',
    'transparency.loadFailed':
      'The figures could not be loaded. Check the connection and reload the page.',
    'transparency.badYear':
      'We have no figures for “{text}”: choose a year below. You are seeing {year}.',
    'transparency.suppressed': 'hidden',
    'transparency.suppressedLong': 'hidden: fewer than {min} volunteers',
    'transparency.none': '—',
    'transparency.districts.title': 'By district',
    'transparency.districts.chartTitle': 'Steerkes accepted by businesses per district in {year}',
    'transparency.districts.chartDescription':
      'Bar chart; the same figures are in the table “By district in {year}”.',
    'transparency.districts.noSponsorship': 'In {year} no business accepted Steerkes yet.',
    'transparency.districts.caption': 'By district in {year}',
    'transparency.organisations.title': 'By organisation',
    'transparency.organisations.chartTitle': 'Budget in Steerkes per organisation in {year}',
    'transparency.organisations.chartDescription':
      'Bar chart; the same figures are in the table “By organisation in {year}”.',
    'transparency.organisations.noBudget': 'In {year} no organisation received a budget.',
    'transparency.organisations.caption': 'By organisation in {year}',
    'transparency.column.district': 'District',
    'transparency.column.organisation': 'Organisation (district)',
    'transparency.column.budget': 'Budget',
    'transparency.column.hours': 'Hours of volunteering',
    'transparency.column.volunteers': 'Volunteers',
    'transparency.column.servicesExchanged': 'Services exchanged',
    'transparency.column.servicesGiven': 'Services given',
    'transparency.column.servicesUsed': 'Services used',
    'transparency.column.sponsorship': 'Accepted by businesses',
    'transparency.euroValue': 'worth {euro}',
  },
);
