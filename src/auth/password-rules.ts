/**
 * What makes a new password too weak, beyond its length (PASSWORD_LENGTH_MIN in the DTOs): so few
 * distinct characters that it is a pattern, a password on every guessing list, or the user's own
 * e-mail name. OWASP's advice: length over composition rules, and refuse the known ones.
 */
const DISTINCT_CHARACTERS_MIN = 5;
/** The guessed first, and the demo's public password. */
const COMMON_PASSWORDS = new Set([
  'steerkes-demo',
  'password123',
  'password1234',
  'wachtwoord123',
  'welkom12345',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'qwerty123456',
  'abcdefghij',
  'iloveyou123',
  'maastricht123',
  'letmein12345',
  'administrator',
]);
const OWN_NAME_LENGTH_MIN = 4;

/** The field-message code of the weakness, or null for a password strong enough. */
export function passwordWeakness(password: string, email: string): 'PASSWORD_TOO_WEAK' | null {
  const lower = password.toLowerCase();
  const ownName = email.split('@')[0]?.toLowerCase() ?? '';
  if (new Set(lower).size < DISTINCT_CHARACTERS_MIN) return 'PASSWORD_TOO_WEAK';
  if (COMMON_PASSWORDS.has(lower)) return 'PASSWORD_TOO_WEAK';
  if (ownName.length >= OWN_NAME_LENGTH_MIN && lower.includes(ownName)) return 'PASSWORD_TOO_WEAK';
  return null;
}
