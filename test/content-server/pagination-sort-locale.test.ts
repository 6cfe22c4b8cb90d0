import { SAMPLE_SLUGS, startContentServer, type ContentServer } from '../../local/content-server';
import { getJson, TOKEN } from './http';

let server: ContentServer;
beforeAll(async () => {
  server = await startContentServer({ token: TOKEN });
});
afterAll(() => server.close());

const PUBLISHED_BLOGS = SAMPLE_SLUGS.length;

describe('pagination', () => {
  it('answers 25 per page by default, with page, pageSize, pageCount and total in meta', async () => {
    const { body } = await getJson(server, '/api/blogs');
    expect(body.meta).toEqual({ pagination: { page: 1, pageSize: 25, pageCount: 1, total: PUBLISHED_BLOGS } });
    expect(body.data).toHaveLength(PUBLISHED_BLOGS);
  });

  it('answers the requested page of pageSize entries', async () => {
    const first = await getJson(server, '/api/blogs?pagination[page]=1&pagination[pageSize]=4&sort=id');
    const second = await getJson(server, '/api/blogs?pagination[page]=2&pagination[pageSize]=4&sort=id');
    expect(first.body.data.map((entry: { id: number }) => entry.id)).toEqual([1, 2, 3, 4]);
    expect(second.body.data.map((entry: { id: number }) => entry.id)).toEqual([5, 6, 7, 8]);
    expect(second.body.meta.pagination).toEqual({ page: 2, pageSize: 4, pageCount: Math.ceil(PUBLISHED_BLOGS / 4), total: PUBLISHED_BLOGS });
  });

  it('answers empty data for a page beyond the end, keeping the meta', async () => {
    const { status, body } = await getJson(server, '/api/blogs?pagination[page]=50&pagination[pageSize]=10');
    expect(status).toBe(200);
    expect(body).toEqual({ data: [], meta: { pagination: { page: 50, pageSize: 10, pageCount: Math.ceil(PUBLISHED_BLOGS / 10), total: PUBLISHED_BLOGS } } });
  });

  it('caps pageSize at 100, the default maxLimit', async () => {
    const { body } = await getJson(server, '/api/blogs?pagination[pageSize]=1000');
    expect(body.meta.pagination.pageSize).toBe(100);
  });

  it('answers start/limit pagination with start, limit and total in meta', async () => {
    const { body } = await getJson(server, '/api/blogs?pagination[start]=2&pagination[limit]=3&sort=id');
    expect(body.data.map((entry: { id: number }) => entry.id)).toEqual([3, 4, 5]);
    expect(body.meta).toEqual({ pagination: { start: 2, limit: 3, total: PUBLISHED_BLOGS } });
  });

  it('answers 400 PaginationError for a page size that is not a number, or page and offset pagination mixed', async () => {
    const bad = await getJson(server, '/api/blogs?pagination[pageSize]=abc');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ data: null, error: { status: 400, name: 'PaginationError', message: expect.stringContaining("'pageSize'"), details: {} } });
    const mixed = await getJson(server, '/api/blogs?pagination[page]=1&pagination[limit]=3');
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.name).toBe('PaginationError');
  });
});

describe('sort', () => {
  const dates = async (query: string): Promise<string[]> =>
    (await getJson(server, `/api/blogs?${query}`)).body.data.map((entry: { attributes: { date: string } }) => entry.attributes.date);

  it('sorts by date descending with sort=date:desc and with sort[0]=date:desc', async () => {
    const descending = await dates('sort=date:desc');
    expect(descending).toEqual([...descending].sort().reverse());
    expect(await dates('sort[0]=date:desc')).toEqual(descending);
    expect(descending[0]).toBe('2025-11-18');
  });

  it('sorts ascending when no order is given', async () => {
    const ascending = await dates('sort=date');
    expect(ascending).toEqual([...ascending].sort());
  });

  it('sorts by several keys, the later ones breaking ties', async () => {
    const { body } = await getJson(server, '/api/services?locale=en&sort[0]=onNavDisplay:asc&sort[1]=slug:desc');
    expect(body.data.map((entry: { attributes: { slug: string } }) => entry.attributes.slug)).toEqual([
      'legacy-modernisation-audit',
      'ux-design',
      'software-engineering',
      'cloud-architecture',
    ]);
  });

  it('answers the site\'s case study list query, newest first', async () => {
    const { status, body } = await getJson(server, '/api/blogs?populate=image&populate=blogContent&pagination[pageSize]=100&sort[0]=date:desc');
    expect(status).toBe(200);
    expect(body.data[0].attributes.slug).toBe(SAMPLE_SLUGS.normal);
    expect(body.meta.pagination.pageSize).toBe(100);
  });

  it('answers 400 ValidationError for an unknown order or field', async () => {
    expect((await getJson(server, '/api/blogs?sort=date:sideways')).body.error.name).toBe('ValidationError');
    expect((await getJson(server, '/api/blogs?sort=nope')).status).toBe(400);
  });
});

describe('locale', () => {
  it('answers English without a locale parameter, and the asked locale with one', async () => {
    const english = await getJson(server, '/api/histories');
    expect(english.body.data.every((entry: { attributes: { locale: string } }) => entry.attributes.locale === 'en')).toBe(true);
    const spanish = await getJson(server, '/api/histories?locale=es');
    expect(spanish.body.data.length).toBeGreaterThan(0);
    expect(spanish.body.data.every((entry: { attributes: { locale: string } }) => entry.attributes.locale === 'es')).toBe(true);
  });

  it('answers empty data for a collection in a locale without entries', async () => {
    const { status, body } = await getJson(server, '/api/histories?locale=gr');
    expect(status).toBe(200);
    expect(body.data).toEqual([]);
  });

  it('answers 404 NotFoundError for a single type in a locale without an entry', async () => {
    expect((await getJson(server, '/api/home-content?locale=el')).status).toBe(200);
    const { status, body } = await getJson(server, '/api/home-content?locale=gr');
    expect(status).toBe(404);
    expect(body.error.name).toBe('NotFoundError');
  });

  it('gives no locale to entries of types that are not localized, and ignores the parameter there', async () => {
    const { body } = await getJson(server, '/api/blogs?locale=es');
    expect(body.data).toHaveLength(PUBLISHED_BLOGS);
    expect(body.data[0].attributes).not.toHaveProperty('locale');
  });
});
