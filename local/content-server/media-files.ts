import { createHash } from 'node:crypto';
import { extname } from 'node:path/posix';
import type { Media, Schema } from './content-set';
import type { ContentIndex, FlatRecord } from './content-index';
import { gifBytes, jpegBytes, pngBytes, svgBytes, webpBytes, type Rgb } from './image-bytes';

/** Where Strapi's local upload provider serves files from, without authentication. */
export const UPLOADS_PREFIX = '/uploads/';

interface FileSpec {
  readonly width: number;
  readonly height: number;
}

const ENCODERS: Readonly<Record<string, { readonly contentType: string; readonly encode: (width: number, height: number, colour: Rgb) => Buffer }>> = {
  '.png': { contentType: 'image/png', encode: pngBytes },
  '.jpg': { contentType: 'image/jpeg', encode: jpegBytes },
  '.jpeg': { contentType: 'image/jpeg', encode: jpegBytes },
  '.gif': { contentType: 'image/gif', encode: gifBytes },
  '.webp': { contentType: 'image/webp', encode: webpBytes },
  '.svg': { contentType: 'image/svg+xml', encode: svgBytes },
};

/**
 * The files behind every relative media URL of a content set (originals and
 * formats), generated on first request at the size the content claims.
 * Absolute and protocol-relative URLs point elsewhere and are not served.
 */
export class MediaFiles {
  private readonly specs = new Map<string, FileSpec>();
  private readonly generated = new Map<string, Buffer>();

  constructor(index: ContentIndex) {
    for (const { type, entries } of index.types()) {
      for (const entry of entries) this.collect(index, type.attributes, entry);
    }
  }

  /** The file at a request path (already without its query string), or undefined. */
  get(pathname: string): { readonly contentType: string; readonly body: Buffer } | undefined {
    const spec = this.specs.get(pathname);
    if (!spec) return undefined;
    const encoder = encoderFor(pathname);
    let body = this.generated.get(pathname);
    if (!body) {
      body = encoder.encode(spec.width, spec.height, colourOf(pathname));
      this.generated.set(pathname, body);
    }
    return { contentType: encoder.contentType, body };
  }

  private collect(index: ContentIndex, schema: Schema, record: FlatRecord): void {
    for (const [name, attribute] of Object.entries(schema)) {
      if (attribute.type === 'media') {
        for (const media of index.related(attribute, record[name]) as readonly Media[]) this.addMedia(media);
      } else if (attribute.type === 'component') {
        for (const item of index.related(attribute, record[name])) this.collect(index, index.component(attribute.component), item);
      }
    }
  }

  private addMedia(media: Media): void {
    // Vector files have no pixel size in Strapi; any size draws them.
    this.add(media.url, { width: media.width ?? 64, height: media.height ?? 64 });
    for (const format of Object.values(media.formats ?? {})) this.add(format.url, format);
  }

  private add(url: string, spec: FileSpec): void {
    if (!url.startsWith(UPLOADS_PREFIX)) return;
    const pathname = decodeURI(url.replace(/[?#].*$/, ''));
    encoderFor(pathname); // fails at start, not on first request, for an extension no encoder makes
    this.specs.set(pathname, spec);
  }
}

function encoderFor(pathname: string): (typeof ENCODERS)[string] {
  const encoder = ENCODERS[extname(pathname).toLowerCase()];
  if (!encoder) throw new Error(`Cannot make the bytes of ${pathname}: its extension is none of ${Object.keys(ENCODERS).join(' ')}`);
  return encoder;
}

/** A colour per file name, so different images look different. */
function colourOf(pathname: string): Rgb {
  const [red = 0, green = 0, blue = 0] = createHash('sha256').update(pathname).digest();
  return [red, green, blue];
}
