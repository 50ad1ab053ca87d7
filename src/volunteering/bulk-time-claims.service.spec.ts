import { BulkTimeClaimsService, checkParticipants } from './bulk-time-claims.service.js';

describe(BulkTimeClaimsService.name, () => {
  describe(checkParticipants.name, () => {
    const anouk = 'anouk';
    const bram = 'bram';

    it('prices each line at the rate and counts a volunteer’s lines on top of their day', () => {
      const { lines, problems } = checkParticipants(
        [
          { volunteerId: anouk, hours: '2.50' },
          { volunteerId: bram, hours: 0.25 },
        ],
        new Set([anouk, bram]),
        new Map([[anouk, 20 * 60]]),
        120n,
      );
      expect(problems).toEqual([]);
      expect(lines).toEqual([
        { volunteerId: anouk, minutes: 150, amountMinor: 300n },
        { volunteerId: bram, minutes: 15, amountMinor: 30n },
      ]);
    });

    it('names the line that takes a day past 24 hours, counting earlier lines of the same request', () => {
      const { problems } = checkParticipants(
        [
          { volunteerId: anouk, hours: '3.00' },
          { volunteerId: bram, hours: '24.00' },
          { volunteerId: anouk, hours: '1.25' },
          { volunteerId: anouk, hours: '0.25' }, // fits once the line before is left out
          { volunteerId: anouk, hours: '1.00' },
        ],
        new Set([anouk, bram]),
        new Map([[anouk, 20 * 60]]),
        100n,
      );
      expect(problems).toEqual([
        {
          field: 'participants.2.hours',
          code: 'TIME_CLAIM_DAY_LIMIT_EXCEEDED',
          parameters: { claimed: '23.00', requested: '1.25', limit: 24 },
        },
        {
          field: 'participants.4.hours',
          code: 'TIME_CLAIM_DAY_LIMIT_EXCEEDED',
          parameters: { claimed: '23.25', requested: '1.00', limit: 24 },
        },
      ]);
    });

    it('lists an unknown volunteer and bad hours on their own fields', () => {
      const { problems } = checkParticipants(
        [{ volunteerId: 'nobody', hours: '1.10' }],
        new Set([anouk]),
        new Map(),
        100n,
      );
      expect(problems).toEqual([
        { field: 'participants.0.volunteerId', code: 'TIME_CLAIM_VOLUNTEER_UNKNOWN' },
        { field: 'participants.0.hours', code: 'isQuarterHours' },
      ]);
    });
  });
});
