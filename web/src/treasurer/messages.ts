import { defineMessages } from '../i18n/define-messages';

/** Texts of the treasurer's pages. */
export const treasurerMessages = defineMessages(
  {
    'treasurer.menu.dashboard': 'Overzicht',
    'treasurer.menu.money': 'Uitgeven en innemen',
    'treasurer.menu.exports': 'Exports',
    'treasurer.menu.transparency': 'Transparantie',
    'treasurer.loading': 'Bezig met laden…',
    'treasurer.loadFailed':
      'De gegevens konden niet worden geladen. Controleer de verbinding en laad de pagina opnieuw.',
    'treasurer.dashboard.title': 'Overzicht van de penningmeester',
    'treasurer.supply.title': 'Geldhoeveelheid',
    'treasurer.supply.circulation': 'In omloop (uitgegeven − ingenomen)',
    'treasurer.supply.pending': 'Gereserveerd (lopende reserveringen)',
    'treasurer.supply.balanced': 'Proefbalans',
    'treasurer.supply.balancedYes': 'klopt, alle saldi samen zijn {total}',
    'treasurer.supply.balancedNo':
      'klopt niet: alle saldi samen zijn {total}. Draai de integriteitscontrole.',
    'treasurer.groups.caption': 'Wie houdt de Steerkes',
    'treasurer.groups.group': 'Groep',
    'treasurer.groups.accounts': '{count} rekeningen',
    'treasurer.groups.oneAccount': '1 rekening',
    'treasurer.groups.total': 'Saldo',
    'treasurer.group.organisation': 'Organisaties',
    'treasurer.group.institution': 'Instellingen',
    'treasurer.group.business': 'Bedrijven',
    'treasurer.group.volunteer': 'Vrijwilligers',
    'treasurer.group.system': 'Uitgifterekening',
    'treasurer.group.other': 'Overig ({group})',
    'treasurer.integrity.title': 'Integriteitscontrole',
    'treasurer.integrity.intro':
      'Rekent elk saldo opnieuw uit de boekingsregels, en controleert de boekingen, de hash-keten en de reserveringen.',
    'treasurer.integrity.never': 'Nog niet gecontroleerd sinds je deze pagina opende.',
    'treasurer.integrity.ok':
      'In orde ({time}): {entries} boekingen, {postings} boekingsregels, {accounts} rekeningen en {holds} reserveringen gecontroleerd.',
    'treasurer.integrity.failed':
      'Afwijkingen gevonden ({time}): {count}. Boek niets meer en neem contact op met de beheerder.',
    'treasurer.integrity.run': 'Controle uitvoeren',
    'treasurer.integrity.running': 'Bezig met controleren… {seconds} s',
    'treasurer.integrity.error':
      'De controle kon niet worden uitgevoerd: {detail} Probeer het opnieuw.',
    'treasurer.months.title': 'Maanden',
    'treasurer.months.intro':
      'Een afgesloten maand ligt vast: boekingen gedateerd in die maand worden daarna geweigerd, ook correcties.',
    'treasurer.months.caption': 'De afgelopen twaalf maanden',
    'treasurer.months.month': 'Maand',
    'treasurer.months.state': 'Stand',
    'treasurer.months.open': 'open',
    'treasurer.months.closed': 'afgesloten op {time}',
    'treasurer.months.close': 'Sluiten',
    'treasurer.months.confirmTitle': '{month} afsluiten?',
    'treasurer.months.confirmText':
      'Na het afsluiten weigert Steerkes elke boeking gedateerd in {month}, ook een correctie of terugboeking: die boek je dan in een open maand. De saldi aan het eind van {month} worden vastgelegd. Dit kan niet ongedaan worden gemaakt.',
    'treasurer.months.confirm': 'Ja, sluit {month}',
    'treasurer.months.cancel': 'Annuleren',
    'treasurer.months.done': '{month} is afgesloten.',
    'treasurer.money.title': 'Steerkes uitgeven en innemen',
    'treasurer.issue.title': 'Uitgeven',
    'treasurer.issue.intro':
      'Maakt nieuwe Steerkes aan op een rekening, bijvoorbeeld het budget van een organisatie.',
    'treasurer.retire.title': 'Innemen',
    'treasurer.retire.intro':
      'Neemt Steerkes terug uit omloop, bijvoorbeeld wat een bedrijf inlevert.',
    'treasurer.form.account': 'Rekening',
    'treasurer.form.chooseAccount': 'Kies een rekening',
    'treasurer.form.amount': 'Bedrag in STK',
    'treasurer.form.amountHint': 'Bijvoorbeeld 500 of 12,50',
    'treasurer.form.amountInvalid': 'Vul een bedrag groter dan 0 in, met hoogstens twee decimalen.',
    'treasurer.form.accountMissing': 'Kies een rekening.',
    'treasurer.form.description': 'Omschrijving',
    'treasurer.form.descriptionMissing': 'Vul een omschrijving in: die komt in het grootboek.',
    'treasurer.form.balance': '{name} (saldo {balance})',
    'treasurer.issue.submit': 'Uitgeven',
    'treasurer.retire.submit': 'Innemen',
    'treasurer.form.busy': 'Bezig…',
    'treasurer.form.retry': 'Opnieuw proberen',
    'treasurer.form.noAnswer':
      'Geen antwoord van de server. Druk op “Opnieuw proberen”: het wordt niet twee keer geboekt.',
    'treasurer.issue.done': '{amount} uitgegeven aan {name} (boeking {sequence}).',
    'treasurer.retire.done': '{amount} ingenomen van {name} (boeking {sequence}).',
    'treasurer.refusal.failed': 'Dat lukte niet.',
    'treasurer.refusal.INSUFFICIENT_FUNDS':
      'Er staat niet genoeg op die rekening. Neem hoogstens het beschikbare saldo in.',
    'treasurer.refusal.PERIOD_CLOSED':
      'Die maand is al afgesloten. Boek een correctie in een open maand.',
    'treasurer.refusal.PERIOD_NOT_ENDED':
      'Die maand is nog niet voorbij. Een maand kan pas na haar laatste dag worden afgesloten.',
    'treasurer.refusal.ACCOUNT_NOT_OPEN':
      'Die rekening is geblokkeerd of gesloten. Kies een andere rekening of vraag de beheerder.',
    'treasurer.refusal.BALANCE_LIMIT_EXCEEDED':
      'Dat bedrag past niet binnen de grens van die rekening. Kies een kleiner bedrag of vraag de beheerder de grens te verhogen.',
    'treasurer.exports.title': 'Exports',
    'treasurer.exports.intro':
      'Het hele grootboek als bestand, met bij het eind van elke afgesloten maand een controle van de saldi. hledger en Beancount lezen het zo in.',
    'treasurer.exports.csv': 'CSV downloaden',
    'treasurer.exports.hledger': 'hledger-journaal downloaden',
    'treasurer.exports.beancount': 'Beancount-bestand downloaden',
    'treasurer.exports.busy': 'Bezig met maken van het bestand…',
    'treasurer.exports.done': '{file} is gedownload.',
    'treasurer.exports.failed':
      'Het bestand kon niet worden gemaakt: {detail} Probeer het opnieuw.',
  },
  {
    'treasurer.menu.dashboard': 'Overview',
    'treasurer.menu.money': 'Issue and retire',
    'treasurer.menu.exports': 'Exports',
    'treasurer.menu.transparency': 'Transparency',
    'treasurer.loading': 'Loading…',
    'treasurer.loadFailed':
      'The data could not be loaded. Check the connection and reload the page.',
    'treasurer.dashboard.title': 'Treasurer’s overview',
    'treasurer.supply.title': 'Money supply',
    'treasurer.supply.circulation': 'In circulation (issued − retired)',
    'treasurer.supply.pending': 'Reserved (pending holds)',
    'treasurer.supply.balanced': 'Trial balance',
    'treasurer.supply.balancedYes': 'in balance, all balances together are {total}',
    'treasurer.supply.balancedNo':
      'does not balance: all balances together are {total}. Run the integrity check.',
    'treasurer.groups.caption': 'Who holds the Steerkes',
    'treasurer.groups.group': 'Group',
    'treasurer.groups.accounts': '{count} accounts',
    'treasurer.groups.oneAccount': '1 account',
    'treasurer.groups.total': 'Balance',
    'treasurer.group.organisation': 'Organisations',
    'treasurer.group.institution': 'Institutions',
    'treasurer.group.business': 'Businesses',
    'treasurer.group.volunteer': 'Volunteers',
    'treasurer.group.system': 'Issuance account',
    'treasurer.group.other': 'Other ({group})',
    'treasurer.integrity.title': 'Integrity check',
    'treasurer.integrity.intro':
      'Recomputes every balance from the postings and checks the entries, the hash chain and the holds.',
    'treasurer.integrity.never': 'Not checked since you opened this page.',
    'treasurer.integrity.ok':
      'All right ({time}): {entries} entries, {postings} postings, {accounts} accounts and {holds} holds checked.',
    'treasurer.integrity.failed':
      'Discrepancies found ({time}): {count}. Book nothing more and contact the administrator.',
    'treasurer.integrity.run': 'Run the check',
    'treasurer.integrity.running': 'Checking… {seconds} s',
    'treasurer.integrity.error': 'The check could not be run: {detail} Please try again.',
    'treasurer.months.title': 'Months',
    'treasurer.months.intro':
      'A closed month is final: entries dated in it are refused afterwards, corrections included.',
    'treasurer.months.caption': 'The last twelve months',
    'treasurer.months.month': 'Month',
    'treasurer.months.state': 'State',
    'treasurer.months.open': 'open',
    'treasurer.months.closed': 'closed on {time}',
    'treasurer.months.close': 'Close',
    'treasurer.months.confirmTitle': 'Close {month}?',
    'treasurer.months.confirmText':
      'Once closed, Steerkes refuses every entry dated in {month}, corrections and reversals included: book those in an open month. The balances at the end of {month} are recorded. This cannot be undone.',
    'treasurer.months.confirm': 'Yes, close {month}',
    'treasurer.months.cancel': 'Cancel',
    'treasurer.months.done': '{month} is closed.',
    'treasurer.money.title': 'Issue and retire Steerkes',
    'treasurer.issue.title': 'Issue',
    'treasurer.issue.intro':
      'Creates new Steerkes on an account, such as an organisation’s budget.',
    'treasurer.retire.title': 'Retire',
    'treasurer.retire.intro':
      'Takes Steerkes out of circulation, such as those a business hands back.',
    'treasurer.form.account': 'Account',
    'treasurer.form.chooseAccount': 'Choose an account',
    'treasurer.form.amount': 'Amount in STK',
    'treasurer.form.amountHint': 'For example 500 or 12.50',
    'treasurer.form.amountInvalid': 'Enter an amount above 0 with at most two decimals.',
    'treasurer.form.accountMissing': 'Choose an account.',
    'treasurer.form.description': 'Description',
    'treasurer.form.descriptionMissing': 'Enter a description: it goes into the ledger.',
    'treasurer.form.balance': '{name} (balance {balance})',
    'treasurer.issue.submit': 'Issue',
    'treasurer.retire.submit': 'Retire',
    'treasurer.form.busy': 'Working…',
    'treasurer.form.retry': 'Try again',
    'treasurer.form.noAnswer':
      'No answer from the server. Press “Try again”: it will not be booked twice.',
    'treasurer.issue.done': '{amount} issued to {name} (entry {sequence}).',
    'treasurer.retire.done': '{amount} retired from {name} (entry {sequence}).',
    'treasurer.refusal.failed': 'That did not work.',
    'treasurer.refusal.INSUFFICIENT_FUNDS':
      'That account does not hold enough. Retire at most its available balance.',
    'treasurer.refusal.PERIOD_CLOSED':
      'That month is already closed. Book a correction in an open month.',
    'treasurer.refusal.PERIOD_NOT_ENDED':
      'That month has not ended yet. A month can be closed only after its last day.',
    'treasurer.refusal.ACCOUNT_NOT_OPEN':
      'That account is frozen or closed. Choose another account or ask the administrator.',
    'treasurer.refusal.BALANCE_LIMIT_EXCEEDED':
      'That amount does not fit within the account’s limit. Choose a smaller amount or ask the administrator to raise the limit.',
    'treasurer.exports.title': 'Exports',
    'treasurer.exports.intro':
      'The whole ledger as a file, with a check of the balances at the end of every closed month. hledger and Beancount read it as it is.',
    'treasurer.exports.csv': 'Download CSV',
    'treasurer.exports.hledger': 'Download hledger journal',
    'treasurer.exports.beancount': 'Download Beancount file',
    'treasurer.exports.busy': 'Making the file…',
    'treasurer.exports.done': '{file} has been downloaded.',
    'treasurer.exports.failed': 'The file could not be made: {detail} Please try again.',
  },
);
