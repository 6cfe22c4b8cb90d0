import { createHash } from 'node:crypto';
import { escapeHtmlAttribute as attr, escapeHtmlText as text } from '../shared/html';
import type { ShareImage } from './image';

/** What a case study's preview says. */
export interface SharePreview {
  readonly title: string;
  readonly description: string;
  readonly image: ShareImage;
  /** BCP 47 language of the entry. */
  readonly lang: string;
}

export interface SharePageUrls {
  /** This page's own public URL: `og:url` and the canonical link, so crawlers stay on it. */
  readonly shareUrl: string;
  /** The site's page for people, who are sent on to it. */
  readonly articleUrl: string;
}

// The script carries no data: it follows the link, so no value ever lands in script context.
const REDIRECT_SCRIPT = "location.replace(document.getElementById('continue').href);";
const REDIRECT_SCRIPT_HASH = createHash('sha256').update(REDIRECT_SCRIPT).digest('base64');

/** Headers of every share page: strict CSP (only the redirect script runs), never indexed. */
export const SHARE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': `default-src 'none'; script-src 'sha256-${REDIRECT_SCRIPT_HASH}'; img-src https: http:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-robots-tag': 'noindex',
};

/**
 * The Open Graph page of a case study. Crawlers read the tags; people follow
 * the script (or the link, without JavaScript) to the site. No meta refresh
 * and no HTTP redirect: unfurlers follow those and would preview the other page.
 */
export function renderSharePage(preview: SharePreview, urls: SharePageUrls): string {
  const { title, description, image } = preview;
  const meta = [
    ['name', 'description', description],
    ['property', 'og:type', 'article'],
    ['property', 'og:site_name', 'Marchcroft'],
    ['property', 'og:title', title],
    ['property', 'og:description', description],
    ['property', 'og:url', urls.shareUrl],
    ['property', 'og:image', image.url],
    ...(image.width ? [['property', 'og:image:width', String(image.width)]] : []),
    ...(image.height ? [['property', 'og:image:height', String(image.height)]] : []),
    ...(image.alt ? [['property', 'og:image:alt', image.alt]] : []),
    ['name', 'twitter:card', 'summary_large_image'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', description],
    ['name', 'twitter:image', image.url],
    ...(image.alt ? [['name', 'twitter:image:alt', image.alt]] : []),
  ];
  return `<!doctype html>
<html lang="${attr(preview.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)}</title>
${meta.map(([kind, key, value]) => `<meta ${kind}="${key}" content="${attr(value)}">`).join('\n')}
<link rel="canonical" href="${attr(urls.shareUrl)}">
</head>
<body>
<main>
<h1>${text(title)}</h1>
<p>${text(description)}</p>
<p><a id="continue" href="${attr(urls.articleUrl)}">Read the case study on Marchcroft</a></p>
</main>
<script>${REDIRECT_SCRIPT}</script>
</body>
</html>
`;
}

export interface MessagePage {
  readonly title: string;
  readonly message: string;
  readonly linkUrl: string;
  readonly linkText: string;
}

/** A plain page for people when there is no preview to show (not found, CMS unavailable). */
export function renderMessagePage(page: MessagePage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(page.title)}</title>
</head>
<body>
<main>
<h1>${text(page.title)}</h1>
<p>${text(page.message)}</p>
<p><a href="${attr(page.linkUrl)}">${text(page.linkText)}</a></p>
</main>
</body>
</html>
`;
}
