import type { Readable } from 'node:stream';
import { PayloadTooLargeError } from './errors';

/**
 * Reads a whole request body, as API Gateway buffers it before invoking anything.
 * Over the limit it keeps draining without storing, so the client still reads the 413.
 */
export function readBody(request: Readable, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    request.once('end', () => (size > limitBytes ? reject(new PayloadTooLargeError(limitBytes)) : resolve(Buffer.concat(chunks))));
    request.once('error', reject);
  });
}
