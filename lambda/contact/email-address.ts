import { domainToASCII } from 'node:url';

export type EmailAddressCheck =
  | { readonly valid: true; /** The address with its domain in ASCII (Punycode), as mail is sent. */ readonly address: string }
  | { readonly valid: false; /** Why, as the end of a sentence that starts with "Email". */ readonly problem: string };

const NON_ASCII = /[^\x00-\x7F]/;

/**
 * Checks an email address as leniently as the site does, and returns it with
 * its domain in Punycode.
 *
 * The site only checks `^[^\s@]+@[^\s@]+\.[^\s@]+$`, then tells the visitor
 * "sent" whatever we answer, so a refusal here loses the lead in silence.
 * This accepts every address that rule accepts, except those that can never
 * receive mail:
 * - an empty label in the domain (a dot right after the `@`, two dots in a
 *   row, or a trailing dot): DNS and SMTP have no such name;
 * - a Unicode label with no Punycode form (UTS #46 refuses it): it has no name
 *   in DNS;
 * - a label over 63 or a domain over 253 characters, DNS's own limits.
 * Everything else is kept as typed, even where RFC 5321 is stricter (a local
 * part with unusual characters, an underscore in the domain): someone can
 * still try to answer it, and the phone number is always there.
 */
export function checkEmailAddress(input: string): EmailAddressCheck {
  if (/\s/.test(input)) return invalid('must not contain spaces');
  const parts = input.split('@');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return invalid('must be one address, as in name@example.com');
  const [localPart, domain] = parts as [string, string];
  if (domain.endsWith('.')) return invalid('must not end with a dot');
  const asciiLabels = domain.split('.').map(toAsciiLabel);
  if (asciiLabels.includes(undefined)) return invalid('has a domain name that cannot exist (no Punycode form)');
  const asciiDomain = asciiLabels.join('.');
  const labels = asciiDomain.split('.');
  if (labels.length < 2) return invalid('must have a domain with a dot, as in name@example.com');
  if (labels.includes('')) return invalid('must not have an empty part in its domain (a dot after the @ or two dots in a row)');
  if (asciiDomain.length > 253 || labels.some((label) => label.length > 63)) {
    return invalid('has a domain name longer than DNS allows');
  }
  return { valid: true, address: `${localPart}@${asciiDomain}` };
}

/**
 * An ASCII label as typed; a Unicode one in Punycode (which may hold more than
 * one label, when it has an ideographic full stop), or undefined when it has none.
 * Labels go one at a time: a whole domain ending in digits would be read as an
 * IPv4 address and rewritten.
 */
function toAsciiLabel(label: string): string | undefined {
  if (!NON_ASCII.test(label)) return label;
  return domainToASCII(label) || undefined;
}

function invalid(problem: string): EmailAddressCheck {
  return { valid: false, problem };
}
