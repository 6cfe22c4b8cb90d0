import { chooseShareImage } from '../../../lambda/share-case-study/image';
import type { Media } from '../../../lambda/shared/cms/strapi';

const CMS = 'https://cms.example.com';

function media(overrides: Partial<Media>): Media {
  return { url: '/uploads/original.jpg', mime: 'image/jpeg', size: 120, width: 1600, height: 900, alternativeText: 'Team at work', ...overrides };
}

describe('chooseShareImage', () => {
  it('takes a small original with its size and alt text', () => {
    expect(chooseShareImage(media({}), CMS)).toEqual({
      url: 'https://cms.example.com/uploads/original.jpg',
      width: 1600,
      height: 900,
      alt: 'Team at work',
    });
  });

  it('takes the large format when the original is over 300 KB', () => {
    const image = media({ size: 1843.2, formats: { large: { url: '/uploads/large_original.jpg', mime: 'image/jpeg', size: 210, width: 1000, height: 563 } } });
    expect(chooseShareImage(image, CMS)).toEqual({ url: 'https://cms.example.com/uploads/large_original.jpg', width: 1000, height: 563, alt: 'Team at work' });
  });

  it('keeps an oversized original when no smaller rendition exists', () => {
    expect(chooseShareImage(media({ size: 900 }), CMS)?.url).toBe('https://cms.example.com/uploads/original.jpg');
  });

  it('passes over a WebP original for a JPEG format', () => {
    const image = media({ url: '/uploads/a.webp', mime: 'image/webp', formats: { medium: { url: '/uploads/medium_a.jpg', mime: 'image/jpeg', size: 60, width: 750, height: 422 } } });
    expect(chooseShareImage(image, CMS)?.url).toBe('https://cms.example.com/uploads/medium_a.jpg');
  });

  it.each([
    ['an SVG', media({ url: '/uploads/a.svg', mime: 'image/svg+xml' })],
    ['a javascript: URL', media({ url: 'javascript:alert(1)' })],
    ['a file without a known type', media({ url: '/uploads/a', mime: null })],
  ])('has nothing to offer for %s', (_, image) => {
    expect(chooseShareImage(image, CMS)).toBeUndefined();
  });

  it('falls back on the file extension when the CMS gives no mime type', () => {
    expect(chooseShareImage(media({ url: '//cdn.example.com/a.PNG', mime: undefined }), CMS)?.url).toBe('https://cdn.example.com/a.PNG');
  });

  it('reads alt text as plain text, without control characters, at most 420 characters', () => {
    const alt = chooseShareImage(media({ alternativeText: `Caf&eacute;\u0007 ${'long '.repeat(200)}` }), CMS)?.alt ?? '';
    expect(alt.startsWith('Caf\u00e9 long')).toBe(true);
    expect(Array.from(alt).length).toBeLessThanOrEqual(420);
  });

  it('leaves out sizes that are not plausible', () => {
    expect(chooseShareImage(media({ width: 1e308, height: 0.2 }), CMS)).toEqual({ url: 'https://cms.example.com/uploads/original.jpg', alt: 'Team at work' });
  });

  it('passes over a format the CMS could not describe', () => {
    const image = media({ size: 900, formats: { large: null, medium: { url: '/uploads/medium.jpg', mime: 'image/jpeg', size: 80, width: 750, height: 500 } } });
    expect(chooseShareImage(image, CMS)?.url).toBe('https://cms.example.com/uploads/medium.jpg');
  });

  it('leaves out sizes and alt text that are not known', () => {
    expect(chooseShareImage(media({ width: null, height: 0, alternativeText: '  ' }), CMS)).toEqual({ url: 'https://cms.example.com/uploads/original.jpg' });
  });

  it('has nothing for no image', () => {
    expect(chooseShareImage(undefined, CMS)).toBeUndefined();
  });
});
