import * as v from 'valibot';
import { checkEmailAddress } from './email-address';
import { toE164 } from './phone-number';
import type { RequestBodyRejection } from './request-body';

/** The site's `interest` options, spelled exactly as it sends them. */
export const INTERESTS = [
  'Sales',
  'Strategic Consultancy',
  'Software Architecture & Infrastructure',
  'Engineering and Technology',
  'UX Design',
  'Cloud',
] as const;

export type Interest = (typeof INTERESTS)[number];

/** A contact form submission as the server keeps it: trimmed, normalised, nothing else. */
export interface Submission {
  /** The id the site made for this submission (`id` in the request); a retry carries the same one. */
  readonly clientId?: string;
  readonly name: string;
  readonly companyName: string;
  /** With its domain in Punycode. */
  readonly email: string;
  /** In E.164. */
  readonly phoneNumber: string;
  readonly interest: Interest;
  /** Line breaks as `\n`. */
  readonly message?: string;
}

export type SubmissionParse =
  | { readonly success: true; readonly spam: false; readonly submission: Submission }
  /** The honeypot is filled: nothing else was read, so a bot learns nothing from the answer. */
  | { readonly success: true; readonly spam: true }
  | InvalidSubmission;

export interface InvalidSubmission {
  readonly success: false;
  /** Every bad field by its request name, with what is wrong: the 400 envelope's `details.fields`. */
  readonly fields: Record<string, string[]>;
}

// Characters no form field holds: C0 and C1 controls and DEL, and unpaired
// surrogates (not text at all, and not storable as UTF-8).
const CONTROL_CHARACTERS = /[\p{Cc}\p{Cs}]/u;
// The same, but for the line breaks and tabs a message may have.
const CONTROL_CHARACTERS_IN_TEXT = /[^\P{Cc}\t\n]|\p{Cs}/u;

// Zero-width spaces, word joiners, byte order marks and direction overrides or isolates: invisible,
// and able to make a value read as something else (a name that shows as an address). Joiners
// (U+200C, U+200D) stay: Persian, Indic scripts and emoji need them.
const INVISIBLE_FORMATTING = /[\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

function withoutInvisibleFormatting(value: string): string {
  return value.replace(INVISIBLE_FORMATTING, '');
}

/**
 * A string field, trimmed. A missing field or `null` reads as empty, so a
 * required one is named as "required" rather than as the wrong type.
 */
function trimmedString(label: string) {
  return v.pipe(v.nullish(v.string(`${label} must be text`), ''), v.trim());
}

function withoutControlCharacters(label: string) {
  return v.check((value: string) => !CONTROL_CHARACTERS.test(value), `${label} must not contain control characters`);
}

/**
 * A required single-line text field; lengths count characters as people see
 * them (graphemes). A tab or line break pasted into it is white space the
 * site accepts, so it becomes one space rather than a refusal.
 */
function requiredText(label: string, maxCharacters: number) {
  return v.pipe(
    trimmedString(label),
    v.transform((value) => withoutInvisibleFormatting(value).replace(/[\t\n\v\f\r]+/g, ' ').trim()),
    v.nonEmpty(`${label} is required`),
    v.maxGraphemes(maxCharacters, `${label} must be at most ${maxCharacters} characters`),
    // Graphemes can be stacked without end (one letter and a thousand accents); bound the code too.
    v.maxLength(maxCharacters * 8, `${label} must be at most ${maxCharacters} characters`),
    withoutControlCharacters(label),
  );
}

/** The request body's fields as the handler reads them (after the honeypot check); the OpenAPI document is generated from it. */
export const submissionSchema = v.object({
  id: v.pipe(
    trimmedString('Id'),
    v.maxLength(100, 'Id must be at most 100 characters'),
    withoutControlCharacters('Id'),
  ),
  name: requiredText('Name', 100),
  companyName: requiredText('Company name', 200),
  email: v.pipe(
    trimmedString('Email'),
    v.transform((email) => withoutInvisibleFormatting(email).trim()),
    v.nonEmpty('Email is required'),
    v.maxLength(254, 'Email must be at most 254 characters'),
    withoutControlCharacters('Email'),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const check = checkEmailAddress(dataset.value);
      if (check.valid) return check.address;
      addIssue({ message: `Email ${check.problem}` });
      return NEVER;
    }),
  ),
  phoneNumber: v.pipe(
    trimmedString('Phone number'),
    v.nonEmpty('Phone number is required'),
    withoutControlCharacters('Phone number'),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const e164 = toE164(dataset.value);
      if (e164) return e164;
      addIssue({ message: 'Phone number must be a valid phone number with its country code, as in +44 7911 123456' });
      return NEVER;
    }),
  ),
  interest: v.pipe(
    trimmedString('Interest'),
    v.nonEmpty('Interest is required'),
    v.picklist(INTERESTS, `Interest must be one of: ${INTERESTS.join(', ')}`),
  ),
  message: v.pipe(
    trimmedString('Message'),
    // Browsers send a textarea's line breaks as CRLF in some paths, and Word's soft breaks are vertical tabs: keep one kind.
    v.transform((message) => withoutInvisibleFormatting(message).replace(/\r\n?|[\v\f]/g, '\n')),
    v.maxGraphemes(5000, 'Message must be at most 5000 characters'),
    v.check((message) => !CONTROL_CHARACTERS_IN_TEXT.test(message), 'Message must not contain control characters other than line breaks and tabs'),
  ),
});

/**
 * Reads a contact form submission. Unknown fields are dropped; every bad
 * field is named, with every reason, in one answer.
 */
export function parseSubmission(value: unknown): SubmissionParse {
  // A non-object reads as one with no fields, so the answer names what is required.
  const input: Record<string, unknown> = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  if (isFilled(input.website)) return { success: true, spam: true };
  const result = v.safeParse(submissionSchema, input);
  if (!result.success) return { success: false, fields: v.flatten<typeof submissionSchema>(result.issues).nested ?? {} };
  const { id, message, ...fields } = result.output;
  return {
    success: true,
    spam: false,
    submission: { ...fields, ...(id ? { clientId: id } : {}), ...(message ? { message } : {}) },
  };
}

/** People never see the honeypot field, so any value in it came from a bot. */
function isFilled(honeypot: unknown): boolean {
  if (honeypot === undefined || honeypot === null) return false;
  return typeof honeypot !== 'string' || honeypot.trim() !== '';
}

/** Why a request was refused, as the `ContactRejected` metric's dimension: a handful of values, never client input. */
export type RejectionReason = RequestBodyRejection['kind'] | 'invalid-fields';

export function rejectionReason(rejection: RequestBodyRejection | InvalidSubmission): RejectionReason {
  return 'kind' in rejection ? rejection.kind : 'invalid-fields';
}
