import * as v from 'valibot';
import { collection, singleMedia } from '../../../../lambda/shared/cms/strapi';

const blogs = collection({ blogTitle: v.nullish(v.string()), image: v.nullish(singleMedia) });
const media = { url: '/uploads/a.png', width: 1200, height: 630, mime: 'image/png', size: 80.5, alternativeText: 'A' };

describe('collection', () => {
  it('reads a Strapi v4 answer: fields under attributes, media under data.attributes', () => {
    const answer = { data: [{ id: 1, attributes: { blogTitle: 'T', image: { data: { id: 9, attributes: media } } } }], meta: {} };
    expect(v.parse(blogs, answer)).toEqual([{ id: 1, blogTitle: 'T', image: expect.objectContaining(media) }]);
  });

  it('reads a Strapi v5 answer: fields and media flat, documentId beside id', () => {
    const answer = { data: [{ id: 1, documentId: 'abc', blogTitle: 'T', image: media }], meta: {} };
    expect(v.parse(blogs, answer)).toEqual([{ id: 1, blogTitle: 'T', image: expect.objectContaining(media) }]);
  });

  it.each([
    ['v4', { data: [{ id: 1, attributes: { blogTitle: 'T', image: { data: null } } }] }],
    ['v5', { data: [{ id: 1, blogTitle: 'T', image: null }] }],
  ])('reads a %s entry without an image as image null', (_, answer) => {
    expect(v.parse(blogs, answer)).toEqual([{ id: 1, blogTitle: 'T', image: null }]);
  });

  it('reads a media file with odd details, leaving out only what it cannot read', () => {
    const answer = { data: [{ id: 1, blogTitle: 'T', image: { ...media, width: 'wide', formats: { large: null, small: { url: 5 }, medium: { url: '/m.png' } } } }] };
    const [entry] = v.parse(blogs, answer);
    expect(entry?.image).toMatchObject({ url: '/uploads/a.png', width: null, formats: { large: null, small: null, medium: { url: '/m.png' } } });
  });

  it('reads an empty list as no entries', () => {
    expect(v.parse(blogs, { data: [], meta: { pagination: { total: 0 } } })).toEqual([]);
  });

  it.each([
    ['data is not a list', { data: 'oops' }],
    ['no data at all', { error: { status: 500 } }],
    ['a v4 entry whose attributes do not fit', { data: [{ id: 1, attributes: { blogTitle: 42 } }] }],
    ['an entry without an id', { data: [{ blogTitle: 'T' }] }],
    ['a media field of the wrong shape', { data: [{ id: 1, blogTitle: 'T', image: { data: 'x' } }] }],
  ])('refuses an answer where %s', (_, answer) => {
    expect(v.safeParse(blogs, answer).success).toBe(false);
  });
});
