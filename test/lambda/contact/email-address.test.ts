import fc from 'fast-check';
import { checkEmailAddress } from '../../../lambda/contact/email-address';

/** The rule the site checks addresses with. */
const SITE_EMAIL_RULE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

describe('checkEmailAddress', () => {
  it.each([
    'ada@example.com',
    'ada+sales@example.com',
    'Ada.Lovelace@Example.COM',
    "o'brien@example.ie",
    'ada@mail.example.co.uk',
    'ada@xn--mnchen-3ya.de',
    'ada@xn--r8jz45g.xn--zckzah',
    // Looser than RFC 5321 but accepted by the site, and not certainly undeliverable.
    'ada..lovelace@example.com',
    '.ada@example.com',
    '"ada"@example.com',
    'ada!#$%&*=?^`{|}~@example.com',
    'josé@example.com',
    'ada@mail_server.example.com',
    'ada@192.168.0.1',
    'ada@example.123',
  ])('accepts %j as it is', (address) => {
    expect(checkEmailAddress(address)).toEqual({ valid: true, address });
  });

  it.each([
    ['ada@münchen.de', 'ada@xn--mnchen-3ya.de'],
    ['ada@MÜNCHEN.DE', 'ada@xn--mnchen-3ya.DE'],
    ['ada@bücher.example.com', 'ada@xn--bcher-kva.example.com'],
    ['ada@例え.テスト', 'ada@xn--r8jz45g.xn--zckzah'],
    ['ada@例え。テスト', 'ada@xn--r8jz45g.xn--zckzah'],
    ['ada@straße.de', 'ada@xn--strae-oqa.de'],
    ['José@Bücher.de', 'José@xn--bcher-kva.de'],
  ])('accepts %j with its domain in Punycode: %j', (input, address) => {
    expect(checkEmailAddress(input)).toEqual({ valid: true, address });
  });

  it.each([
    ['ada', 'must be one address, as in name@example.com'],
    ['ada@', 'must be one address, as in name@example.com'],
    ['@example.com', 'must be one address, as in name@example.com'],
    ['ada@@example.com', 'must be one address, as in name@example.com'],
    ['ada@example.com@example.org', 'must be one address, as in name@example.com'],
    ['ada lovelace@example.com', 'must not contain spaces'],
    ['ada@example\u00a0.com', 'must not contain spaces'],
    ['ada@example', 'must have a domain with a dot, as in name@example.com'],
    ['ada@münchen', 'must have a domain with a dot, as in name@example.com'],
    ['ada@example.com.', 'must not end with a dot'],
    ['ada@.example.com', 'must not have an empty part in its domain (a dot after the @ or two dots in a row)'],
    ['ada@example..com', 'must not have an empty part in its domain (a dot after the @ or two dots in a row)'],
    ['ada@ü%.com', 'has a domain name that cannot exist (no Punycode form)'],
    [`ada@${'a'.repeat(64)}.com`, 'has a domain name longer than DNS allows'],
    [`ada@${'ü'.repeat(60)}.com`, 'has a domain name longer than DNS allows'],
    [`ada@${Array(64).fill('abc').join('.')}`, 'has a domain name longer than DNS allows'],
  ])('refuses %j: it %s', (input, problem) => {
    expect(checkEmailAddress(input)).toEqual({ valid: false, problem });
  });

  it('takes a 63-character label and a 253-character domain, the DNS maxima', () => {
    const label63 = 'a'.repeat(63);
    const domain253 = [label63, label63, label63, 'a'.repeat(61)].join('.');
    expect(domain253).toHaveLength(253);
    expect(checkEmailAddress(`ada@${domain253}`).valid).toBe(true);
  });

  it('accepts, unchanged, every address the site accepts whose domain DNS can hold', () => {
    const printable = (excluded: RegExp) =>
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((part) => !excluded.test(part));
    const asciiLabel = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 20 }).filter((label) => !/[@.]/.test(label));
    fc.assert(
      fc.property(printable(/[\s@\p{Cc}\p{Cs}]/u), fc.array(asciiLabel, { minLength: 2, maxLength: 4 }), (localPart, labels) => {
        const address = `${localPart}@${labels.join('.')}`;
        expect(address).toMatch(SITE_EMAIL_RULE);
        expect(checkEmailAddress(address)).toEqual({ valid: true, address });
      }),
      { numRuns: 500 },
    );
  });
});
