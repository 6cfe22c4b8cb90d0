import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as v from 'valibot';
import { cmsFromEnvironment } from '../shared/cms/from-environment';
import { optionalEnv, positiveIntegerEnv, requireEnv } from '../shared/env';
import { instrumentedHandler } from '../shared/instrumented-handler';
import { logger, metrics } from '../shared/powertools';
import { htmlResponse, withoutBody, type HttpResponse } from '../shared/responses';
import { caseStudyPageUrl } from '../shared/site-pages';
import { slugSchema } from '../shared/slug';
import { renderMessagePage, renderSharePage, SHARE_PAGE_HEADERS } from './page';
import { CaseStudyPreviews, type PreviewLookup } from './previews';

const siteUrl = requireEnv('SITE_URL');
const publicApiUrl = optionalEnv('PUBLIC_API_URL');
const foundTtlSeconds = positiveIntegerEnv('SHARE_PAGE_TTL_SECONDS');
const notFoundTtlSeconds = positiveIntegerEnv('SHARE_PAGE_NOT_FOUND_TTL_SECONDS');
const { cms, cmsUrl } = cmsFromEnvironment();
const previews = new CaseStudyPreviews(cms, {
  cmsUrl,
  defaultImageUrl: requireEnv('DEFAULT_SHARE_IMAGE_URL'),
  foundTtlSeconds,
  notFoundTtlSeconds,
});

export const handler = instrumentedHandler(async (event) => {
  const response = await sharePage(event);
  return event.requestContext.http.method === 'HEAD' ? withoutBody(response) : response;
});

async function sharePage(event: APIGatewayProxyEventV2): Promise<HttpResponse> {
  const slug = v.safeParse(slugSchema, event.pathParameters?.slug);
  if (!slug.success) {
    // Not a slug the CMS could hold: no need to ask it.
    metrics.addMetric('SharePageNotFound', MetricUnit.Count, 1);
    return notFoundPage();
  }
  const lookup = await previews.lookup(slug.output);
  countOutcome(lookup, slug.output);
  switch (lookup.outcome) {
    case 'found':
    case 'stale': {
      const html = renderSharePage(lookup.value, {
        shareUrl: shareUrl(event, slug.output),
        articleUrl: articleUrl(slug.output),
      });
      // A stale copy is kept only briefly downstream, so the next request asks the CMS again.
      const maxAge = lookup.outcome === 'found' ? foundTtlSeconds : notFoundTtlSeconds;
      return htmlResponse(200, html, { ...SHARE_PAGE_HEADERS, 'cache-control': `public, max-age=${maxAge}, s-maxage=${maxAge}` });
    }
    case 'not-found':
      return notFoundPage();
    case 'unavailable':
      return htmlResponse(
        502,
        renderMessagePage({
          title: 'Case study temporarily unavailable',
          message: 'We could not load this case study just now. Please try again in a moment.',
          linkUrl: articleUrl(slug.output),
          linkText: 'Open the case study on Marchcroft',
        }),
        { ...SHARE_PAGE_HEADERS, 'cache-control': 'no-store' },
      );
  }
}

function countOutcome(lookup: PreviewLookup, slug: string): void {
  switch (lookup.outcome) {
    case 'found':
      metrics.addMetric('SharePageRendered', MetricUnit.Count, 1);
      if (lookup.source === 'cache') metrics.addMetric('CmsCacheHit', MetricUnit.Count, 1);
      return;
    case 'not-found':
      metrics.addMetric('SharePageNotFound', MetricUnit.Count, 1);
      if (lookup.source === 'cache') metrics.addMetric('CmsCacheHit', MetricUnit.Count, 1);
      return;
    case 'stale':
      metrics.addMetric('SharePageRendered', MetricUnit.Count, 1);
      metrics.addMetric('SharePageStale', MetricUnit.Count, 1);
      // Within the backoff after a failure the CMS was not asked: nothing failed this time.
      if (lookup.source === 'backoff') return;
      logger.warn('CMS request failed; serving a stale share page', { slug, reason: lookup.error.reason, status: lookup.error.status });
      metrics.addMetric('CmsRequestFailed', MetricUnit.Count, 1);
      return;
    case 'unavailable':
      logger.error('CMS request failed; no copy to serve', { slug, reason: lookup.error.reason, status: lookup.error.status });
      metrics.addMetric('SharePageUnavailable', MetricUnit.Count, 1);
      metrics.addMetric('CmsRequestFailed', MetricUnit.Count, 1);
  }
}

function notFoundPage(): HttpResponse {
  return htmlResponse(
    404,
    renderMessagePage({
      title: 'Case study not found',
      message: 'There is no case study at this address.',
      linkUrl: `${siteUrl}/work`,
      linkText: 'See all case studies on Marchcroft',
    }),
    { ...SHARE_PAGE_HEADERS, 'cache-control': `public, max-age=${notFoundTtlSeconds}, s-maxage=${notFoundTtlSeconds}` },
  );
}

/** The site's own page of the case study, for people. */
function articleUrl(slug: string): string {
  return caseStudyPageUrl(siteUrl, slug);
}

/** This page's public URL: on the configured API domain, else on the request's own. */
function shareUrl(event: APIGatewayProxyEventV2, slug: string): string {
  const scheme = event.headers['x-forwarded-proto'] === 'http' ? 'http' : 'https';
  const base = publicApiUrl ?? `${scheme}://${event.requestContext.domainName}`;
  // The route key's path template, so the route's path is written only in the route table.
  const path = event.routeKey.slice(event.routeKey.indexOf(' ') + 1).replace('{slug}', encodeURIComponent(slug));
  return `${base}${path}`;
}
