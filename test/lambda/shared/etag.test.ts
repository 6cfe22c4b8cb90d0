import { ifNoneMatchMatches, strongEtag } from '../../../lambda/shared/etag';

describe('strongEtag', () => {
  it('is a quoted, strong tag', () => {
    expect(strongEtag('{"data":[]}')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  });

  it('is the same for the same body, every time', () => {
    expect(strongEtag('{"data":[]}')).toBe(strongEtag('{"data":[]}'));
    expect(strongEtag('')).toBe('"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"');
  });

  it.each([
    ['{"data":[]}', '{"data":[] }'],
    ['a', 'A'],
    ['caf\u00e9', 'cafe\u0301'],
    ['', ' '],
  ])('differs between %j and %j', (one, other) => {
    expect(strongEtag(one)).not.toBe(strongEtag(other));
  });
});

describe('ifNoneMatchMatches', () => {
  const etag = strongEtag('body');
  const other = strongEtag('another body');

  it.each([
    ['the same tag', etag],
    ['the tag marked weak', `W/${etag}`],
    ['a list with the tag in it', `${other}, ${etag}`],
    ['a list with the weak tag in it', `${other},W/${etag}`],
    ['a list without spaces', `${other},${etag},"x"`],
    ['*', '*'],
    ['* with spaces around', '  *  '],
  ])('matches %s', (_, header) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(true);
  });

  it('matches a weak tag of its own against the same strong one in the header', () => {
    expect(ifNoneMatchMatches(etag, `W/${etag}`)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another tag', other],
    ['a list of other tags', `${other}, W/"x"`],
    ['the tag without its quotes', etag.slice(1, -1)],
    ['the tag cut short', etag.slice(0, -2) + '"'],
    ['the tag in other case', etag.toLowerCase() === etag ? etag.toUpperCase() : etag.toLowerCase()],
    ['garbage', 'garbage'],
    ['an unclosed quote', `"${etag.slice(1, -1)}`],
    ['a date', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['a star inside a list', `${other}, *`],
  ])('does not match %s', (_, header) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(false);
  });
});
