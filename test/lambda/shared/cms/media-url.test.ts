import { absoluteMediaUrl } from '../../../../lambda/shared/cms/media-url';

const CMS = 'https://cms.example.com';

describe('absoluteMediaUrl', () => {
  it.each([
    ['/uploads/hero.png', 'https://cms.example.com/uploads/hero.png'],
    ['/uploads/hero.png?updated=123#x', 'https://cms.example.com/uploads/hero.png'],
    ['//cdn.example.com/a.png', 'https://cdn.example.com/a.png'],
    ['https://images.example.com/a.jpg?w=1', 'https://images.example.com/a.jpg'],
    ['http://images.example.com/a.jpg', 'http://images.example.com/a.jpg'],
    ['  /uploads/spaced.png ', 'https://cms.example.com/uploads/spaced.png'],
    ['https://user:pass@images.example.com/a.jpg', 'https://images.example.com/a.jpg'],
  ])('makes %j absolute as %j', (input, expected) => {
    expect(absoluteMediaUrl(input, CMS)).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'data:image/png;base64,AAAA', 'uploads/relative.png', 'ftp://x.example/a.png', '', 'https://', `/uploads/${'a'.repeat(3000)}.png`])(
    'refuses %j',
    (input) => {
      expect(absoluteMediaUrl(input, CMS)).toBeUndefined();
    },
  );
});
