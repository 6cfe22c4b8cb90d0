import type { RequestBodyRejection } from '../../../lambda/contact/request-body';
import { INTERESTS, parseSubmission, rejectionReason, type InvalidSubmission, type RejectionReason, type SubmissionParse } from '../../../lambda/contact/submission';
import { SITE_REQUEST, SITE_SUBMISSION } from '../../support/contact';

function fieldsOf(result: SubmissionParse): Record<string, string[]> {
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result.fields;
}

function submissionOf(result: SubmissionParse) {
  if (!result.success || result.spam) throw new Error(`expected a submission, got ${JSON.stringify(result)}`);
  return result.submission;
}

describe('parseSubmission', () => {
  it('accepts the exact request the site sends', () => {
    expect(parseSubmission(SITE_REQUEST)).toEqual({ success: true, spam: false, submission: SITE_SUBMISSION });
  });

  it.each(INTERESTS)('accepts the interest %j', (interest) => {
    expect(submissionOf(parseSubmission({ ...SITE_REQUEST, interest })).interest).toBe(interest);
  });

  it('trims every field', () => {
    const padded = Object.fromEntries(Object.entries({ ...SITE_REQUEST, message: 'Hello' }).map(([key, value]) => [key, ` \n\t${value}\u00a0 `]));
    expect(submissionOf(parseSubmission(padded))).toEqual({ ...SITE_SUBMISSION, message: 'Hello' });
  });

  it.each([
    ['id', 'a'.repeat(100), { clientId: 'a'.repeat(100) }],
    ['id', '', { clientId: undefined }],
    ['id', null, { clientId: undefined }],
    ['id', undefined, { clientId: undefined }],
    ['name', 'A', { name: 'A' }],
    ['name', 'n'.repeat(100), { name: 'n'.repeat(100) }],
    // 100 characters as people count them, though each is several code units.
    ['name', '👩‍💻'.repeat(100), { name: '👩‍💻'.repeat(100) }],
    ['name', 'Zoë <Ångström> & "Co"', { name: 'Zoë <Ångström> & "Co"' }],
    ['companyName', 'c'.repeat(200), { companyName: 'c'.repeat(200) }],
    ['email', 'ada+sales@example.com', { email: 'ada+sales@example.com' }],
    ['email', 'ada@xn--mnchen-3ya.de', { email: 'ada@xn--mnchen-3ya.de' }],
    ['email', 'ada@münchen.de', { email: 'ada@xn--mnchen-3ya.de' }],
    ['email', `${'a'.repeat(242)}@example.com`, { email: `${'a'.repeat(242)}@example.com` }],
    ['phoneNumber', '+44 7911 123456', { phoneNumber: '+447911123456' }],
    ['phoneNumber', '07911 123456', { phoneNumber: '+447911123456' }],
    ['phoneNumber', '+1 (212) 555-0123', { phoneNumber: '+12125550123' }],
    ['phoneNumber', '+33594218206', { phoneNumber: '+33594218206' }],
    ['interest', ' UX Design ', { interest: 'UX Design' }],
    ['name', 'Ada\tLovelace', { name: 'Ada Lovelace' }],
    ['companyName', 'Analytical\r\n\tEngines', { companyName: 'Analytical Engines' }],
    ['name', 'Bob \u202Emoc.live@nimda\u202C', { name: 'Bob moc.live@nimda' }],
    ['companyName', '\u200BEngines\u2060 Ltd\uFEFF', { companyName: 'Engines Ltd' }],
    ['name', '\u{1F469}\u200D\u{1F4BB} Ada', { name: '\u{1F469}\u200D\u{1F4BB} Ada' }],
    ['email', '\u200Bada@example.com', { email: 'ada@example.com' }],
    ['message', 'Soft\vbreak', { message: 'Soft\nbreak' }],
    // A header line smuggled in a field is folded into the one line it was typed on.
    ['companyName', 'Acme\r\nBcc: victim@example.com', { companyName: 'Acme Bcc: victim@example.com' }],
    ['message', 'Two\nlines\twith a tab', { message: 'Two\nlines\twith a tab' }],
    ['message', 'Windows\r\nand old Mac\rline breaks', { message: 'Windows\nand old Mac\nline breaks' }],
    ['message', 'm'.repeat(5000), { message: 'm'.repeat(5000) }],
    ['message', '', {}],
    ['message', null, {}],
  ])('accepts %s %j', (field, value, expected) => {
    const submission = submissionOf(parseSubmission({ ...SITE_REQUEST, [field]: value }));
    // toEqual takes a property set to undefined as absent.
    expect(submission).toEqual({ ...SITE_SUBMISSION, ...expected });
  });

  it.each([
    ['id', 'a'.repeat(101), 'Id must be at most 100 characters'],
    ['id', 'abc\u0000', 'Id must not contain control characters'],
    ['id', 1714561234567, 'Id must be text'],
    ['name', undefined, 'Name is required'],
    ['name', null, 'Name is required'],
    ['name', '', 'Name is required'],
    ['name', '   ', 'Name is required'],
    ['name', 'n'.repeat(101), 'Name must be at most 100 characters'],
    ['name', 42, 'Name must be text'],
    ['name', ['Ada'], 'Name must be text'],
    ['name', 'Ada\u001b[31m', 'Name must not contain control characters'],
    ['name', 'Ada\u007f', 'Name must not contain control characters'],
    ['name', 'Ada\u0085', 'Name must not contain control characters'],
    ['name', 'Ada\uD800', 'Name must not contain control characters'],
    ['companyName', '', 'Company name is required'],
    ['companyName', '\u200B\u202E', 'Company name is required'],
    ['companyName', `Z${'\u0301'.repeat(3000)}`, 'Company name must be at most 200 characters'],
    ['companyName', 'c'.repeat(201), 'Company name must be at most 200 characters'],
    ['companyName', { name: 'Acme' }, 'Company name must be text'],
    ['email', undefined, 'Email is required'],
    ['email', 'ada', 'Email must be one address, as in name@example.com'],
    ['email', 'ada@example', 'Email must have a domain with a dot, as in name@example.com'],
    ['email', 'ada@example.com.', 'Email must not end with a dot'],
    ['email', 'ada@example..com', 'Email must not have an empty part in its domain (a dot after the @ or two dots in a row)'],
    ['email', 'ada lovelace@example.com', 'Email must not contain spaces'],
    ['email', 'ada@exa\u0000mple.com', 'Email must not contain control characters'],
    ['email', `${'a'.repeat(243)}@example.com`, 'Email must be at most 254 characters'],
    ['email', true, 'Email must be text'],
    ['phoneNumber', undefined, 'Phone number is required'],
    ['phoneNumber', '+44 7911', 'Phone number must be a valid phone number with its country code, as in +44 7911 123456'],
    ['phoneNumber', 'call me', 'Phone number must be a valid phone number with its country code, as in +44 7911 123456'],
    ['phoneNumber', '+447911123456\u0000', 'Phone number must not contain control characters'],
    ['phoneNumber', 447911123456, 'Phone number must be text'],
    ['interest', undefined, 'Interest is required'],
    ['interest', 'cloud', `Interest must be one of: ${INTERESTS.join(', ')}`],
    ['interest', 'Cloud computing', `Interest must be one of: ${INTERESTS.join(', ')}`],
    ['interest', 'Software Architecture &amp; Infrastructure', `Interest must be one of: ${INTERESTS.join(', ')}`],
    ['message', 'm'.repeat(5001), 'Message must be at most 5000 characters'],
    ['message', 'Hello\u0000', 'Message must not contain control characters other than line breaks and tabs'],
    ['message', 'Hello\u001b[2J', 'Message must not contain control characters other than line breaks and tabs'],
    ['message', 'Hello\uDC00', 'Message must not contain control characters other than line breaks and tabs'],
    ['message', ['Hello'], 'Message must be text'],
  ])('refuses %s %j, naming only that field: %s', (field, value, message) => {
    expect(fieldsOf(parseSubmission({ ...SITE_REQUEST, [field]: value }))).toEqual({ [field]: [message] });
  });

  it('names every reason a field is bad', () => {
    const name = `${'n'.repeat(100)}\u0000`;
    expect(fieldsOf(parseSubmission({ ...SITE_REQUEST, name }))).toEqual({
      name: ['Name must be at most 100 characters', 'Name must not contain control characters'],
    });
  });

  it('names every bad field at once', () => {
    const result = parseSubmission({ id: 7, name: '', email: 'ada@', companyName: ' ', phoneNumber: '12', interest: 'AI', message: 'x'.repeat(5001) });
    expect(Object.keys(fieldsOf(result)).sort()).toEqual(['companyName', 'email', 'id', 'interest', 'message', 'name', 'phoneNumber']);
  });

  it.each([[{}], [null], [[]], ['a string'], [42]])('names every required field when given %j', (value) => {
    expect(fieldsOf(parseSubmission(value))).toEqual({
      name: ['Name is required'],
      companyName: ['Company name is required'],
      email: ['Email is required'],
      phoneNumber: ['Phone number is required'],
      interest: ['Interest is required'],
    });
  });

  it('drops unknown fields', () => {
    const withExtras = JSON.parse(JSON.stringify({ ...SITE_REQUEST, admin: true, status: 'sent', submissionId: 'x' }).replace(/^\{/, '{"__proto__":{"polluted":true},'));
    const submission = submissionOf(parseSubmission(withExtras));
    expect(Object.keys(submission).sort()).toEqual(['clientId', 'companyName', 'email', 'interest', 'name', 'phoneNumber']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('honeypot', () => {
    it.each(['https://spam.example.com', 'x', 0, false, {}])('marks a submission whose website field holds %j as spam', (website) => {
      expect(parseSubmission({ ...SITE_REQUEST, website })).toEqual({ success: true, spam: true });
    });

    it('marks a filled honeypot as spam even when other fields are bad, so a bot learns nothing', () => {
      expect(parseSubmission({ website: 'https://spam.example.com' })).toEqual({ success: true, spam: true });
    });

    it.each([undefined, null, '', '   '])('takes a website field holding %j as empty', (website) => {
      const result = parseSubmission({ ...SITE_REQUEST, website });
      expect(result).toMatchObject({ success: true, spam: false });
      expect(submissionOf(result)).not.toHaveProperty('website');
    });
  });
});

describe('rejectionReason', () => {
  const rejections: [RequestBodyRejection | InvalidSubmission, RejectionReason][] = [
    [{ kind: 'unsupported-media-type', message: 'Content-Type must be application/json' }, 'unsupported-media-type'],
    [{ kind: 'too-large', message: 'Request body must be at most 16384 bytes' }, 'too-large'],
    [{ kind: 'malformed', message: 'Request body is not valid JSON' }, 'malformed'],
    [{ success: false, fields: { email: ['Email is required'] } }, 'invalid-fields'],
  ];

  it.each(rejections)('counts %j as %j', (rejection, reason) => {
    expect(rejectionReason(rejection)).toBe(reason);
  });
});
