import { isUniqueViolation, requestFingerprint, VolunteeringRequests } from './volunteering-requests.js';

describe(VolunteeringRequests.name, () => {
  describe(requestFingerprint.name, () => {
    it('is the same for the same content in any key order, and differs for other content', () => {
      const body = { date: '2026-11-21', participants: [{ volunteerId: 'a', hours: '1.00' }] };
      expect(requestFingerprint({ action: 'bulk', ...body })).toBe(requestFingerprint({ participants: [{ hours: '1.00', volunteerId: 'a' }], date: '2026-11-21', action: 'bulk' }));
      expect(requestFingerprint({ action: 'bulk', ...body })).not.toBe(requestFingerprint({ action: 'bulk', ...body, date: '2026-11-22' }));
      expect(requestFingerprint({ hours: '2.5' })).not.toBe(requestFingerprint({ hours: 2.5 }));
    });
  });

  describe(isUniqueViolation.name, () => {
    it('recognises PostgreSQL’s and SQLite’s duplicate-key errors, and nothing else', () => {
      expect(isUniqueViolation({ driverError: { code: '23505' } })).toBe(true);
      expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })).toBe(true);
      expect(isUniqueViolation({ driverError: { code: '40001' } })).toBe(false);
      expect(isUniqueViolation(new Error('boom'))).toBe(false);
      expect(isUniqueViolation(undefined)).toBe(false);
    });
  });
});
