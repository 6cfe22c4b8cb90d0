import type { ContentType, Entry, JsonValue, Schema } from './content-set';
import { derivedDocumentId } from './content-index';
import { uploadedImage } from './sample-media';
import { publishedOn } from './sample-timestamps';

/** Sample `services` (localized): three shown in the navigation, one not; Spanish and Portuguese for some. */

/** `service.module`: one block of a service page; `type` picks the site's component, `content` is its data. */
export const SERVICE_MODULE: Schema = {
  type: { type: 'enumeration' },
  content: { type: 'json' },
};

/** Entry ids of the services the home page features, by locale (its `services` relation). */
export const SERVICE_IDS = { en: [1, 2, 3], es: [5, 6], pt: [7] } as const;

const photo = (id: number, stem: string, alternativeText: string) =>
  uploadedImage({ id, name: `${stem}.jpg`, hash: `${stem.replace(/-/g, '_')}_${(id * 7919).toString(16)}`, width: 1440, height: 960, size: 201.3, alternativeText, uploadedAt: '2025-05-02T10:00:00.000Z' });

interface ServiceSpec {
  readonly id: number;
  readonly locale: string;
  /** The id of the English entry of the same document: all its locales share one documentId. */
  readonly englishId: number;
  readonly slug: string;
  readonly category: string;
  readonly onNavDisplay: boolean;
  readonly title: string;
  readonly heading: string;
  readonly body: string;
  readonly images: readonly JsonValue[];
}

const CTA_LABELS: Readonly<Record<string, string>> = { en: 'Talk to us', es: 'Hablemos', pt: 'Fale connosco' };

function service({ id, locale, englishId, slug, category, onNavDisplay, title, heading, body, images }: ServiceSpec): Entry {
  return {
    id,
    documentId: derivedDocumentId('service', englishId),
    locale,
    ...publishedOn('2025-05-02'),
    slug,
    title,
    category,
    onNavDisplay,
    images,
    serviceContent: [
      { id: id * 10 + 1, type: 'heroBanner', content: { heading, subheading: title } },
      { id: id * 10 + 2, type: 'richText', content: { html: body } },
      { id: id * 10 + 3, type: 'contactCta', content: { label: CTA_LABELS[locale] ?? 'Talk to us', href: '/contactus' } },
    ],
  };
}

const CLOUD_PHOTOS = [photo(201, 'cloud-team-whiteboard', 'Engineers sketching an architecture'), photo(202, 'server-room-cables', 'Neatly labelled network cables')];
const ENGINEERING_PHOTOS = [photo(203, 'pairing-session', 'Two developers pairing at one screen')];

const CLOUD = { englishId: 1, slug: 'cloud-architecture', category: 'Cloud', onNavDisplay: true, images: CLOUD_PHOTOS } as const;
const ENGINEERING = { englishId: 2, slug: 'software-engineering', category: 'Engineering and Technology', onNavDisplay: true, images: ENGINEERING_PHOTOS } as const;

const ENTRIES: readonly Entry[] = [
  service({ id: 1, locale: 'en', ...CLOUD, title: 'Cloud Architecture', heading: 'Cloud that fits the business', body: '<p>Landing zones, migrations and cost reviews on AWS and Azure.</p>' }),
  service({ id: 2, locale: 'en', ...ENGINEERING, title: 'Software Engineering', heading: 'Software that lasts', body: '<p>Teams that ship weekly and leave tests behind.</p>' }),
  service({
    id: 3,
    locale: 'en',
    englishId: 3,
    slug: 'ux-design',
    category: 'UX Design',
    onNavDisplay: true,
    images: [],
    title: 'UX Design',
    heading: 'Design people can use',
    // Hostile on purpose: the site inserts module HTML raw, so the content API must sanitise it.
    body: '<p>Research, prototypes and design systems.</p><script>alert("service")</script><p onclick="alert(4)" style="color:red">See <a href="javascript:alert(5)">our work</a> or <a href="/work">the case studies</a>.</p><iframe src="https://evil.example/"></iframe>',
  }),
  service({
    id: 4,
    locale: 'en',
    englishId: 4,
    slug: 'legacy-modernisation-audit',
    category: 'Strategic Consultancy',
    onNavDisplay: false,
    images: [],
    title: 'Legacy Modernisation Audit',
    heading: 'Know what to keep',
    body: '<p>A two-week review of an ageing system.</p>',
  }),
  service({ id: 5, locale: 'es', ...CLOUD, title: 'Arquitectura Cloud', heading: 'Una nube a la medida del negocio', body: '<p>Migraciones y revisiones de costes en AWS y Azure.</p>' }),
  service({ id: 6, locale: 'es', ...ENGINEERING, title: 'Ingeniería de Software', heading: 'Software que perdura', body: '<p>Equipos que entregan cada semana.</p>' }),
  service({ id: 7, locale: 'pt', ...CLOUD, title: 'Arquitetura Cloud', heading: 'Uma nuvem à medida do negócio', body: '<p>Migrações e revisões de custos na AWS e no Azure.</p>' }),
];

/** `api::service.service`: a localized collection. */
export const SERVICES: ContentType = {
  kind: 'collectionType',
  singularName: 'service',
  pluralName: 'services',
  localized: true,
  attributes: {
    slug: { type: 'uid' },
    title: { type: 'string' },
    category: { type: 'enumeration' },
    onNavDisplay: { type: 'boolean' },
    images: { type: 'media', multiple: true },
    serviceContent: { type: 'component', component: 'service.module', repeatable: true },
  },
  entries: ENTRIES,
};
