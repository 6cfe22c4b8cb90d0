import type { ContentType, Entry, Schema } from './content-set';
import { derivedDocumentId } from './content-index';
import { uploadedImage } from './sample-media';
import { SERVICE_IDS } from './sample-services';
import { publishedOn } from './sample-timestamps';

/** The sample `home-content` single type, in English, Spanish, Portuguese and Greek (`el`; the site's `gr` has none). */

/** `home.solution`: a card of the home page's solutions section. */
export const HOME_SOLUTION: Schema = {
  title: { type: 'string' },
  description: { type: 'text' },
  icon: { type: 'media', multiple: false },
};

/** `home.technology`: a logo of the technologies strip. */
export const HOME_TECHNOLOGY: Schema = {
  name: { type: 'string' },
  icon: { type: 'media', multiple: false },
};

const UPLOADED = '2025-04-01T08:00:00.000Z';
// Icons are too small for Strapi to make formats of (it resizes only past 245×156).
const icon = (id: number, stem: string, ext: 'png' | 'gif' | 'svg') =>
  uploadedImage({ id, name: `${stem}.${ext}`, hash: `${stem.replace(/-/g, '_')}_${(id * 104729).toString(16)}`, width: 64, height: 64, size: 1.42, alternativeText: null, uploadedAt: UPLOADED });

const SOLUTION_ICONS = [icon(301, 'icon-cloud', 'png'), icon(302, 'icon-code', 'png'), icon(303, 'icon-compass', 'gif')] as const;
const TECHNOLOGY_ICONS = [icon(311, 'logo-aws', 'svg'), icon(312, 'logo-typescript', 'svg'), icon(313, 'logo-kubernetes', 'svg'), icon(314, 'logo-postgres', 'gif')] as const;
const TECHNOLOGY_NAMES = ['AWS', 'TypeScript', 'Kubernetes', 'PostgreSQL'];

interface HomeText {
  readonly heroTitle: string;
  readonly heroSubtitle: string;
  readonly ctaLabel: string;
  readonly solutionsHeading: string;
  readonly solutions: readonly (readonly [title: string, description: string])[];
  readonly technologiesHeading: string;
}

function home(id: number, locale: string, services: readonly number[], text: HomeText): Entry {
  const { solutions, ...fields } = text;
  return {
    id,
    documentId: derivedDocumentId('home-content', 1),
    locale,
    ...publishedOn('2025-04-01'),
    ...fields,
    solutions: solutions.map(([title, description], position) => ({ id: id * 10 + position, title, description, icon: SOLUTION_ICONS[position] ?? null })),
    services: [...services],
    technologies: TECHNOLOGY_NAMES.map((name, position) => ({ id: id * 10 + position, name, icon: TECHNOLOGY_ICONS[position] ?? null })),
  };
}

const ENTRIES: readonly Entry[] = [
  home(1, 'en', SERVICE_IDS.en, {
    heroTitle: 'Software that moves your business forward',
    heroSubtitle: 'Marchcroft designs, builds and runs software for companies that would rather not think about it.',
    ctaLabel: 'Start a conversation',
    solutionsHeading: 'What we solve',
    solutions: [
      ['Cloud', 'Migrations, landing zones and bills that make sense.'],
      ['Engineering', 'Product teams that ship every week.'],
      ['Strategy', 'Roadmaps your board and your engineers both believe.'],
    ],
    technologiesHeading: 'Technologies we trust',
  }),
  home(2, 'es', SERVICE_IDS.es, {
    heroTitle: 'Software que impulsa tu negocio',
    heroSubtitle: 'Marchcroft diseña, construye y opera software para empresas que prefieren no pensar en ello.',
    ctaLabel: 'Empecemos a hablar',
    solutionsHeading: 'Qué resolvemos',
    solutions: [
      ['Cloud', 'Migraciones y facturas que se entienden.'],
      ['Ingeniería', 'Equipos de producto que entregan cada semana.'],
    ],
    technologiesHeading: 'Tecnologías en las que confiamos',
  }),
  home(3, 'pt', SERVICE_IDS.pt, {
    heroTitle: 'Software que faz avançar o seu negócio',
    heroSubtitle: 'A Marchcroft desenha, constrói e opera software para empresas que preferem não pensar nisso.',
    ctaLabel: 'Vamos conversar',
    solutionsHeading: 'O que resolvemos',
    solutions: [['Cloud', 'Migrações e faturas que fazem sentido.']],
    technologiesHeading: 'Tecnologias em que confiamos',
  }),
  home(4, 'el', [], {
    heroTitle: 'Λογισμικό που κινεί την επιχείρησή σας',
    heroSubtitle: 'Η Marchcroft σχεδιάζει, κατασκευάζει και λειτουργεί λογισμικό.',
    ctaLabel: 'Ας μιλήσουμε',
    solutionsHeading: 'Τι λύνουμε',
    solutions: [['Cloud', 'Μεταφορές στο cloud χωρίς εκπλήξεις.']],
    technologiesHeading: 'Τεχνολογίες που εμπιστευόμαστε',
  }),
];

/** `api::home-content.home-content`: a localized single type at `/api/home-content`. */
export const HOME_CONTENT: ContentType = {
  kind: 'singleType',
  singularName: 'home-content',
  pluralName: 'home-contents',
  localized: true,
  attributes: {
    heroTitle: { type: 'string' },
    heroSubtitle: { type: 'text' },
    ctaLabel: { type: 'string' },
    solutionsHeading: { type: 'string' },
    solutions: { type: 'component', component: 'home.solution', repeatable: true },
    services: { type: 'relation', target: 'service', multiple: true },
    technologiesHeading: { type: 'string' },
    technologies: { type: 'component', component: 'home.technology', repeatable: true },
  },
  entries: ENTRIES,
};
