import type { Media, MediaFormat } from '../shared/cms/strapi';
import { absoluteMediaUrl } from '../shared/cms/media-url';
import { decodeText, truncateOnWord } from '../shared/html';

/** An image for `og:image`: an absolute http(s) URL and what is known about it. */
export interface ShareImage {
  readonly url: string;
  readonly width?: number;
  readonly height?: number;
  readonly alt?: string;
}

/** Twitter's limit for image alt text. */
const MAX_ALT_LENGTH = 420;
/** WhatsApp drops preview images above about 300 KB; Strapi gives sizes in KB. */
export const MAX_SHARE_IMAGE_KB = 300;

// The types every major crawler shows.
const SHOWN_TYPES = /^image\/(jpeg|png|gif)$/;
const SHOWN_EXTENSIONS = /\.(jpe?g|png|gif)$/i;

/**
 * Picks the rendition of a CMS image that crawlers will show: the original
 * when it is small enough, else Strapi's `large`, `medium` or `small` format,
 * else an oversized original; only JPEG, PNG or GIF, only at a URL that
 * resolves to http(s). Undefined when none fits.
 */
export function chooseShareImage(media: Media | undefined, cmsOrigin: string): ShareImage | undefined {
  if (!media) return undefined;
  const formats = media.formats ?? {};
  const candidates: MediaFormat[] = [media, formats.large, formats.medium, formats.small].filter(
    (rendition): rendition is MediaFormat => rendition != null,
  );
  const shown = candidates
    .map((rendition) => ({ rendition, url: absoluteMediaUrl(rendition.url, cmsOrigin) }))
    .filter(({ rendition, url }) => url !== undefined && isShownType(rendition, url));
  const chosen = shown.find(({ rendition }) => (rendition.size ?? 0) <= MAX_SHARE_IMAGE_KB) ?? shown[0];
  if (!chosen?.url) return undefined;
  return {
    url: chosen.url,
    width: positive(chosen.rendition.width),
    height: positive(chosen.rendition.height),
    alt: truncateOnWord(decodeText(media.alternativeText ?? ''), MAX_ALT_LENGTH) || undefined,
  };
}

function isShownType(rendition: MediaFormat, url: string): boolean {
  return rendition.mime ? SHOWN_TYPES.test(rendition.mime) : SHOWN_EXTENSIONS.test(new URL(url).pathname);
}

/** A pixel size as a whole number, when it is a plausible one. */
function positive(value: number | null | undefined): number | undefined {
  return value && value >= 1 && value <= 100_000 ? Math.round(value) : undefined;
}
