import * as v from 'valibot';
import { CAREERS, CASE_STUDIES, HOME, LEGAL_PAGES, SERVICES } from '../../../lambda/content/content-types';
import { collectionAnswer, onePage, singleAnswer, type Fields } from '../../../lambda/content/model';

const CONTEXT = { cmsUrl: 'https://cms.example.com' };

const read = (fields: Fields, answer: unknown) => v.parse(collectionAnswer(fields, CONTEXT), answer);
const readOne = (fields: Fields, answer: unknown) => v.parse(singleAnswer(fields, CONTEXT), answer);

/** An uploaded file's fields as Strapi stores them, private ones included. */
function upload(id: number, url: string) {
  return {
    id,
    name: 'hero.png',
    alternativeText: 'A hero',
    caption: null,
    width: 1200,
    height: 630,
    ext: '.png',
    mime: 'image/png',
    size: 80.5,
    url,
    hash: 'hero_abc123',
    provider: 'aws-s3',
    provider_metadata: { bucket: 'private-bucket' },
    previewUrl: 'https://preview.example.com/hero',
    createdAt: '2025-01-01T00:00:00.000Z',
    createdBy: { id: 1, email: 'editor@example.com' },
    formats: {
      small: { name: 'small_hero.png', hash: 'small_hero_abc123', path: null, ext: '.png', mime: 'image/png', width: 500, height: 263, size: 20.1, url: '/uploads/small_hero.png?updated=1' },
    },
  };
}

const v4File = ({ id, ...attributes }: ReturnType<typeof upload>) => ({ data: { id, attributes } });
const v5File = (file: ReturnType<typeof upload>) => ({ ...file, documentId: `file-${file.id}` });

const BOOKKEEPING = {
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-02-01T00:00:00.000Z',
  publishedAt: '2025-02-02T00:00:00.000Z',
  createdBy: { id: 1, firstname: 'Ed', email: 'editor@example.com' },
  updatedBy: { id: 1, firstname: 'Ed', email: 'editor@example.com' },
};

const CASE_STUDY_FIELDS = {
  blogTitle: 'A case',
  slug: 'a-case',
  date: '2025-01-15',
  tags: ['cloud', 'data'],
  content: 'Short description',
  ...BOOKKEEPING,
};

const v4CaseStudies = {
  data: [
    {
      id: 7,
      attributes: {
        ...CASE_STUDY_FIELDS,
        image: v4File(upload(9, '/uploads/hero.png?updated=1')),
        blogContent: [{ id: 1, title: 'Challenge', content: 'First line\nSecond <script>alert(1)</script>line', image: { data: null } }],
      },
    },
  ],
  meta: { pagination: { page: 2, pageSize: 10, pageCount: 3, total: 25 } },
};

const v5CaseStudies = {
  data: [
    {
      id: 7,
      documentId: 'case-7',
      ...CASE_STUDY_FIELDS,
      image: v5File(upload(9, '/uploads/hero.png?updated=1')),
      blogContent: [{ id: 1, title: 'Challenge', content: 'First line\nSecond <script>alert(1)</script>line', image: null }],
    },
  ],
  meta: { pagination: { page: 2, pageSize: 10, pageCount: 3, total: 25 } },
};

const ANSWERED_FILE = {
  id: 9,
  attributes: {
    name: 'hero.png',
    alternativeText: 'A hero',
    caption: null,
    width: 1200,
    height: 630,
    ext: '.png',
    mime: 'image/png',
    size: 80.5,
    url: 'https://cms.example.com/uploads/hero.png',
    formats: {
      small: { name: 'small_hero.png', ext: '.png', mime: 'image/png', width: 500, height: 263, size: 20.1, url: 'https://cms.example.com/uploads/small_hero.png' },
    },
  },
};

describe('collectionAnswer', () => {
  it('reads a Strapi v4 case study as the v4 shape, with only the fields the site reads', () => {
    expect(read(CASE_STUDIES.fields, v4CaseStudies)).toEqual({
      entries: [
        {
          id: 7,
          attributes: {
            blogTitle: 'A case',
            slug: 'a-case',
            date: '2025-01-15',
            tags: ['cloud', 'data'],
            content: 'Short description',
            createdAt: '2025-01-01T00:00:00.000Z',
            updatedAt: '2025-02-01T00:00:00.000Z',
            publishedAt: '2025-02-02T00:00:00.000Z',
            image: { data: ANSWERED_FILE },
            blogContent: [{ id: 1, title: 'Challenge', content: 'First line<br>Second line', image: { data: null } }],
          },
        },
      ],
      pagination: { page: 2, pageSize: 10, pageCount: 3, total: 25 },
    });
  });

  it('reads the same case study from Strapi v5 (flat fields, documentId, flat media) as from v4', () => {
    expect(read(CASE_STUDIES.fields, v5CaseStudies)).toEqual(read(CASE_STUDIES.fields, v4CaseStudies));
  });

  it('reads a v4 and a v5 service, its media list and its JSON modules, alike', () => {
    const fields = { slug: 'web', title: 'Web', category: 'Build', onNavDisplay: true, locale: 'es', ...BOOKKEEPING };
    const serviceContent = [{ id: 3, type: 'hero', content: { heading: '<b onclick="x()">Hi</b>', cta: { href: 'javascript:alert(1)', label: 'Go' } } }];
    const v4 = { data: [{ id: 2, attributes: { ...fields, images: { data: [v4File(upload(9, '/uploads/hero.png')).data] }, serviceContent } }] };
    const v5 = { data: [{ id: 2, documentId: 'svc', ...fields, images: [v5File(upload(9, '/uploads/hero.png'))], serviceContent }] };
    const expected = {
      id: 2,
      attributes: {
        slug: 'web',
        title: 'Web',
        category: 'Build',
        onNavDisplay: true,
        locale: 'es',
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-02-01T00:00:00.000Z',
        publishedAt: '2025-02-02T00:00:00.000Z',
        images: { data: [ANSWERED_FILE] },
        serviceContent: [{ id: 3, type: 'hero', content: { heading: '<b>Hi</b>', cta: { href: null, label: 'Go' } } }],
      },
    };
    expect(read(SERVICES.fields, v4).entries).toEqual([expected]);
    expect(read(SERVICES.fields, v5).entries).toEqual([expected]);
  });

  it.each(['createdBy', 'updatedBy', 'documentId', 'provider', 'provider_metadata', 'hash', 'previewUrl', 'path'])('never answers the private field %s, anywhere', (name) => {
    const json = JSON.stringify([read(CASE_STUDIES.fields, v4CaseStudies), read(CASE_STUDIES.fields, v5CaseStudies)]);
    expect(json).not.toContain(`"${name}"`);
  });

  it('drops fields that no content type lists', () => {
    const [entry] = read(CASE_STUDIES.fields, { data: [{ id: 1, slug: 'a', secretNotes: 'internal', localizations: [] }] }).entries;
    expect(entry!.attributes).not.toHaveProperty('secretNotes');
    expect(entry!.attributes).not.toHaveProperty('localizations');
  });

  it.each([
    ['a path on the CMS', '/uploads/a.png', 'https://cms.example.com/uploads/a.png'],
    ['a protocol-relative URL', '//cdn.example.com/a.png', 'https://cdn.example.com/a.png'],
    ['an absolute URL with a query and a fragment', 'https://cdn.example.com/a.png?X-Amz-Signature=abc#top', 'https://cdn.example.com/a.png'],
  ])('answers the media URL of %s as %j', (_, url, expected) => {
    const [entry] = read(CASE_STUDIES.fields, { data: [{ id: 1, image: { id: 9, url } }] }).entries;
    expect(entry!.attributes.image).toEqual({ data: { id: 9, attributes: expect.objectContaining({ url: expected }) } });
  });

  it.each([['javascript:alert(1)'], ['JAVASCRIPT:alert(1)'], ['data:image/png;base64,AAAA'], ['uploads/a.png']])('answers media at %j as no media', (url) => {
    const v4 = read(CASE_STUDIES.fields, { data: [{ id: 1, attributes: { image: { data: { id: 9, attributes: { url } } } } }] });
    const v5 = read(CASE_STUDIES.fields, { data: [{ id: 1, image: { id: 9, url } }] });
    expect(v4.entries[0]!.attributes.image).toEqual({ data: null });
    expect(v5.entries[0]!.attributes.image).toEqual({ data: null });
  });

  it('leaves out a media list item at an unusable URL, keeping the others', () => {
    const [entry] = read(SERVICES.fields, { data: [{ id: 1, images: [{ id: 1, url: 'javascript:alert(1)' }, { id: 2, url: '/uploads/b.png' }] }] }).entries;
    expect(entry!.attributes.images).toEqual({ data: [{ id: 2, attributes: expect.objectContaining({ url: 'https://cms.example.com/uploads/b.png' }) }] });
  });

  it('leaves out a format whose URL is unusable or missing, keeping the others', () => {
    const formats = { thumbnail: { url: 'javascript:alert(1)' }, small: { width: 500 }, medium: { url: '/uploads/m.png', width: 750 } };
    const [entry] = read(CASE_STUDIES.fields, { data: [{ id: 1, image: { id: 9, url: '/uploads/a.png', formats } }] }).entries;
    expect(entry!.attributes.image).toMatchObject({ data: { attributes: { formats: { medium: { url: 'https://cms.example.com/uploads/m.png', width: 750 } } } } });
    expect(Object.keys((entry!.attributes.image as { data: { attributes: { formats: object } } }).data.attributes.formats)).toEqual(['medium']);
  });

  it('answers formats as null when none is usable', () => {
    const [entry] = read(CASE_STUDIES.fields, { data: [{ id: 1, image: { id: 9, url: '/uploads/a.png', formats: { small: { url: 'data:x' } } } }] }).entries;
    expect(entry!.attributes.image).toMatchObject({ data: { attributes: { formats: null } } });
  });

  it.each([
    ['v4', { data: [{ id: 1, attributes: { slug: 'a' } }] }],
    ['v5', { data: [{ id: 1, documentId: 'x', slug: 'a' }] }],
  ])('leaves out the media, components and relations a %s answer did not populate, rather than answering them empty', (_, answer) => {
    const [entry] = read(CASE_STUDIES.fields, answer).entries;
    expect(entry!.attributes).not.toHaveProperty('image');
    expect(entry!.attributes).not.toHaveProperty('blogContent');
    const [service] = read(SERVICES.fields, answer).entries;
    expect(service!.attributes).not.toHaveProperty('images');
    expect(service!.attributes).not.toHaveProperty('serviceContent');
  });

  it('answers a scalar field of the wrong type as null, keeping the rest of the entry', () => {
    const [entry] = read(CASE_STUDIES.fields, { data: [{ id: 1, slug: 'a', blogTitle: 42, date: { year: 2025 }, content: ['x'], updatedAt: false }] }).entries;
    expect(entry!.attributes).toMatchObject({ slug: 'a', blogTitle: null, date: null, content: null, updatedAt: null });
  });

  it('answers a missing scalar field as null', () => {
    const [entry] = read(CASE_STUDIES.fields, { data: [{ id: 1 }] }).entries;
    expect(entry!.attributes).toMatchObject({ blogTitle: null, slug: null, tags: null });
  });

  it('keeps only the strings of a list of tags', () => {
    const [entry] = read(CASE_STUDIES.fields, { data: [{ id: 1, tags: ['cloud', 3, null, { x: 1 }, 'data'] }] }).entries;
    expect(entry!.attributes.tags).toEqual(['cloud', 'data']);
  });

  it('answers components of the wrong shape as null', () => {
    const [entry] = read(CASE_STUDIES.fields, { data: [{ id: 1, blogContent: 'not a list' }] }).entries;
    expect(entry!.attributes.blogContent).toBeNull();
  });

  it('leaves out entries it cannot read: no numeric id, or not an object', () => {
    const answer = { data: [{ documentId: 'no-id', slug: 'a' }, { id: '2', slug: 'b' }, null, 'entry', { id: 3, slug: 'c' }, { attributes: { slug: 'd' } }] };
    expect(read(CASE_STUDIES.fields, answer).entries.map((entry) => entry.id)).toEqual([3]);
  });

  it('passes the CMS pagination through', () => {
    expect(read(CASE_STUDIES.fields, { data: [], meta: { pagination: { page: 4, pageSize: 25, pageCount: 9, total: 210 } } }).pagination).toEqual({
      page: 4,
      pageSize: 25,
      pageCount: 9,
      total: 210,
    });
  });

  it.each([
    ['no meta', { data: [{ id: 1 }, { id: 2 }, { documentId: 'unreadable' }] }],
    ['meta without pagination', { data: [{ id: 1 }, { id: 2 }], meta: {} }],
    ['pagination of the wrong shape', { data: [{ id: 1 }, { id: 2 }], meta: { pagination: { page: '1', pageSize: 1.5 } } }],
    ['meta of the wrong shape', { data: [{ id: 1 }, { id: 2 }], meta: 'x' }],
  ])('makes up one page of the readable entries when the answer has %s', (_, answer) => {
    expect(read(CASE_STUDIES.fields, answer).pagination).toEqual({ page: 1, pageSize: 2, pageCount: 1, total: 2 });
  });

  it.each([
    ['data is not a list', { data: { id: 1 } }],
    ['there is no data', { error: { status: 500, message: 'Internal Server Error' } }],
    ['the answer is not an object', 'oops'],
  ])('refuses an answer where %s', (_, answer) => {
    expect(v.safeParse(collectionAnswer(CASE_STUDIES.fields, CONTEXT), answer).success).toBe(false);
  });

  it('reads a legal page: its JSON sections sanitised, their unknown parts dropped', () => {
    const json = {
      title: 'Privacy',
      internal: 'dropped',
      sections: [
        { heading: 'Data', content: 'We keep <img src=x onerror=alert(1)>little\nof it', table: { rows: [['<a href="javascript:x()">a</a>']], link: 'javascript:x()' }, extra: 1 },
        'not a section',
      ],
    };
    const [entry] = read(LEGAL_PAGES.fields, { data: [{ id: 1, title: 'privacy', locale: 'en', json }] }).entries;
    expect(entry!.attributes.json).toEqual({
      title: 'Privacy',
      sections: [{ heading: 'Data', content: 'We keep little<br>of it', table: { rows: [['<a>a</a>']], link: null } }],
    });
  });

  it('reads a career component, and answers one the CMS left empty as null', () => {
    const answer = { data: [{ id: 1, career: { id: 5, title: 'Engineer', name: 'eng', salary: '£1', content: { text: '<b>Go</b>' }, secret: 'x' } }, { id: 2, career: null }] };
    expect(read(CAREERS.fields, answer).entries.map((entry) => entry.attributes.career)).toEqual([
      { id: 5, title: 'Engineer', name: 'eng', salary: '£1', content: { text: '<b>Go</b>' } },
      null,
    ]);
  });
});

describe('an entry\u2019s id', () => {
  it('is the entry\u2019s own, not an id among a v4 entry\u2019s attributes', () => {
    const [entry] = read(CASE_STUDIES.fields, { data: [{ id: 7, attributes: { id: 99, slug: 'a' } }] }).entries;
    expect(entry).toMatchObject({ id: 7, attributes: { slug: 'a' } });
  });
});

describe('singleAnswer', () => {
  const homeFields = { heroTitle: 'Hello', heroSubtitle: 'World', ctaLabel: 'Talk', solutionsHeading: 'Solutions', technologiesHeading: 'Tech', locale: 'en', ...BOOKKEEPING };
  const service = { slug: 'web', title: 'Web', category: 'Build', onNavDisplay: true, locale: 'en', ...BOOKKEEPING };
  const v4Home = {
    data: {
      id: 1,
      attributes: {
        ...homeFields,
        solutions: [{ id: 1, title: 'Cloud', description: 'd', icon: v4File(upload(9, '/uploads/hero.png')) }],
        services: { data: [{ id: 2, attributes: { ...service, images: { data: [] } } }, { attributes: { slug: 'no-id' } }] },
        technologies: [{ id: 4, name: 'AWS', icon: { data: null } }],
      },
    },
    meta: {},
  };
  const v5Home = {
    data: {
      id: 1,
      documentId: 'home',
      ...homeFields,
      solutions: [{ id: 1, title: 'Cloud', description: 'd', icon: v5File(upload(9, '/uploads/hero.png')) }],
      services: [{ id: 2, documentId: 'svc', ...service, images: [] }, { documentId: 'no-id', slug: 'no-id' }],
      technologies: [{ id: 4, name: 'AWS', icon: null }],
    },
    meta: {},
  };

  it('reads the v4 home page, its relations as { data: [...] } of their listed fields', () => {
    expect(readOne(HOME.fields, v4Home)).toEqual({
      id: 1,
      attributes: {
        heroTitle: 'Hello',
        heroSubtitle: 'World',
        ctaLabel: 'Talk',
        solutionsHeading: 'Solutions',
        technologiesHeading: 'Tech',
        locale: 'en',
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-02-01T00:00:00.000Z',
        publishedAt: '2025-02-02T00:00:00.000Z',
        solutions: [{ id: 1, title: 'Cloud', description: 'd', icon: { data: ANSWERED_FILE } }],
        services: {
          data: [
            {
              id: 2,
              attributes: {
                slug: 'web',
                title: 'Web',
                category: 'Build',
                onNavDisplay: true,
                locale: 'en',
                createdAt: '2025-01-01T00:00:00.000Z',
                updatedAt: '2025-02-01T00:00:00.000Z',
                publishedAt: '2025-02-02T00:00:00.000Z',
              },
            },
          ],
        },
        technologies: [{ id: 4, name: 'AWS', icon: { data: null } }],
      },
    });
  });

  it('reads the same home page from Strapi v5 as from v4', () => {
    expect(readOne(HOME.fields, v5Home)).toEqual(readOne(HOME.fields, v4Home));
  });

  it.each([
    ['v4', { data: null }],
    ['v5', { data: [] }],
  ])('answers an empty relation of a %s answer as { data: [] }', (_, services) => {
    expect(readOne(HOME.fields, { data: { id: 1, services } }).attributes.services).toEqual({ data: [] });
  });

  it('refuses an answer whose entry has no numeric id', () => {
    expect(v.safeParse(singleAnswer(HOME.fields, CONTEXT), { data: { documentId: 'home', heroTitle: 'x' } }).success).toBe(false);
    expect(v.safeParse(singleAnswer(HOME.fields, CONTEXT), { data: null }).success).toBe(false);
  });
});

describe('onePage', () => {
  it.each([
    [0, { page: 1, pageSize: 1, pageCount: 1, total: 0 }],
    [3, { page: 1, pageSize: 3, pageCount: 1, total: 3 }],
  ])('describes %d entries as one page', (total, expected) => {
    expect(onePage(total)).toEqual(expected);
  });
});
