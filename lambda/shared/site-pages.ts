/** Where the website (marchcroft.com) shows things: its pages' paths, written once. */

/** The site's pages that are not of one entry, as the sitemap lists them. */
export const STATIC_SITE_PATHS = ['/', '/work', '/careers', '/contactus', '/privacy', '/termsofservice', '/cookiepolicy'] as const;

/** The site's page of a case study. */
export function caseStudyPageUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/work/casestudies/${encodeURIComponent(slug)}`;
}

/** The site's page of a service. */
export function servicePageUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/services/${encodeURIComponent(slug)}`;
}
