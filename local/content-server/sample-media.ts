import { extname } from 'node:path/posix';
import type { Media, MediaFormat } from './content-set';

export interface UploadedImageOptions {
  readonly id: number;
  /** The file name as uploaded (`harbour-crane.jpg`); its extension gives `ext` and `mime`. */
  readonly name: string;
  /** Strapi's stored name: the name's stem and a random suffix (`harbour_crane_7c1d2e`). */
  readonly hash: string;
  readonly width: number;
  readonly height: number;
  /** Kilobytes with decimals, as Strapi counts. */
  readonly size: number;
  /** @default null */
  readonly alternativeText?: string | null;
  /** @default null */
  readonly caption?: string | null;
  /** Where the upload provider puts files. @default '/uploads/' (the local provider) */
  readonly baseUrl?: string;
  /** @default 'local' */
  readonly provider?: string;
  /** The original's URL, when it is not `<baseUrl><hash><ext>` (a cache-busting query string, hostile content). */
  readonly url?: string;
  /**
   * Whether Strapi made resized copies: a thumbnail and each breakpoint the
   * image exceeds. Strapi makes none for SVG. @default true
   */
  readonly resized?: boolean;
  /** ISO date-time of the upload. */
  readonly uploadedAt: string;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** Strapi v4's default breakpoints, largest first, and its thumbnail box (245×156). */
const BREAKPOINTS = [
  ['large', 1000, 1000],
  ['medium', 750, 750],
  ['small', 500, 500],
  ['thumbnail', 245, 156],
] as const;

/** An uploaded image as Strapi's upload plugin stores it, formats included. */
export function uploadedImage(options: UploadedImageOptions): Media {
  const ext = extname(options.name).toLowerCase();
  const mime = MIME_TYPES[ext];
  if (!mime) throw new Error(`No MIME type for ${options.name}`);
  const baseUrl = options.baseUrl ?? '/uploads/';
  const formats: Partial<Record<(typeof BREAKPOINTS)[number][0], MediaFormat>> = {};
  if (options.resized ?? true) {
    for (const [format, maxWidth, maxHeight] of BREAKPOINTS) {
      if (options.width <= maxWidth && options.height <= maxHeight) continue;
      const scale = Math.min(maxWidth / options.width, maxHeight / options.height);
      const width = Math.round(options.width * scale);
      const height = Math.round(options.height * scale);
      // Resized copies are re-encoded, so they weigh a bit less than their share of pixels.
      const size = round2(options.size * scale * scale * 0.8);
      const hash = `${format}_${options.hash}`;
      formats[format] = { name: `${format}_${options.name}`, hash, ext, mime, path: null, width, height, size, sizeInBytes: Math.round(size * 1024), url: `${baseUrl}${hash}${ext}` };
    }
  }
  return {
    id: options.id,
    name: options.name,
    alternativeText: options.alternativeText ?? null,
    caption: options.caption ?? null,
    width: options.width,
    height: options.height,
    formats: Object.keys(formats).length > 0 ? formats : null,
    hash: options.hash,
    ext,
    mime,
    size: options.size,
    url: options.url ?? `${baseUrl}${options.hash}${ext}`,
    previewUrl: null,
    provider: options.provider ?? 'local',
    provider_metadata: null,
    createdAt: options.uploadedAt,
    updatedAt: options.uploadedAt,
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
