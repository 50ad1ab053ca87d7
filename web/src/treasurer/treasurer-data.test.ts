import { describe, expect, it } from 'vitest';
import type { Problem } from '../api/client';
import {
  endedMonths,
  exportFileName,
  exportMonths,
  centsToAmount,
  normaliseAmount,
  normaliseSignedAmount,
  refundableOf,
  refusalKey,
  sumInCents,
} from './treasurer-data';

const problem = (code: string): Problem => ({
  code: code as Problem['code'],
  type: 'about:blank',
  title: 'x',
  status: 422,

  detail: 'detail',
  instance: '/',
  requestId: '',
});

describe('the treasurer’s pages', () => {
  it('list the months that have ended, newest first, across the turn of the year', () => {
    expect(endedMonths('2026-12-03', 3)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(endedMonths('2027-02-01', 3)).toEqual(['2027-01', '2026-12', '2026-11']);
    expect(endedMonths('2026-12-03')).toHaveLength(12);
  });

  it('read an amount as people type it, and refuse what is none', () => {
    expect(normaliseAmount('500')).toBe('500.00');
    expect(normaliseAmount(' 12,5 ')).toBe('12.50');
    expect(normaliseAmount('0.25')).toBe('0.25');
    expect(normaliseAmount('007')).toBe('7.00');
    expect(normaliseAmount('0')).toBeNull();
    expect(normaliseAmount('1.234')).toBeNull();
    expect(normaliseAmount('-5')).toBeNull();
    expect(normaliseAmount('1.000,00')).toBeNull();
    expect(normaliseAmount('')).toBeNull();
  });

  it('say in words what to do for refusals they know, and leave others to the API’s detail', () => {
    expect(refusalKey(problem('PERIOD_CLOSED'))).toBe('treasurer.refusal.PERIOD_CLOSED');
    expect(refusalKey(problem('INSUFFICIENT_FUNDS'))).toBe('treasurer.refusal.INSUFFICIENT_FUNDS');
    expect(refusalKey(problem('SOMETHING_ELSE'))).toBeNull();
  });

  it('offer this month, the twelve ended ones and older closed ones to export, newest first', () => {
    const months = exportMonths('2026-12-03', ['2025-06', '2026-10']);
    expect(months).toHaveLength(1 + 12 + 1);
    expect(months.slice(0, 3)).toEqual([
      { period: '2026-12', closed: false },
      { period: '2026-11', closed: false },
      { period: '2026-10', closed: true },
    ]);
    expect(months.at(-1)).toEqual({ period: '2025-06', closed: true });
    expect(exportMonths('2026-12-03', ['2026-11'])).toHaveLength(13);
  });

  it('name an export file as the API does, with its month when it is one month', () => {
    expect(exportFileName('hledger', null)).toBe('steerkes.journal');
    expect(exportFileName('beancount', '2026-10')).toBe('steerkes-2026-10.beancount');
    expect(exportFileName('csv', '2026-10')).toBe('steerkes-2026-10.csv');
  });
});

describe('the lines of a multi-posting entry', () => {
  it('reads signed amounts as people type them', () => {
    expect(normaliseSignedAmount('-12,5')).toBe('-12.50');
    expect(normaliseSignedAmount('−3')).toBe('-3.00');
    expect(normaliseSignedAmount('+ 7.25')).toBe('7.25');
    expect(normaliseSignedAmount('0')).toBeNull();
    expect(normaliseSignedAmount('-')).toBeNull();
    expect(normaliseSignedAmount('1.234')).toBeNull();
  });

  it('sums in cents, exactly', () => {
    expect(sumInCents(['0.10', '0.20', '-0.30'])).toBe(0);
    expect(sumInCents(['-25', '12,50', '12.49'])).toBe(-1);
    expect(sumInCents(['', 'veel', '5'])).toBe(500);
    expect(centsToAmount(-1)).toBe('-0.01');
    expect(centsToAmount(1250)).toBe('12.50');
  });

  it('knows what a settled booking can still pay back', () => {
    expect(refundableOf({ charged: '10.00', depositKept: '2.50', refunded: '4.00' })).toBe('8.50');
    expect(refundableOf({ charged: null, depositKept: null, refunded: '0.00' })).toBe('0.00');
  });
});
