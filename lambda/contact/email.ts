import { escapeHtmlText as text } from '../shared/html';
import type { Submission } from './submission';

/** The email to the sales inbox, as data; the sender adds From and To from stage config. */
export interface SalesEmail {
  /** One line, whatever was submitted. */
  readonly subject: string;
  readonly text: string;
  /** Every submitted value escaped as text: nothing in it can open a tag. */
  readonly html: string;
  /** The submitter, so that replying reaches them; absent when their address cannot be a mail header's (see {@link canBeReplyTo}). */
  readonly replyTo?: string;
}

/** What the server knows about a submission besides what was submitted. */
export interface SubmissionReceipt {
  readonly submissionId: string;
  readonly receivedAt: Date;
}

// RFC 5322 dot-atom local part and RFC 5321 letter-digit-hyphen labels, ASCII only:
// what SES takes in a header (it has no SMTPUTF8). Looser addresses are accepted
// from the form but not put in Reply-To, so SES never refuses the whole email over one.
const HEADER_LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const HEADER_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function canBeReplyTo(address: string): boolean {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  // RFC 5321's 64-octet limit on a local part, which SES enforces.
  return local.length <= 64 && HEADER_LOCAL_PART.test(local) && HEADER_DOMAIN.test(address.slice(at + 1));
}

const NO_REPLY_TO_NOTE = 'Replying to this email will not reach them: their address is too unusual for a Reply-To header, so write to it directly.';

export function salesEmail(submission: Submission, receipt: SubmissionReceipt): SalesEmail {
  const replyTo = canBeReplyTo(submission.email) ? submission.email : undefined;
  const subject = oneLine(`Contact form: ${submission.interest} enquiry from ${submission.companyName}`);
  const fields: [label: string, value: string][] = [
    ['Name', submission.name],
    ['Company', submission.companyName],
    ['Email', submission.email],
    ['Phone', submission.phoneNumber],
    ['Interest', submission.interest],
  ];
  const receivedAt = receipt.receivedAt.toISOString();
  const footer = `Submission ${receipt.submissionId}, received ${receivedAt}`;
  const message = submission.message ?? '';

  const plainText = [
    ...fields.map(([label, value]) => `${label}: ${value}`),
    ...(replyTo ? [] : ['', NO_REPLY_TO_NOTE]),
    '',
    'Message:',
    message || '(none)',
    '',
    footer,
    '',
  ].join('\n');

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${text(subject)}</title>
</head>
<body>
<table>
${fields.map(([label, value]) => `<tr><th align="left">${label}</th><td>${text(value)}</td></tr>`).join('\n')}
</table>
${replyTo ? '' : `<p><strong>${text(NO_REPLY_TO_NOTE)}</strong></p>\n`}<h2>Message</h2>
<p>${message ? message.split('\n').map(text).join('<br>\n') : '<em>(none)</em>'}</p>
<p><small>${text(footer)}</small></p>
</body>
</html>
`;
  return { subject, text: plainText, html, ...(replyTo ? { replyTo } : {}) };
}

/** Any line break, other white space or control character becomes one space, so no value can start a header line. */
function oneLine(value: string): string {
  return value.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}
