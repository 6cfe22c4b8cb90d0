import { SAMPLE_CONTENT } from '../../local/content-server';
import type { ContentSet } from '../../local/content-server/content-set';
import type { LocalApi } from '../../local/local-api';
import { get, startQuietLocalApi } from '../support/local-api';

/**
 * Adversarial review regressions (over HTTP, the real handlers behind the emulator): CMS content that turns
 * a content route into a 500, which the content API promises never to answer. Each `it` failed when written.
 */

type Mutable = { types: { pluralName: string; entries: Record<string, any>[] }[] };

function contentWith(change: (content: Mutable) => void): ContentSet {
  const content = structuredClone(SAMPLE_CONTENT) as unknown as Mutable;
  change(content);
  return content as unknown as ContentSet;
}
const entriesOf = (content: Mutable, pluralName: string) => content.types.find((type) => type.pluralName === pluralName)!.entries;

describe('CMS content that must not make a 500', () => {
  let api: LocalApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  // 1.8 MiB from the CMS (under its 2 MiB limit) sanitises to 9.5 MB (`&` is `&amp;`): over Lambda's 6 MB response quota.
  it('answers a legal page whose text grows past the Lambda response limit when escaped without a 500', async () => {
    const content = contentWith((set) => {
      entriesOf(set, 'privacies')[0]!.json = { title: 'Privacy', sections: [{ heading: 'h', content: `<p>${'&'.repeat(1_900_000)}</p>` }] };
    });
    api = await startQuietLocalApi('content-adversarial-amplified', { contentServer: { content } });
    const response = await get(api, '/content/legal/privacy');
    expect(response.status).not.toBe(500);
  }, 60_000);

  // htmlparser2 is quadratic in open elements: 1.2 MB of `<b>x` takes minutes of CPU, so the function times out (a 500) on every request.
  it('answers a case study whose section nests many unclosed tags within the function timeout', async () => {
    const content = contentWith((set) => {
      const entry = entriesOf(set, 'blogs').find((blog) => blog.slug === 'no-image-case-study')!;
      entry.blogContent = [{ id: 1, title: 't', content: '<b>x'.repeat(300_000), image: null }];
    });
    api = await startQuietLocalApi('content-adversarial-nesting', { contentServer: { content } });
    const response = await get(api, '/content/case-studies/no-image-case-study');
    expect(response.status).not.toBe(500);
  }, 60_000);

  // The sitemap reads its pages one after another with no overall deadline: six pages at 1.8 s each outlast the 10 s function.
  it('answers the sitemap from a slow CMS with many pages without a 500', async () => {
    const content = contentWith((set) => {
      const blogs = entriesOf(set, 'blogs');
      const template = blogs[0]!;
      for (let index = 0; index < 550; index += 1) {
        blogs.push({ ...structuredClone(template), id: 10_000 + index, slug: `bulk-${index}`, image: null, blogContent: [] });
      }
    });
    api = await startQuietLocalApi('content-adversarial-sitemap', { contentServer: { content } });
    api.contentServer!.setFault({ kind: 'delay', ms: 1800 });
    const response = await get(api, '/sitemap.xml');
    expect(response.status).not.toBe(500);
  }, 60_000);
});
