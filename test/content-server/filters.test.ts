import { SAMPLE_SLUGS, startContentServer, type ContentServer } from '../../local/content-server';
import { getJson, TOKEN } from './http';

let server: ContentServer;
beforeAll(async () => {
  server = await startContentServer({ token: TOKEN });
});
afterAll(() => server.close());

/** The slugs a blogs query answers, in answer order. */
async function blogSlugs(query: string): Promise<string[]> {
  const { status, body } = await getJson(server, `/api/blogs?${query}`);
  expect(status).toBe(200);
  return body.data.map((entry: { attributes: { slug: string } }) => entry.attributes.slug);
}

describe('filters', () => {
  it('reads filters[field]=x as $eq, and answers the same as filters[field][$eq]=x', async () => {
    expect(await blogSlugs(`filters[slug]=${SAMPLE_SLUGS.noImage}`)).toEqual([SAMPLE_SLUGS.noImage]);
    expect(await blogSlugs(`filters[slug][$eq]=${SAMPLE_SLUGS.noImage}`)).toEqual([SAMPLE_SLUGS.noImage]);
  });

  it('matches exactly: no prefix, no other case', async () => {
    expect(await blogSlugs('filters[slug]=no-image')).toEqual([]);
    expect(await blogSlugs(`filters[slug]=${SAMPLE_SLUGS.noImage.toUpperCase()}`)).toEqual([]);
  });

  it('answers 200 with empty data and total 0 when nothing matches', async () => {
    const { status, body } = await getJson(server, '/api/blogs?filters[slug]=does-not-exist');
    expect(status).toBe(200);
    expect(body).toEqual({ data: [], meta: { pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 } } });
  });

  it('decodes percent-encoded brackets and values (as URLSearchParams sends them)', async () => {
    const query = new URLSearchParams({ 'filters[slug][$eq]': SAMPLE_SLUGS.hostileText });
    expect(await blogSlugs(query.toString())).toEqual([SAMPLE_SLUGS.hostileText]);
  });

  it('reads a repeated filter as "any of"', async () => {
    const slugs = await blogSlugs(`filters[slug]=${SAMPLE_SLUGS.normal}&filters[slug]=${SAMPLE_SLUGS.noImage}&filters[slug]=nope`);
    expect(slugs.sort()).toEqual([SAMPLE_SLUGS.noImage, SAMPLE_SLUGS.normal].sort());
  });

  it('supports $in with indexed values, and $ne', async () => {
    expect((await blogSlugs(`filters[slug][$in][0]=${SAMPLE_SLUGS.normal}&filters[slug][$in][1]=${SAMPLE_SLUGS.svgImage}`)).sort()).toEqual(
      [SAMPLE_SLUGS.normal, SAMPLE_SLUGS.svgImage].sort(),
    );
    const all = await blogSlugs('pagination[pageSize]=100');
    const others = await blogSlugs(`filters[slug][$ne]=${SAMPLE_SLUGS.normal}&pagination[pageSize]=100`);
    expect(others).toEqual(all.filter((slug) => slug !== SAMPLE_SLUGS.normal));
  });

  it('matches filters[onNavDisplay]=true against the boolean true, and false against false', async () => {
    const shown = await getJson(server, '/api/services?filters[onNavDisplay]=true&locale=en');
    expect(shown.body.data.map((entry: { attributes: { slug: string } }) => entry.attributes.slug)).toEqual(['cloud-architecture', 'software-engineering', 'ux-design']);
    const hidden = await getJson(server, '/api/services?filters[onNavDisplay]=false&locale=en');
    expect(hidden.body.data.map((entry: { attributes: { slug: string } }) => entry.attributes.slug)).toEqual(['legacy-modernisation-audit']);
  });

  it('answers the site\'s legal pages query: three titles as "any of", in one locale', async () => {
    const { body } = await getJson(server, '/api/privacies?filters[title]=privacy&filters[title]=terms-of-service&filters[title]=cookie-policy&locale=es');
    expect(body.data.map((entry: { attributes: { title: string } }) => entry.attributes.title)).toEqual(['privacy', 'cookie-policy']);
  });

  it('supports $containsi and case-sensitive $contains, including on JSON fields', async () => {
    expect(await blogSlugs('filters[blogTitle][$containsi]=CAFÉ')).toEqual([SAMPLE_SLUGS.hostileText]);
    expect(await blogSlugs('filters[blogTitle][$contains]=CAFÉ')).toEqual([]);
    expect(await blogSlugs('filters[tags][$contains]=Accessibility')).toEqual([SAMPLE_SLUGS.webpImage]);
  });

  it('supports $or, and $lt on dates', async () => {
    const either = await blogSlugs(`filters[$or][0][slug]=${SAMPLE_SLUGS.normal}&filters[$or][1][date][$lt]=2024-11-01`);
    expect(either.sort()).toEqual([SAMPLE_SLUGS.normal, SAMPLE_SLUGS.webpImage].sort());
  });

  it('filters on media and components through their fields, and on empty media with $null', async () => {
    expect(await blogSlugs('filters[image][$null]=true')).toEqual([SAMPLE_SLUGS.noImage]);
    expect(await blogSlugs('filters[image][mime]=image/webp')).toEqual([SAMPLE_SLUGS.webpImage]);
    expect(await blogSlugs('filters[blogContent][title]=Measure first')).toEqual([SAMPLE_SLUGS.longBody]);
  });

  it('filters on a relation by the related id', async () => {
    const { body } = await getJson(server, '/api/home-content?filters[services]=1');
    expect(body.data.attributes.locale).toBe('en');
    expect((await getJson(server, '/api/home-content?filters[services]=99')).status).toBe(404);
  });

  it('answers 400 ValidationError for an unknown operator or an unknown field', async () => {
    const operator = await getJson(server, '/api/blogs?filters[slug][$like]=x');
    expect(operator.status).toBe(400);
    expect(operator.body).toEqual({ data: null, error: { status: 400, name: 'ValidationError', message: 'Invalid key $like', details: {} } });
    const field = await getJson(server, '/api/blogs?filters[nope]=x');
    expect(field.status).toBe(400);
    expect(field.body.error.message).toBe('Invalid key nope');
  });

  it('answers 400 ValidationError for a value a boolean field cannot take', async () => {
    const { status, body } = await getJson(server, '/api/services?filters[onNavDisplay]=maybe');
    expect(status).toBe(400);
    expect(body.error.name).toBe('ValidationError');
  });
});
