import fc from 'fast-check';
import {
  formatPassNumber,
  generatePassNumber,
  hasValidCheckDigit,
  luhnCheckDigit,
  PASS_NUMBER_LENGTH,
  passNumberFromDigits,
  readPassNumber,
} from './pass-number.js';

describe('pass numbers (Luhn, ISO/IEC 7812-1)', () => {
  describe(luhnCheckDigit.name, () => {
    it('matches the published examples', () => {
      expect(luhnCheckDigit('7992739871')).toBe(3);
      expect(hasValidCheckDigit('79927398713')).toBe(true);
      // A well-known card test number.
      expect(hasValidCheckDigit('4539148803436467')).toBe(true);
      expect(luhnCheckDigit('0')).toBe(0);
    });

    it('refuses a payload that is not digits', () => {
      expect(() => luhnCheckDigit('12a4')).toThrow();
    });
  });

  describe(hasValidCheckDigit.name, () => {
    const validNumber = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 })
      .map((digits) => {
        const payload = digits.join('');
        return payload + String(luhnCheckDigit(payload));
      });

    it('catches every single mistyped digit', () => {
      fc.assert(
        fc.property(
          validNumber,
          fc.integer({ min: 0, max: PASS_NUMBER_LENGTH - 1 }),
          fc.integer({ min: 1, max: 9 }),
          (number, position, shift) => {
            const changed = (Number(number[position]) + shift) % 10;
            const typo = number.slice(0, position) + String(changed) + number.slice(position + 1);
            expect(hasValidCheckDigit(number)).toBe(true);
            expect(hasValidCheckDigit(typo)).toBe(false);
          },
        ),
      );
    });

    it('catches two swapped neighbours, except 09 ↔ 90 (Luhn’s known blind spot)', () => {
      fc.assert(
        fc.property(
          validNumber,
          fc.integer({ min: 0, max: PASS_NUMBER_LENGTH - 2 }),
          (number, position) => {
            const [a, b] = [number[position], number[position + 1]];
            fc.pre(a !== b && !((a === '0' && b === '9') || (a === '9' && b === '0')));
            const swapped = number.slice(0, position) + b + a + number.slice(position + 2);
            expect(hasValidCheckDigit(swapped)).toBe(false);
          },
        ),
      );
    });

    it('is false for too short or non-digit input', () => {
      expect(hasValidCheckDigit('7')).toBe(false);
      expect(hasValidCheckDigit('7992739871x')).toBe(false);
    });
  });

  describe(generatePassNumber.name, () => {
    it('draws 12 digits, never starting with 0, that pass the check', () => {
      for (let draw = 0; draw < 200; draw += 1) {
        const number = generatePassNumber();
        expect(number).toMatch(/^[1-9][0-9]{11}$/);
        expect(hasValidCheckDigit(number)).toBe(true);
      }
    });

    it('uses the random source for every payload digit (not a sequence)', () => {
      const digits = [0, 4, 4, 1, 7, 0, 9, 2, 3, 6, 6];
      let next = 0;
      const number = generatePassNumber(() => digits[next++]);
      expect(number).toBe(`14417092366${luhnCheckDigit('14417092366')}`);
    });
  });

  describe(passNumberFromDigits.name, () => {
    it('makes a valid number from given digits, with a non-zero first digit', () => {
      const number = passNumberFromDigits('01234567890');
      expect(number).toMatch(/^[1-9][0-9]{11}$/);
      expect(hasValidCheckDigit(number)).toBe(true);
      expect(() => passNumberFromDigits('123')).toThrow();
    });
  });

  describe(readPassNumber.name, () => {
    const number = `44170923661${luhnCheckDigit('44170923661')}`;

    it('reads a number as printed, with spaces or dashes', () => {
      expect(readPassNumber(formatPassNumber(number))).toEqual({ ok: true, number });
      expect(readPassNumber(formatPassNumber(number).replaceAll(' ', '-'))).toEqual({
        ok: true,
        number,
      });
    });

    it('tells a malformed number from a wrong check digit', () => {
      expect(readPassNumber('1234')).toEqual({ ok: false, reason: 'format' });
      expect(readPassNumber('44170923661a')).toEqual({ ok: false, reason: 'format' });
      const wrongCheck = number.slice(0, 11) + String((Number(number[11]) + 1) % 10);
      expect(readPassNumber(wrongCheck)).toEqual({ ok: false, reason: 'checkDigit' });
    });
  });

  it('prints in groups of four', () => {
    expect(formatPassNumber('441709236618')).toBe('4417 0923 6618');
  });
});
