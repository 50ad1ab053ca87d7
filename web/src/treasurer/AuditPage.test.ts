import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/catalogue';
import { actionKey, AUDIT_ACTIONS, detailsText } from './AuditPage';

describe('the audit log page', () => {
  it('has a name in both languages for every action it offers, and none for others', () => {
    for (const action of AUDIT_ACTIONS) {
      const key = actionKey(action)!;
      expect(MESSAGES.nl[key]).toBeTruthy();
      expect(MESSAGES.en[key]).toBeTruthy();
    }
    expect(actionKey('something.new')).toBeNull();
  });

  it('shows the first plain values of an event’s details', () => {
    expect(
      detailsText({
        amount: '25.00',
        description: 'Extra budget',
        postings: [{ accountId: 'a' }],
        replay: false,
        period: '2026-10',
        more: 'left out',
      }),
    ).toBe('amount: 25.00 · description: Extra budget · replay: false · period: 2026-10');
    expect(detailsText({})).toBe('');
  });
});
