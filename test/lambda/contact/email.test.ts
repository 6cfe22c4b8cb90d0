import fc from 'fast-check';
import { parse } from 'parse5';
import { canBeReplyTo, salesEmail, type SubmissionReceipt } from '../../../lambda/contact/email';
import { INTERESTS, parseSubmission, type Submission } from '../../../lambda/contact/submission';
import { SITE_SUBMISSION } from '../../support/contact';
import { HtmlDocument } from '../../support/html-document';

const SUBMISSION: Submission = { ...SITE_SUBMISSION, message: 'We would like\nto talk.' };
const RECEIPT: SubmissionReceipt = { submissionId: '01HW9Z3K5QJ8M2X4N6P7R8S9TV', receivedAt: new Date('2026-05-01T12:34:56.789Z') };

type Node = { nodeName: string; childNodes?: Node[]; content?: Node };

/** The names of every node in a document, in order: the shape of the markup, whatever its text. */
function markupShape(html: string): string[] {
  const names: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeName !== '#text') names.push(node.nodeName);
    node.childNodes?.forEach(visit);
    if (node.content) visit(node.content);
  };
  visit(parse(html) as unknown as Node);
  return names;
}

/**
 * Any text, rich in what markup is made of, but without what an HTML parser
 * rewrites as it reads (NUL, CR) and so could not read back the same.
 */
const anyText = fc
  .string({ minLength: 1, unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", '/', '!', '-', '=', ' ', '\n', 'a', 'b', 'script', 'img', '<!--', '&amp;', '&lt;', '&#x3c;', '</title>', '</td>'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) })
  .map((value) => value.replace(/[\0\r]/g, ''))
  .filter((value) => value !== '');

describe('canBeReplyTo', () => {
  it.each([
    ['ada@example.com', true],
    [`${'a'.repeat(64)}@example.com`, true],
    [`${'a'.repeat(65)}@example.com`, false],
    ['jos\u00e9@example.com', false],
  ])('says %s can be a Reply-To: %s', (address, expected) => {
    expect(canBeReplyTo(address)).toBe(expected);
  });
});

describe('salesEmail', () => {
  it('names the interest and the company in the subject', () => {
    expect(salesEmail(SUBMISSION, RECEIPT).subject).toBe('Contact form: Cloud enquiry from Analytical Engines Ltd');
  });

  it('sets Reply-To to the submitter', () => {
    expect(salesEmail(SUBMISSION, RECEIPT).replyTo).toBe('ada@example.com');
  });

  it('sets Reply-To to a Unicode domain in Punycode, as the submission keeps it', () => {
    const parsed = parseSubmission({ ...SUBMISSION, email: 'ada@münchen.de' });
    if (!parsed.success || parsed.spam) throw new Error('expected a submission');
    expect(salesEmail(parsed.submission, RECEIPT).replyTo).toBe('ada@xn--mnchen-3ya.de');
  });

  it('gives every field, the message, the submission id and the time received in the plain-text part', () => {
    expect(salesEmail(SUBMISSION, RECEIPT).text).toBe(
      [
        'Name: Ada Lovelace',
        'Company: Analytical Engines Ltd',
        'Email: ada@example.com',
        'Phone: +447911123456',
        'Interest: Cloud',
        '',
        'Message:',
        'We would like',
        'to talk.',
        '',
        'Submission 01HW9Z3K5QJ8M2X4N6P7R8S9TV, received 2026-05-01T12:34:56.789Z',
        '',
      ].join('\n'),
    );
  });

  it('gives the same in the HTML part, with the message on its own lines', () => {
    const page = new HtmlDocument(salesEmail(SUBMISSION, RECEIPT).html);
    const rows = page.elements('tr').map((row) => (row.childNodes ?? []).map((cell) => cell.childNodes?.map((text) => text.value).join('')));
    expect(rows).toEqual([
      ['Name', 'Ada Lovelace'],
      ['Company', 'Analytical Engines Ltd'],
      ['Email', 'ada@example.com'],
      ['Phone', '+447911123456'],
      ['Interest', 'Cloud'],
    ]);
    expect(page.elements('br')).toHaveLength(1);
    expect(page.text('small')).toBe('Submission 01HW9Z3K5QJ8M2X4N6P7R8S9TV, received 2026-05-01T12:34:56.789Z');
  });

  it('says so when there is no message', () => {
    const { message: _message, ...withoutMessage } = SUBMISSION;
    const email = salesEmail(withoutMessage, RECEIPT);
    expect(email.text).toContain('Message:\n(none)\n');
    expect(new HtmlDocument(email.html).text('em')).toBe('(none)');
  });

  it.each(['josé@example.com', '"ada"@example.com', 'ada..lovelace@example.com', 'ada@mail_server.example.com', 'a,b@example.com'])(
    'leaves out Reply-To for %j, which a header cannot carry as it is, and says why',
    (email) => {
      const message = salesEmail({ ...SUBMISSION, email }, RECEIPT);
      expect(message).not.toHaveProperty('replyTo');
      expect(message.text).toContain('Replying to this email will not reach them');
      expect(new HtmlDocument(message.html).text('strong')).toContain('Replying to this email will not reach them');
    },
  );

  it('lets no submitted value open a tag, a comment or an entity in the HTML part', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, anyText, anyText, (name, companyName, email, phoneNumber, message) => {
        const { subject, html } = salesEmail({ ...SUBMISSION, name, companyName, email, phoneNumber, message }, RECEIPT);
        // The same markup as harmless values make: as many message lines, the same Reply-To note.
        const harmless = { ...SUBMISSION, email: canBeReplyTo(email) ? SUBMISSION.email : 'josé@example.com', message: message.replace(/[^\n]+/g, 'x') };
        expect(markupShape(html)).toEqual(markupShape(salesEmail(harmless, RECEIPT).html));
        const page = new HtmlDocument(html);
        expect(page.text('title')).toBe(subject);
        const cells = page.elements('td').map((cell) => cell.childNodes?.map((text) => text.value).join('') ?? '');
        expect(cells).toEqual([name, companyName, email, phoneNumber, 'Cloud']);
        const paragraphs = page.elements('p');
        const messageParagraph = paragraphs[paragraphs.length - 2];
        expect(messageParagraph?.childNodes?.filter((node) => node.nodeName === '#text').map((text) => text.value).join('')).toBe(message);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the subject on one line, whatever the company name holds', () => {
    const anything = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(anything, fc.constantFrom(...INTERESTS), (companyName, interest) => {
        const { subject } = salesEmail({ ...SUBMISSION, companyName, interest }, RECEIPT);
        expect(subject).not.toMatch(/[\r\n\u0085\u2028\u2029\p{Cc}]/u);
        expect(subject.startsWith(`Contact form: ${interest} enquiry from`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('turns a header injection attempt in the company name into one harmless line', () => {
    const { subject } = salesEmail({ ...SUBMISSION, companyName: 'Acme\r\nBcc: victim@example.com\r\n\r\n<b>body</b>' }, RECEIPT);
    expect(subject).toBe('Contact form: Cloud enquiry from Acme Bcc: victim@example.com <b>body</b>');
  });
});
