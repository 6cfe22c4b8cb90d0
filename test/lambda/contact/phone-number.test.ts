import fc from 'fast-check';
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, isValidPhoneNumber as siteCheck } from 'libphonenumber-js';
import { isValidPhoneNumber as maxMetadataCheck } from 'libphonenumber-js/max';
import { toE164 } from '../../../lambda/contact/phone-number';

describe('toE164', () => {
  it.each([
    ['+447911123456', '+447911123456'],
    ['+44 7911 123456', '+447911123456'],
    ['+44 (0) 7911 123456', '+447911123456'],
    ['+44-7911-123-456', '+447911123456'],
    ['+44.7911.123456', '+447911123456'],
    ['07911 123456', '+447911123456'],
    ['(07911) 123-456', '+447911123456'],
    ['+44 7624 369230', '+447624369230'],
    ['+1 212 555 0123', '+12125550123'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+7 800 555 35 35', '+78005553535'],
    ['+49 30 123456', '+4930123456'],
  ])('reads %j as %j', (input, e164) => {
    expect(toE164(input)).toBe(e164);
  });

  it.each(['+44', '+447911', '+441234', '+999 1234 5678', 'call +447911123456', 'tel:+447911123456', '+44 7911 123456 x', 'not a number', '123'])(
    'refuses %j',
    (input) => {
      expect(toE164(input)).toBeUndefined();
    },
  );

  it.each(['+17840235071', '+33594218206', '+491939411'])('accepts %j, which the site accepts though the max metadata does not', (number) => {
    expect([siteCheck(number), maxMetadataCheck(number)]).toEqual([true, false]);
    expect(toE164(number)).toBe(number);
  });

  it('accepts every number the site accepts, with or without spaces', () => {
    const callingCodes = [...new Set(getCountries().map((country) => getCountryCallingCode(country)))];
    fc.assert(
      fc.property(fc.constantFrom(...callingCodes), fc.stringMatching(/^\d{6,12}$/), fc.integer({ min: 1, max: 4 }), (callingCode, digits, groupSize) => {
        const number = `+${callingCode}${digits}`;
        fc.pre(siteCheck(number));
        const spaced = `+${callingCode} ${digits.replace(new RegExp(`(\\d{${groupSize}})(?=\\d)`, 'g'), '$1 ')}`;
        // E.164 as the site's library writes it (a trunk prefix dropped, as in +44 (0)).
        const e164 = parsePhoneNumberFromString(number)?.number;
        expect(e164).toMatch(/^\+\d+$/);
        expect(toE164(number)).toBe(e164);
        expect(toE164(spaced)).toBe(e164);
      }),
      { numRuns: 300, maxSkipsPerRun: 1000 },
    );
  });
});
