import { defineMessages } from '../i18n/define-messages';

/** Texts of the counter (/kassa). Refusals say what happened and what the operator does next. */
export const kassaMessages = defineMessages(
  {
    'kassa.title': 'Kassa',
    'kassa.pass.legend': 'Voordeelpas',
    'kassa.pass.label': 'Pasnummer',
    'kassa.pass.hint':
      '12 cijfers, spaties mogen. Typ, scan met een handscanner, of gebruik de camera.',
    'kassa.pass.valid': 'Pasnummer klopt.',
    'kassa.pass.incomplete': 'Nog {count} cijfers.',
    'kassa.pass.tooLong': 'Een pasnummer heeft 12 cijfers; dit zijn er {count}.',
    'kassa.pass.notDigits': 'Alleen cijfers en spaties.',
    'kassa.pass.checkDigit':
      'Dit nummer klopt niet (controlecijfer). Controleer het op een tikfout.',
    'kassa.camera.start': 'Scan met camera',
    'kassa.camera.stop': 'Camera sluiten',
    'kassa.camera.label': 'Camerabeeld: houd de QR-code van de pas voor de camera',
    'kassa.camera.loading': 'Camera wordt gestart…',
    'kassa.camera.scanning': 'Houd de QR-code van de pas voor de camera.',
    'kassa.camera.denied':
      'De camera mag niet worden gebruikt. Sta de camera toe in de browser, of typ het pasnummer.',
    'kassa.camera.unavailable':
      'Geen camera gevonden of de scanner kon niet laden. Typ het pasnummer.',
    'kassa.camera.notAPass': 'Deze QR-code is geen voordeelpas. Probeer het opnieuw.',
    'kassa.offers.legend': 'Aanbod',
    'kassa.offers.loading': 'Aanbod laden…',
    'kassa.offers.none': 'Je bedrijf heeft vandaag geen aanbod dat kan worden ingewisseld.',
    'kassa.offers.stockLeft': 'nog {count}',
    'kassa.quantity.label': 'Aantal',
    'kassa.quantity.less': 'Eén minder',
    'kassa.quantity.more': 'Eén meer',
    'kassa.total': 'Totaal: {amount}',
    'kassa.redeem': 'Inwisselen',
    'kassa.redeeming': 'Bezig met inwisselen…',
    'kassa.choose.pass': 'Vul eerst een geldig pasnummer in.',
    'kassa.choose.offer': 'Kies een aanbod.',
    'kassa.pin.title': 'Pincode van de pas',
    'kassa.pin.instruction':
      'Deze pas heeft een pincode. Geef het apparaat aan de vrijwilliger om de pincode in te toetsen.',
    'kassa.pin.label': 'Pincode',
    'kassa.pin.digits': '{count} cijfers ingetoetst',
    'kassa.pin.delete': 'Laatste cijfer wissen',
    'kassa.pin.clear': 'Wissen',
    'kassa.pin.confirm': 'Bevestigen',
    'kassa.pin.cancel': 'Annuleren',
    'kassa.retry.title': 'Geen antwoord van de server',
    'kassa.retry.text':
      'We weten niet of de inwisseling is gelukt. Probeer het opnieuw: er wordt nooit twee keer afgeschreven.',
    'kassa.retry.button': 'Opnieuw proberen',
    'kassa.refused.title': 'Niet ingewisseld',
    'kassa.refused.again': 'Terug',
    'kassa.receipt.title': 'Ingewisseld',
    'kassa.receipt.offer': 'Aanbod',
    'kassa.receipt.quantity': 'Aantal',
    'kassa.receipt.steerkes': 'Steerkes',
    'kassa.receipt.euro': 'Waarde in euro',
    'kassa.receipt.pass': 'Pas',
    'kassa.receipt.at': 'Tijd',
    'kassa.receipt.fiscal': 'Zeg tegen de vrijwilliger:',
    'kassa.receipt.undo': 'Ongedaan maken',
    'kassa.receipt.undoTimeLeft': 'Ongedaan maken kan nog {time}.',
    'kassa.receipt.undoClosed':
      'Ongedaan maken kan niet meer; alleen de penningmeester kan dit nog terugboeken.',
    'kassa.receipt.undone': 'Ongedaan gemaakt: de Steerkes zijn terug bij de vrijwilliger.',
    'kassa.receipt.next': 'Volgende klant',
    'kassa.today.title': 'Vandaag',
    'kassa.today.empty': 'Vandaag nog niets ingewisseld.',
    'kassa.today.total': 'Totaal vandaag: {count} × ingewisseld, {amount}, {euro}',
    'kassa.today.time': 'Tijd',
    'kassa.today.offer': 'Aanbod',
    'kassa.today.pass': 'Pas',
    'kassa.today.amount': 'Steerkes',
    'kassa.today.status': 'Status',
    'kassa.today.action': 'Actie',
    'kassa.today.status.completed': 'ingewisseld',
    'kassa.today.status.voided': 'ongedaan gemaakt',
    'kassa.today.status.reversed': 'teruggeboekt',
    'kassa.today.undo': 'Ongedaan maken ({time})',
    'kassa.today.undoFailed': 'Ongedaan maken lukte niet.',
    'refusal.PASS_NOT_FOUND':
      'Deze pas bestaat niet. Controleer het nummer of scan de pas opnieuw.',
    'refusal.PASS_CHECK_DIGIT_INVALID':
      'Dit pasnummer klopt niet. Controleer het op een tikfout of scan de pas.',
    'refusal.PASS_BLOCKED':
      'Deze pas is geblokkeerd. De vrijwilliger ziet in de app waarom en kan daar een nieuwe pas aanvragen.',
    'refusal.PASS_EXPIRED':
      'Deze pas is verlopen. Vraag de vrijwilliger een nieuwe pas aan te vragen in de app.',
    'refusal.PIN_REQUIRED':
      'Deze pas heeft een pincode. Laat de vrijwilliger de pincode intoetsen.',
    'refusal.PIN_INCORRECT': 'De pincode is onjuist. Laat de vrijwilliger het nog eens proberen.',
    'refusal.PIN_ATTEMPTS_EXHAUSTED':
      'De pincode was te vaak onjuist: de pas is nu geblokkeerd. De vrijwilliger vraagt een nieuwe pas aan in de app.',
    'refusal.OFFER_OF_ANOTHER_BUSINESS':
      'Dit aanbod is van een ander bedrijf. Kies een aanbod van jouw bedrijf.',
    'refusal.OFFER_NOT_ACTIVE':
      'Dit aanbod kan vandaag niet worden ingewisseld. Kies een ander aanbod.',
    'refusal.OFFER_OUT_OF_STOCK':
      'Er is niet genoeg voorraad van dit aanbod. Kies een kleiner aantal of een ander aanbod.',
    'refusal.OFFER_PER_PASS_LIMIT_REACHED':
      'De vrijwilliger heeft dit aanbod al zo vaak gehad als mag. Kies een kleiner aantal of een ander aanbod.',
    'refusal.PASS_DAILY_LIMIT_REACHED':
      'Met deze pas is vandaag al het maximum besteed. De vrijwilliger kan morgen weer terugkomen.',
    'refusal.FISCAL_LIMIT_REACHED':
      'Hiermee gaat de vrijwilliger over de belastingvrije grens. Kies een goedkoper aanbod of een kleiner aantal.',
    'refusal.FISCAL_LIMITS_NOT_CONFIGURED':
      'Inwisselen kan nog niet: de beheerder van Steerkes moet eerst de belastingvrije grenzen instellen. Neem contact op met Steerkes.',
    'refusal.INSUFFICIENT_FUNDS':
      'De vrijwilliger heeft niet genoeg Steerkes. Kies een goedkoper aanbod of een kleiner aantal.',
    'refusal.PASS_BALANCE_INSUFFICIENT':
      'Niet genoeg Steerkes op deze pas. Kies een goedkoper aanbod of een kleiner aantal; de vrijwilliger ziet het saldo in de app.',
    'refusal.PIN_ATTEMPTS_PAUSED':
      'Te vaak een onjuiste pincode bij jouw bedrijf: probeer deze pas later opnieuw. De vrijwilliger kan in de app een nieuwe pincode instellen.',
    'refusal.ACCOUNT_NOT_OPEN':
      'De rekening van de vrijwilliger of van je bedrijf is gesloten of bevroren. Neem contact op met Steerkes.',
    'refusal.RATE_LIMITED':
      'Te veel inwisselingen in korte tijd. Wacht een minuut en probeer het opnieuw.',
    'refusal.REDEMPTION_VOID_WINDOW_CLOSED':
      'De tijd om ongedaan te maken is voorbij. Vraag de penningmeester van Steerkes om dit terug te boeken.',
    'refusal.REDEMPTION_NOT_COMPLETED': 'Deze inwisseling was al ongedaan gemaakt of teruggeboekt.',
    'refusal.NOT_FOUND':
      'Dit aanbod of deze inwisseling bestaat niet (meer). Ververs de pagina en kies opnieuw.',
    'refusal.FORBIDDEN': 'Dit mag je niet met dit account. Log in met het account van de kassa.',
    'refusal.IDEMPOTENCY_KEY_REUSED':
      'Deze poging botst met een eerdere. Begin opnieuw met "Volgende klant".',
    'refusal.VALIDATION_FAILED': 'Controleer het pasnummer, het aanbod en het aantal.',
    'refusal.other':
      'Inwisselen lukte niet. Probeer het opnieuw; lukt het dan nog niet, neem contact op met Steerkes.',
  },
  {
    'kassa.title': 'Counter',
    'kassa.pass.legend': 'Voordeelpas',
    'kassa.pass.label': 'Pass number',
    'kassa.pass.hint':
      '12 digits, spaces allowed. Type it, scan with a hand scanner, or use the camera.',
    'kassa.pass.valid': 'Pass number is valid.',
    'kassa.pass.incomplete': '{count} more digits.',
    'kassa.pass.tooLong': 'A pass number has 12 digits; this has {count}.',
    'kassa.pass.notDigits': 'Digits and spaces only.',
    'kassa.pass.checkDigit': 'This number is not valid (check digit). Check it for a typo.',
    'kassa.camera.start': 'Scan with camera',
    'kassa.camera.stop': 'Close camera',
    'kassa.camera.label': 'Camera view: hold the pass’s QR code in front of the camera',
    'kassa.camera.loading': 'Starting the camera…',
    'kassa.camera.scanning': 'Hold the pass’s QR code in front of the camera.',
    'kassa.camera.denied':
      'The camera may not be used. Allow the camera in the browser, or type the pass number.',
    'kassa.camera.unavailable':
      'No camera found or the scanner could not load. Type the pass number.',
    'kassa.camera.notAPass': 'This QR code is not a voordeelpas. Try again.',
    'kassa.offers.legend': 'Offer',
    'kassa.offers.loading': 'Loading offers…',
    'kassa.offers.none': 'Your business has no offer that can be redeemed today.',
    'kassa.offers.stockLeft': '{count} left',
    'kassa.quantity.label': 'Quantity',
    'kassa.quantity.less': 'One less',
    'kassa.quantity.more': 'One more',
    'kassa.total': 'Total: {amount}',
    'kassa.redeem': 'Redeem',
    'kassa.redeeming': 'Redeeming…',
    'kassa.choose.pass': 'Enter a valid pass number first.',
    'kassa.choose.offer': 'Choose an offer.',
    'kassa.pin.title': 'The pass’s PIN',
    'kassa.pin.instruction':
      'This pass has a PIN. Hand the device to the volunteer to type the PIN.',
    'kassa.pin.label': 'PIN',
    'kassa.pin.digits': '{count} digits typed',
    'kassa.pin.delete': 'Delete last digit',
    'kassa.pin.clear': 'Clear',
    'kassa.pin.confirm': 'Confirm',
    'kassa.pin.cancel': 'Cancel',
    'kassa.retry.title': 'No answer from the server',
    'kassa.retry.text':
      'We do not know whether the redemption went through. Try again: it is never charged twice.',
    'kassa.retry.button': 'Try again',
    'kassa.refused.title': 'Not redeemed',
    'kassa.refused.again': 'Back',
    'kassa.receipt.title': 'Redeemed',
    'kassa.receipt.offer': 'Offer',
    'kassa.receipt.quantity': 'Quantity',
    'kassa.receipt.steerkes': 'Steerkes',
    'kassa.receipt.euro': 'Value in euros',
    'kassa.receipt.pass': 'Pass',
    'kassa.receipt.at': 'Time',
    'kassa.receipt.fiscal': 'Tell the volunteer:',
    'kassa.receipt.undo': 'Undo',
    'kassa.receipt.undoTimeLeft': 'Undo is possible for {time}.',
    'kassa.receipt.undoClosed':
      'Undo is no longer possible; only the treasurer can reverse this now.',
    'kassa.receipt.undone': 'Undone: the Steerkes are back with the volunteer.',
    'kassa.receipt.next': 'Next customer',
    'kassa.today.title': 'Today',
    'kassa.today.empty': 'Nothing redeemed yet today.',
    'kassa.today.total': 'Total today: {count} × redeemed, {amount}, {euro}',
    'kassa.today.time': 'Time',
    'kassa.today.offer': 'Offer',
    'kassa.today.pass': 'Pass',
    'kassa.today.amount': 'Steerkes',
    'kassa.today.status': 'Status',
    'kassa.today.action': 'Action',
    'kassa.today.status.completed': 'redeemed',
    'kassa.today.status.voided': 'undone',
    'kassa.today.status.reversed': 'reversed',
    'kassa.today.undo': 'Undo ({time})',
    'kassa.today.undoFailed': 'Undo did not work.',
    'refusal.PASS_NOT_FOUND': 'This pass does not exist. Check the number or scan the pass again.',
    'refusal.PASS_CHECK_DIGIT_INVALID':
      'This pass number is not valid. Check it for a typo or scan the pass.',
    'refusal.PASS_BLOCKED':
      'This pass is blocked. The volunteer can see why in the app and ask for a new pass there.',
    'refusal.PASS_EXPIRED':
      'This pass has expired. Ask the volunteer to ask for a new pass in the app.',
    'refusal.PIN_REQUIRED': 'This pass has a PIN. Let the volunteer type the PIN.',
    'refusal.PIN_INCORRECT': 'The PIN is wrong. Let the volunteer try again.',
    'refusal.PIN_ATTEMPTS_EXHAUSTED':
      'The PIN was wrong too often: the pass is now blocked. The volunteer asks for a new pass in the app.',
    'refusal.OFFER_OF_ANOTHER_BUSINESS':
      'This offer belongs to another business. Choose an offer of your business.',
    'refusal.OFFER_NOT_ACTIVE': 'This offer cannot be redeemed today. Choose another offer.',
    'refusal.OFFER_OUT_OF_STOCK':
      'There is not enough stock of this offer. Choose a smaller quantity or another offer.',
    'refusal.OFFER_PER_PASS_LIMIT_REACHED':
      'The volunteer has already had this offer as often as allowed. Choose a smaller quantity or another offer.',
    'refusal.PASS_DAILY_LIMIT_REACHED':
      'This pass has spent the most it may today. The volunteer can come back tomorrow.',
    'refusal.FISCAL_LIMIT_REACHED':
      'This would take the volunteer over the tax-free limit. Choose a cheaper offer or a smaller quantity.',
    'refusal.FISCAL_LIMITS_NOT_CONFIGURED':
      'Redeeming is not possible yet: the Steerkes administrator must first set the tax-free limits. Contact Steerkes.',
    'refusal.INSUFFICIENT_FUNDS':
      'The volunteer does not have enough Steerkes. Choose a cheaper offer or a smaller quantity.',
    'refusal.PASS_BALANCE_INSUFFICIENT':
      'Not enough Steerkes on this pass. Choose a cheaper offer or a smaller quantity; the volunteer can see their balance in the app.',
    'refusal.PIN_ATTEMPTS_PAUSED':
      'Too many wrong PINs at your business: try this pass again later. The volunteer can set a new PIN in the app.',
    'refusal.ACCOUNT_NOT_OPEN':
      'The volunteer’s or your business’s account is closed or frozen. Contact Steerkes.',
    'refusal.RATE_LIMITED': 'Too many redemptions in a short time. Wait a minute and try again.',
    'refusal.REDEMPTION_VOID_WINDOW_CLOSED':
      'The time to undo has passed. Ask the Steerkes treasurer to reverse it.',
    'refusal.REDEMPTION_NOT_COMPLETED': 'This redemption was already undone or reversed.',
    'refusal.NOT_FOUND':
      'This offer or redemption does not exist (any more). Reload the page and choose again.',
    'refusal.FORBIDDEN': 'This account may not do this. Log in with the counter’s account.',
    'refusal.IDEMPOTENCY_KEY_REUSED':
      'This attempt clashes with an earlier one. Start again with "Next customer".',
    'refusal.VALIDATION_FAILED': 'Check the pass number, the offer and the quantity.',
    'refusal.other': 'Redeeming did not work. Try again; if it still fails, contact Steerkes.',
  },
);
