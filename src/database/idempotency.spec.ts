import { createHash } from 'node:crypto';
import { isUniqueViolation, listFingerprint, requestFingerprint } from './idempotency.js';

describe('idempotency', () => {
  describe(requestFingerprint.name, () => {
    it('is the same for the same content in any key order, and differs for other content', () => {
      const body = { date: '2026-11-21', participants: [{ volunteerId: 'a', hours: '1.00' }] };
      expect(requestFingerprint({ action: 'bulk', ...body })).toBe(
        requestFingerprint({
          participants: [{ hours: '1.00', volunteerId: 'a' }],
          date: '2026-11-21',
          action: 'bulk',
        }),
      );
      expect(requestFingerprint({ action: 'bulk', ...body })).not.toBe(
        requestFingerprint({ action: 'bulk', ...body, date: '2026-11-22' }),
      );
      expect(requestFingerprint({ hours: '2.5' })).not.toBe(requestFingerprint({ hours: 2.5 }));
    });

    it('leaves out absent fields, so an omitted optional field and an undefined one are the same request', () => {
      expect(requestFingerprint({ listingId: 'l', note: undefined })).toBe(
        requestFingerprint({ listingId: 'l' }),
      );
      expect(requestFingerprint({ listingId: 'l', note: null })).not.toBe(
        requestFingerprint({ listingId: 'l' }),
      );
    });

    it('hashes a list of plain values as JSON.stringify writes it (fingerprints stored before one mechanism still match)', () => {
      const fields = ['transfer', 'a', 'b', '100', 'TRANSFER', 'rent', null, null];
      expect(listFingerprint(fields)).toBe(requestFingerprint(fields));
      const withPostings = [
        'entry',
        'ADJUST',
        'fix',
        null,
        [
          ['a', '-100'],
          ['b', '100'],
        ],
      ];
      expect(listFingerprint(withPostings)).toBe(requestFingerprint(withPostings));
      expect(requestFingerprint(fields)).toBe(
        createHash('sha256').update(JSON.stringify(fields)).digest('hex'),
      );
    });
  });

  describe(isUniqueViolation.name, () => {
    it('recognises PostgreSQL’s and SQLite’s duplicate-key errors, and nothing else', () => {
      expect(isUniqueViolation({ driverError: { code: '23505' } })).toBe(true);
      expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })).toBe(true);
      expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(true);
      expect(isUniqueViolation({ driverError: { code: '40001' } })).toBe(false);
      expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' })).toBe(false);
      expect(isUniqueViolation(new Error('boom'))).toBe(false);
      expect(isUniqueViolation(undefined)).toBe(false);
      expect(isUniqueViolation(null)).toBe(false);
    });
  });
});
