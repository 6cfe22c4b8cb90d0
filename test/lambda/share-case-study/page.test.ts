import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { renderMessagePage, renderSharePage, SHARE_PAGE_HEADERS, type SharePreview } from '../../../lambda/share-case-study/page';
import { HtmlDocument } from '../../support/html-document';

const URLS = { shareUrl: 'https://api.example.com/share/casestudies/a-case', articleUrl: 'https://site.example.com/work/casestudies/a-case' };
const PREVIEW: SharePreview = {
  title: 'A case',
  description: 'What we did.',
  image: { url: 'https://cms.example.com/uploads/a.png', width: 1200, height: 630, alt: 'A picture' },
  lang: 'en',
};

describe('renderSharePage', () => {
  it('carries every Open Graph and Twitter tag a crawler reads', () => {
    const page = new HtmlDocument(renderSharePage(PREVIEW, URLS));
    expect({
      title: page.text('title'),
      description: page.meta('description'),
      type: page.meta('og:type'),
      siteName: page.meta('og:site_name'),
      ogTitle: page.meta('og:title'),
      ogDescription: page.meta('og:description'),
      ogUrl: page.meta('og:url'),
      ogImage: page.meta('og:image'),
      width: page.meta('og:image:width'),
      height: page.meta('og:image:height'),
      alt: page.meta('og:image:alt'),
      card: page.meta('twitter:card'),
      twitterTitle: page.meta('twitter:title'),
      twitterDescription: page.meta('twitter:description'),
      twitterImage: page.meta('twitter:image'),
      canonical: page.attribute('link', 'href'),
      lang: page.attribute('html', 'lang'),
    }).toEqual({
      title: 'A case',
      description: 'What we did.',
      type: 'article',
      siteName: 'Marchcroft',
      ogTitle: 'A case',
      ogDescription: 'What we did.',
      ogUrl: URLS.shareUrl,
      ogImage: PREVIEW.image.url,
      width: '1200',
      height: '630',
      alt: 'A picture',
      card: 'summary_large_image',
      twitterTitle: 'A case',
      twitterDescription: 'What we did.',
      twitterImage: PREVIEW.image.url,
      canonical: URLS.shareUrl,
      lang: 'en',
    });
  });

  it('leaves out image sizes and alt text that are not known', () => {
    const page = new HtmlDocument(renderSharePage({ ...PREVIEW, image: { url: PREVIEW.image.url } }, URLS));
    expect([page.meta('og:image:width'), page.meta('og:image:height'), page.meta('og:image:alt')]).toEqual([undefined, undefined, undefined]);
  });

  it('sends people on with a link that works without JavaScript, and no meta refresh', () => {
    const page = new HtmlDocument(renderSharePage(PREVIEW, URLS));
    const [link] = page.elements('a');
    expect(link?.attrs).toEqual([
      { name: 'id', value: 'continue' },
      { name: 'href', value: URLS.articleUrl },
    ]);
    expect(page.elements('meta').some((meta) => meta.attrs?.some((attr) => attr.name === 'http-equiv'))).toBe(false);
  });

  it('runs only the one script its CSP allows', () => {
    const page = new HtmlDocument(renderSharePage(PREVIEW, URLS));
    const scripts = page.elements('script').map((script) => script.childNodes?.map((node) => node.value).join('') ?? '');
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    expect(SHARE_PAGE_HEADERS['content-security-policy']).toContain(`script-src 'sha256-${hash}'`);
  });

  it('keeps any title, description and alt text as text in their places', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (title, description, alt) => {
        const [cleanTitle, cleanDescription, cleanAlt] = [title, description, alt].map((value) => value.replace(/[\0\r]/g, '').trim());
        const html = renderSharePage({ ...PREVIEW, title: cleanTitle!, description: cleanDescription!, image: { ...PREVIEW.image, alt: cleanAlt || undefined } }, URLS);
        const page = new HtmlDocument(html);
        expect(page.elements('script')).toHaveLength(1);
        expect(page.elements('a')).toHaveLength(1);
        expect(page.meta('og:title')).toBe(cleanTitle);
        expect(page.meta('og:description')).toBe(cleanDescription);
        expect(page.text('h1')).toBe(cleanTitle);
      }),
      { numRuns: 200 },
    );
  });
});

describe('renderMessagePage', () => {
  it('shows its title, message and link as text', () => {
    const page = new HtmlDocument(renderMessagePage({ title: 'Not <found>', message: 'None & nothing', linkUrl: 'https://site.example.com/work?a=1&b=2', linkText: 'All' }));
    expect([page.text('h1'), page.text('p'), page.attribute('a', 'href')]).toEqual(['Not <found>', 'None & nothing', 'https://site.example.com/work?a=1&b=2']);
  });
});
