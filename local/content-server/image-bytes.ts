import { crc32, deflateSync } from 'node:zlib';

/**
 * Small but valid image files of a given size in one flat colour, made in
 * code so the repository holds no binaries. Each is the simplest encoding
 * its format allows, which is also what keeps large sizes cheap.
 */

export type Rgb = readonly [number, number, number];

export function pngBytes(width: number, height: number, [red, green, blue]: Rgb): Buffer {
  const row = Buffer.alloc(1 + width * 3); // filter byte 0 (None), then the pixels
  for (let x = 0; x < width; x++) row.set([red, green, blue], 1 + x * 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, checksum]);
}

/**
 * A mid-grey baseline greyscale JPEG: every 8×8 block has all coefficients
 * zero, so with one-symbol Huffman tables each block costs two zero bits.
 */
export function jpegBytes(width: number, height: number): Buffer {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const scan = Buffer.alloc(Math.ceil(bits / 8));
  // Pad the last byte with 1s, as JPEG requires; never a whole 0xFF byte, so no stuffing.
  if (bits % 8 !== 0) scan[scan.length - 1] = 0xff >> (bits % 8);
  const segment = (marker: number, payload: readonly number[]): number[] => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const oneSymbolTable = (tableClassAndId: number): number[] => [tableClassAndId, 1, ...new Array<number>(15).fill(0), 0x00];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    Buffer.from(segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0])), // JFIF 1.1
    Buffer.from(segment(0xdb, [0x00, ...new Array<number>(64).fill(1)])), // quantisation table 0
    Buffer.from(segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0])), // baseline, 1 component
    Buffer.from(segment(0xc4, oneSymbolTable(0x00))), // DC table 0: only "difference 0"
    Buffer.from(segment(0xc4, oneSymbolTable(0x10))), // AC table 0: only end-of-block
    Buffer.from(segment(0xda, [1, 1, 0x00, 0, 63, 0])),
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}

/**
 * A GIF whose LZW stream is literal 8-bit codes with a clear code every
 * 100 pixels, so the code size never grows: no compressor needed, one byte
 * per pixel. Meant for icon sizes.
 */
export function gifBytes(width: number, height: number, colour: Rgb): Buffer {
  const clear = 128;
  const end = 129;
  const codes: number[] = [];
  for (let pixel = 0; pixel < width * height; pixel++) {
    if (pixel % 100 === 0) codes.push(clear);
    codes.push(0);
  }
  codes.push(end);
  const subBlocks: number[] = [];
  for (let offset = 0; offset < codes.length; offset += 255) {
    const block = codes.slice(offset, offset + 255);
    subBlocks.push(block.length, ...block);
  }
  const palette = new Array<number>(128 * 3).fill(0);
  palette.splice(0, 3, ...colour);
  const le16 = (value: number): number[] => [value & 0xff, value >> 8];
  return Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    Buffer.from([...le16(width), ...le16(height), 0xf6, 0, 0]), // global palette of 128 colours
    Buffer.from(palette),
    Buffer.from([0x2c, ...le16(0), ...le16(0), ...le16(width), ...le16(height), 0]),
    Buffer.from([7, ...subBlocks, 0]), // LZW minimum code size 7: 8-bit codes
    Buffer.from([0x3b]),
  ]);
}

/**
 * A lossless WebP (VP8L) whose five prefix codes each hold one symbol, so
 * every pixel takes zero bits: the file is the same few bytes at any size.
 */
export function webpBytes(width: number, height: number, [red, green, blue]: Rgb): Buffer {
  const bits = new BitWriter();
  bits.write(0x2f, 8); // VP8L signature
  bits.write(width - 1, 14);
  bits.write(height - 1, 14);
  bits.write(0, 1); // alpha unused
  bits.write(0, 3); // version 0
  bits.write(0, 1); // no transform
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes
  for (const symbol of [green, red, blue, 255]) {
    bits.write(1, 1); // simple code
    bits.write(0, 1); // one symbol
    bits.write(1, 1); // 8-bit symbol
    bits.write(symbol, 8);
  }
  bits.write(1, 1); // distance code: simple, one 1-bit symbol (0)
  bits.write(0, 1);
  bits.write(0, 1);
  bits.write(0, 1);
  const payload = bits.bytes();
  const chunk = Buffer.concat([Buffer.from('VP8L', 'latin1'), le32(payload.length), payload, Buffer.alloc(payload.length % 2)]);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), le32(4 + chunk.length), Buffer.from('WEBP', 'latin1'), chunk]);
}

export function svgBytes(width: number, height: number, colour: Rgb): Buffer {
  const fill = `#${colour.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="${fill}"/></svg>\n`,
  );
}

function le32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}

/** Packs values least significant bit first, as VP8L reads them. */
class BitWriter {
  private readonly output: number[] = [];
  private current = 0;
  private used = 0;

  write(value: number, count: number): void {
    for (let bit = 0; bit < count; bit++) {
      this.current |= ((value >> bit) & 1) << this.used;
      if (++this.used === 8) {
        this.output.push(this.current);
        this.current = 0;
        this.used = 0;
      }
    }
  }

  bytes(): Buffer {
    return Buffer.from(this.used > 0 ? [...this.output, this.current] : this.output);
  }
}
