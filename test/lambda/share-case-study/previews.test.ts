import {
  CaseStudyPreviews,
  DEFAULT_DESCRIPTION,
  DEFAULT_TITLE,
  describe as describeCaseStudy,
  previewOf,
} from '../../../lambda/share-case-study/previews';
import { CMS_FAILURE_BACKOFF_MS } from '../../../lambda/shared/cms/cached-lookups';
import { CmsError } from '../../../lambda/shared/errors';
import { FakeCms } from '../../support/fake-cms';

const SETTINGS = { cmsUrl: 'https://cms.example.com', defaultImageUrl: 'https://site.example.com/og-image.png', foundTtlSeconds: 300, notFoundTtlSeconds: 60 };

const entry = (attributes: Record<string, unknown>) => ({ data: [{ id: 1, attributes: { slug: 'a-case', ...attributes } }] });

describe('CaseStudyPreviews', () => {
  let now: number;
  let cms: FakeCms;
  let previews: CaseStudyPreviews;
  beforeEach(() => {
    now = 0;
    cms = new FakeCms();
    previews = new CaseStudyPreviews(cms, SETTINGS, () => now);
  });

  it('asks the CMS for the slug, populating the image and body', async () => {
    cms.answer = entry({ blogTitle: 'A case' });
    await previews.lookup('a-case');
    expect(decodeURIComponent(cms.queries[0]!)).toBe('blogs?filters[slug][$eq]=a-case&populate=image&populate=blogContent');
  });

  it('answers a found case study from the CMS, then from its cache', async () => {
    cms.answer = entry({ blogTitle: 'A case' });
    expect(await previews.lookup('a-case')).toMatchObject({ outcome: 'found', source: 'cms', value: { title: 'A case' } });
    expect(await previews.lookup('a-case')).toMatchObject({ outcome: 'found', source: 'cache' });
    expect(cms.queries).toHaveLength(1);
  });

  it('asks the CMS again once the found TTL has passed', async () => {
    cms.answer = entry({ blogTitle: 'A case' });
    await previews.lookup('a-case');
    now += 300_000;
    expect(await previews.lookup('a-case')).toMatchObject({ outcome: 'found', source: 'cms' });
    expect(cms.queries).toHaveLength(2);
  });

  it('remembers an unknown slug for the not-found TTL only', async () => {
    expect(await previews.lookup('nothing')).toEqual({ outcome: 'not-found', source: 'cms' });
    now += 59_000;
    expect(await previews.lookup('nothing')).toEqual({ outcome: 'not-found', source: 'cache' });
    now += 1_000;
    expect(await previews.lookup('nothing')).toEqual({ outcome: 'not-found', source: 'cms' });
  });

  it('serves the last good copy when the CMS fails after it expired', async () => {
    cms.answer = entry({ blogTitle: 'A case' });
    await previews.lookup('a-case');
    now += 600_000;
    cms.failure = new CmsError('timeout', 'blogs');
    expect(await previews.lookup('a-case')).toMatchObject({ outcome: 'stale', value: { title: 'A case' }, error: { reason: 'timeout' } });
  });

  it('is unavailable when the CMS fails and there is no copy', async () => {
    cms.failure = new CmsError('status', 'blogs', { status: 500 });
    expect(await previews.lookup('a-case')).toMatchObject({ outcome: 'unavailable', error: { reason: 'status', status: 500 } });
  });

  it('is unavailable, never not-found, when the CMS answers a shape it cannot read', async () => {
    cms.answer = { data: 'oops' };
    expect(await previews.lookup('a-case')).toMatchObject({ outcome: 'unavailable', error: { reason: 'unreadable' } });
  });

  it('serves the stale copy at once, without asking, for a while after the CMS failed', async () => {
    cms.answer = entry({ blogTitle: 'A case' });
    await previews.lookup('a-case');
    now += 600_000;
    cms.failure = new CmsError('timeout', 'blogs');
    await previews.lookup('a-case');
    now += CMS_FAILURE_BACKOFF_MS - 1;
    expect(await previews.lookup('a-case')).toMatchObject({ outcome: 'stale', error: { reason: 'timeout' } });
    expect(cms.queries).toHaveLength(2);
    now += 1;
    cms.failure = undefined;
    expect(await previews.lookup('a-case')).toMatchObject({ outcome: 'found', source: 'cms' });
  });

  it('never lets lookups of unknown slugs push a found page out of its cache', async () => {
    cms.answer = entry({ blogTitle: 'A case' });
    await previews.lookup('a-case');
    cms.answer = { data: [] };
    for (let i = 0; i < 2000; i += 1) await previews.lookup(`junk-${i}`);
    now += 600_000;
    cms.failure = new CmsError('network', 'blogs');
    expect(await previews.lookup('a-case')).toMatchObject({ outcome: 'stale', value: { title: 'A case' } });
  });

  it('takes only the entry whose slug was asked for', async () => {
    cms.answer = { data: [{ id: 2, attributes: { slug: 'another-case', blogTitle: 'Another' } }] };
    expect(await previews.lookup('a-case')).toEqual({ outcome: 'not-found', source: 'cms' });
  });

  it('reads an entry whose optional fields have the wrong types, with defaults in their place', async () => {
    cms.answer = entry({ blogTitle: 42, content: ['no'], image: { data: 'x' }, blogContent: 'nope' });
    expect(await previews.lookup('a-case')).toMatchObject({
      outcome: 'found',
      value: { title: DEFAULT_TITLE, description: DEFAULT_DESCRIPTION, image: { url: SETTINGS.defaultImageUrl } },
    });
  });

  it('shares one CMS call between concurrent lookups of one slug', async () => {
    cms.answer = entry({ blogTitle: 'A case' });
    await Promise.all(Array.from({ length: 20 }, () => previews.lookup('a-case')));
    expect(cms.queries).toHaveLength(1);
  });
});

describe('previewOf', () => {
  const caseStudy = { slug: 'a-case', sections: [] };

  it('decodes the title once and keeps markup in it as text', () => {
    expect(previewOf({ ...caseStudy, title: '"><script>alert(1)</script> Caf&eacute; &amp; Co' }, SETTINGS).title).toBe(
      '"><script>alert(1)</script> Caf\u00e9 & Co',
    );
  });

  it('shortens a very long title on a word boundary', () => {
    const title = previewOf({ ...caseStudy, title: 'word '.repeat(1000) }, SETTINGS).title;
    expect(Array.from(title).length).toBeLessThanOrEqual(200);
    expect(title.endsWith('\u2026')).toBe(true);
  });

  it('has a title and the default image even when the CMS has neither', () => {
    expect(previewOf(caseStudy, SETTINGS)).toEqual({
      title: DEFAULT_TITLE,
      description: DEFAULT_DESCRIPTION,
      image: { url: SETTINGS.defaultImageUrl },
      lang: 'en',
    });
  });

  it.each([
    ['es', 'es'],
    ['pt-BR', 'pt-BR'],
    ['"><x', 'en'],
  ])('takes the entry locale %j as lang %j', (locale, lang) => {
    expect(previewOf({ ...caseStudy, locale }, SETTINGS).lang).toBe(lang);
  });

  it('resolves a relative image against the CMS', () => {
    const image = { url: '/uploads/a.png', mime: 'image/png', size: 10, width: 1200, height: 630 };
    expect(previewOf({ ...caseStudy, image }, SETTINGS).image).toEqual({ url: 'https://cms.example.com/uploads/a.png', width: 1200, height: 630 });
  });
});

describe('describe', () => {
  it('takes the summary as plain text', () => {
    expect(describeCaseStudy({ summary: '<p>Moved a bank&rsquo;s core to the cloud &amp; kept it up.</p>', sections: [] })).toBe(
      'Moved a bank\u2019s core to the cloud & kept it up.',
    );
  });

  it('falls back on the body when there is no summary', () => {
    expect(describeCaseStudy({ summary: '  ', sections: ['First line\nsecond <b>line</b>'] })).toBe('First line second line');
  });

  it('passes over body sections without visible text', () => {
    expect(describeCaseStudy({ sections: ['<img src="a.png">', '<p>Real words.</p>'] })).toBe('Real words.');
  });

  it('cuts a long body to about 200 characters on a word boundary', () => {
    const description = describeCaseStudy({ sections: [`<p>${'Lorem ipsum dolor sit amet. '.repeat(40)}</p>`] });
    expect(Array.from(description).length).toBeLessThanOrEqual(200);
    expect(description).toMatch(/\w\u2026$/);
  });

  it('says the site default when there is no text at all', () => {
    expect(describeCaseStudy({ sections: ['<p> </p>'] })).toBe(DEFAULT_DESCRIPTION);
  });
});
