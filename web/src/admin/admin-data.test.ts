import { describe, expect, it } from 'vitest';
import { creditLimitFromInput, mayApprove, normaliseAmount } from './admin-data';

describe('normaliseAmount', () => {
  it.each([
    ['1,5', '1.50'],
    [' 2 ', '2.00'],
    ['0', '0.00'],
    ['007.25', '7.25'],
  ])('reads %j as %s', (text, amount) => expect(normaliseAmount(text)).toBe(amount));

  it.each(['', 'abc', '1.234', '-1', '1,2,3'])('refuses %j', (text) =>
    expect(normaliseAmount(text)).toBeNull(),
  );
});

describe('creditLimitFromInput', () => {
  it.each([
    ['150', '-150.00'],
    ['-150', '-150.00'],
    ['−75,5', '-75.50'],
    ['0', '0.00'],
    ['-0', '0.00'],
  ])('reads %j as the lowest balance %s', (text, limit) =>
    expect(creditLimitFromInput(text)).toBe(limit),
  );

  it.each(['', 'veel', '--5', '1.001'])('refuses %j', (text) =>
    expect(creditLimitFromInput(text)).toBeNull(),
  );
});

describe('mayApprove', () => {
  const proposal = { proposedBy: 'admin-1', proposedRole: 'admin' };
  it('lets the other role approve', () =>
    expect(mayApprove(proposal, { id: 'treasurer-1', role: 'treasurer' })).toBe(true));
  it('never lets the proposer approve their own proposal', () =>
    expect(mayApprove(proposal, { id: 'admin-1', role: 'admin' })).toBe(false));
  it('does not let another person of the same role approve', () =>
    expect(mayApprove(proposal, { id: 'admin-2', role: 'admin' })).toBe(false));
});
