import { describe, expect, it } from 'vitest';
import { bulkBody, keyFor, placeRefusals } from './bulk-activity';

const error = (field: string, message: string) => ({ field, code: 'X', message });

describe('placeRefusals', () => {
  it('puts each refusal at its line and field', () => {
    const placed = placeRefusals({
      errors: [
        error('participants.1.hours', 'Te veel uren.'),
        error('participants.2.volunteerId', 'Onbekend.'),
        error('participants.2.hours', 'Geen kwartier.'),
        error('participants', 'Niet genoeg Steerkes.'),
        error('date', 'Na vandaag.'),
        error('activity', 'Leeg.'),
        error('cursor', 'Vreemd.'),
      ],
    });
    expect(placed.lines.get(0)).toBeUndefined();
    expect(placed.lines.get(1)).toEqual({ hours: 'Te veel uren.' });
    expect(placed.lines.get(2)).toEqual({ volunteerId: 'Onbekend.', hours: 'Geen kwartier.' });
    expect(placed.participants).toEqual(['Niet genoeg Steerkes.']);
    expect(placed.date).toBe('Na vandaag.');
    expect(placed.activity).toBe('Leeg.');
    expect(placed.other).toEqual(['Vreemd.']);
  });

  it('joins two refusals of one field and places a bare line index at the volunteer', () => {
    const placed = placeRefusals({
      errors: [error('participants.0', 'Moet een object zijn.'), error('participants.0', 'Nog.')],
    });
    expect(placed.lines.get(0)).toEqual({ volunteerId: 'Moet een object zijn. Nog.' });
  });

  it('has nothing to place without errors', () => {
    expect(placeRefusals({}).lines.size).toBe(0);
  });
});

describe('bulkBody', () => {
  it('reads a decimal comma as a point', () => {
    expect(
      bulkBody({
        date: '2026-11-21',
        activity: 'Buurtfeest',
        lines: [{ volunteerId: 'v', hours: ' 2,5 ' }],
      }),
    ).toEqual({
      date: '2026-11-21',
      activity: 'Buurtfeest',
      participants: [{ volunteerId: 'v', hours: '2.5' }],
    });
  });
});

describe('keyFor', () => {
  it('keeps the key for the same request and makes a new one for a changed request', () => {
    let n = 0;
    const next = () => `key-${++n}`;
    const first = keyFor(null, { a: 1 }, next);
    expect(first.key).toBe('key-1');
    expect(keyFor(first, { a: 1 }, next)).toBe(first);
    expect(keyFor(first, { a: 2 }, next).key).toBe('key-2');
  });
});
