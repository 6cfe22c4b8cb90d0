import { boolean, component, components, html, json, list, media, mediaList, number, object, relations, strings, text, type Fields } from './model';

/**
 * The CMS's content types as this API answers them: where each is asked for,
 * whether it has locales, and the fields the site reads (every other field is
 * dropped). A field the site starts to read is one line here.
 */
export interface ContentType {
  /** Path under the CMS's `/api/`. */
  readonly path: string;
  /** Entries have a version per locale, asked for with `locale`. */
  readonly localized: boolean;
  /** The fields answered, besides `id`, the timestamps and (if localized) `locale`. */
  readonly fields: Fields;
}

/** Every entry's bookkeeping the site may read; `createdBy` and `updatedBy` are not among them. */
const TIMESTAMPS: Fields = { createdAt: text, updatedAt: text, publishedAt: text };

function contentType(path: string, localized: boolean, fields: Fields): ContentType {
  return { path, localized, fields: { ...fields, ...TIMESTAMPS, ...(localized ? { locale: text } : {}) } };
}

/** Case studies: `blogs`, not localized. */
export const CASE_STUDIES = contentType('blogs', false, {
  blogTitle: text,
  slug: text,
  date: text,
  tags: strings,
  // Short plain text: the site's meta description.
  content: text,
  image: media,
  blogContent: components({ title: text, content: html, image: media }),
});

/** What the home page and the navigation show of a service. */
const SERVICE_SUMMARY: Fields = { slug: text, title: text, category: text, onNavDisplay: boolean };

export const SERVICES = contentType('services', true, {
  ...SERVICE_SUMMARY,
  images: mediaList,
  // About twenty module types, each with its own data: kept whole, its markup sanitised.
  serviceContent: components({ type: text, content: json }),
});

export const HISTORIES = contentType('histories', true, { year: number, title: text, description: text });

/** The legal pages, told apart by `title`; each page's text is a JSON field of headed sections. */
export const LEGAL_PAGES = contentType('privacies', true, {
  title: text,
  json: object({
    title: text,
    sections: list(object({ heading: text, content: html, table: json })),
  }),
});

export const CAREERS = contentType('careers', false, {
  career: component({ title: text, name: text, salary: text, content: json }),
});

/** The home page: a single type. */
export const HOME = contentType('home-content', true, {
  heroTitle: text,
  heroSubtitle: text,
  ctaLabel: text,
  solutionsHeading: text,
  solutions: components({ title: text, description: text, icon: media }),
  services: relations({ ...SERVICE_SUMMARY, ...TIMESTAMPS, locale: text }),
  technologiesHeading: text,
  technologies: components({ name: text, icon: media }),
});

