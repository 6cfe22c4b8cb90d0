import { SAMPLE_SLUGS, startContentServer, type ContentServer } from '../../local/content-server';
import { getJson, TOKEN } from './http';

let server: ContentServer;
beforeAll(async () => {
  server = await startContentServer({ token: TOKEN });
});
afterAll(() => server.close());

async function download(path: string): Promise<{ status: number; contentType: string | null; bytes: Buffer }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The image of one sample case study, v4 attributes. */
async function imageOf(slug: string) {
  const { body } = await getJson(server, `/api/blogs?filters[slug]=${slug}&populate=image`);
  return body.data[0].attributes.image.data.attributes;
}

/** Every media object in a v4 answer, wherever it sits. */
function mediaIn(value: unknown): { url: string; mime: string; width: number | null; height: number | null; formats: Record<string, { url: string }> | null }[] {
  if (Array.isArray(value)) return value.flatMap(mediaIn);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = typeof record.mime === 'string' && typeof record.url === 'string' && 'formats' in record ? [record as never] : [];
  return [...own, ...Object.values(record).flatMap(mediaIn)];
}

describe('media files', () => {
  it('serves a JPEG with its content type, JPEG markers and the pixel size the content claims', async () => {
    const image = await imageOf(SAMPLE_SLUGS.normal);
    const { status, contentType, bytes } = await download(image.url);
    expect(status).toBe(200);
    expect(contentType).toBe('image/jpeg');
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
    const frame = bytes.indexOf(Buffer.from([0xff, 0xc0]));
    expect([bytes.readUInt16BE(frame + 7), bytes.readUInt16BE(frame + 5)]).toEqual([image.width, image.height]);
  });

  it('serves a PNG with its content type, signature and IHDR size', async () => {
    const image = await imageOf(SAMPLE_SLUGS.hostileText);
    const { contentType, bytes } = await download(image.url);
    expect(contentType).toBe('image/png');
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([image.width, image.height]);
  });

  it('serves WebP, GIF and SVG files with their signatures', async () => {
    const webp = await download((await imageOf(SAMPLE_SLUGS.webpImage)).url);
    expect(webp.contentType).toBe('image/webp');
    expect([webp.bytes.subarray(0, 4).toString('latin1'), webp.bytes.subarray(8, 12).toString('latin1')]).toEqual(['RIFF', 'WEBP']);
    const svg = await download((await imageOf(SAMPLE_SLUGS.svgImage)).url);
    expect(svg.contentType).toBe('image/svg+xml');
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const home = await getJson(server, '/api/home-content?populate=solutions.icon');
    const gifIcon = mediaIn(home.body).find((media) => media.mime === 'image/gif');
    const gif = await download(gifIcon?.url ?? 'no GIF icon');
    expect(gif.contentType).toBe('image/gif');
    expect(gif.bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  });

  it('serves an image URL that carries a query string, ignoring the query', async () => {
    const image = await imageOf(SAMPLE_SLUGS.imageUrlWithQuery);
    expect(image.url).toContain('?updated=123');
    const { status, contentType } = await download(image.url);
    expect([status, contentType]).toEqual([200, 'image/png']);
  });

  it('serves every relative media URL of the sample content, formats included, with the MIME type the content gives', async () => {
    const answers = await Promise.all(
      ['/api/blogs?populate[image]=true&populate[blogContent][populate]=image&pagination[pageSize]=100', '/api/services?populate=images', '/api/home-content?populate=solutions.icon&populate=technologies.icon'].map(
        (path) => getJson(server, path),
      ),
    );
    const media = answers.flatMap((answer) => mediaIn(answer.body));
    const files = media.flatMap((item) => [{ url: item.url, mime: item.mime }, ...Object.values(item.formats ?? {}).map((format) => ({ url: format.url, mime: item.mime }))]);
    const relative = files.filter((file) => file.url.startsWith('/uploads/'));
    expect(relative.length).toBeGreaterThan(30);
    for (const file of relative) {
      const { status, contentType } = await download(file.url);
      expect({ url: file.url, status, contentType }).toEqual({ url: file.url, status: 200, contentType: file.mime });
    }
  });

  it('serves uploads without a token, as Strapi\'s public folder does', async () => {
    server.clearRequests();
    const image = await imageOf(SAMPLE_SLUGS.normal);
    await download(image.url);
    expect(server.requests.at(-1)?.authorization).toBeUndefined();
  });

  it('answers 404 with the Strapi envelope for an unknown file', async () => {
    const response = await fetch(`${server.url}/uploads/nothing_here.jpg`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { name: string } }).error.name).toBe('NotFoundError');
  });
});
