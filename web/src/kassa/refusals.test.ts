import { describe, expect, it } from 'vitest';
import { COMMON_ERRORS } from '../../../src/common/errors/error-catalogue';
import { LEDGER_ERRORS } from '../../../src/ledger/ledger.error-codes';
import { PASSES_ERRORS } from '../../../src/passes/passes.error-codes';
import { translate } from '../i18n/i18n';
import { refusalKey } from './Refusal';

/** Every refusal the redemption and void endpoints can give (the passes module's codes, and the general ones they use). */
const REDEMPTION_REFUSALS = [
  // Not answered at the counter: issuing a pass, and a business setting an offer's euro value.
  ...Object.keys(PASSES_ERRORS).filter(
    (code) => code !== 'PASS_ALREADY_ACTIVE' && code !== 'OFFER_EURO_VALUE_TOO_HIGH',
  ),
  'INSUFFICIENT_FUNDS',
  'ACCOUNT_NOT_OPEN',
  'RATE_LIMITED',
  'NOT_FOUND',
  'FORBIDDEN',
  'IDEMPOTENCY_KEY_REUSED',
  'VALIDATION_FAILED',
];

describe('refusals at the counter', () => {
  it('the API tells the counter nothing of the volunteer: no account, balance, euros received or block reason', () => {
    for (const code of [
      'PASS_BLOCKED',
      'PASS_BALANCE_INSUFFICIENT',
      'FISCAL_LIMIT_REACHED',
      'PASS_DAILY_LIMIT_REACHED',
    ] as const) {
      for (const language of ['nl', 'en'] as const)
        expect(PASSES_ERRORS[code][language]).not.toMatch(
          /\{(accountId|available|balance|received|room|reason|basis|limitAmount|spentToday)\}/,
        );
    }
  });

  it('every refusal code of the redemption API has its own plain sentence in both languages', () => {
    for (const code of REDEMPTION_REFUSALS) {
      expect(code in COMMON_ERRORS || code in LEDGER_ERRORS || code in PASSES_ERRORS).toBe(true);
      const key = refusalKey(code);
      expect(key).toBe(`refusal.${code}`);
      for (const language of ['nl', 'en'] as const) {
        const sentence = translate(language, key);
        expect(sentence).not.toContain(code);
        expect(sentence).not.toMatch(/[{}]/);
        expect(sentence.length).toBeGreaterThan(20);
      }
    }
  });

  it('a code the counter does not expect gets the general sentence, never the code', () => {
    expect(refusalKey('SOMETHING_NEW')).toBe('refusal.other');
    expect(translate('en', refusalKey('SOMETHING_NEW'))).not.toContain('SOMETHING_NEW');
  });
});
