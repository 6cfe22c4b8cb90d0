import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a container's stdout or stderr into lines and counts the bytes that arrived,
 * so an invocation can wait until all the output written before its result is in.
 */
export class OutputLines {
  private received = 0;
  private pending = '';
  private readonly decoder = new StringDecoder('utf8');
  private waiters: { readonly bytes: number; readonly resolve: () => void }[] = [];
  private readonly closed: Promise<void>;

  constructor(stream: Readable, private readonly onLine: (line: string) => void) {
    stream.on('data', (chunk: Buffer) => this.push(chunk));
    this.closed = new Promise((resolve) => stream.once('close', resolve)).then(() => this.finish());
  }

  /** Resolves once `bytes` bytes have arrived, or the stream has closed. */
  reached(bytes: number): Promise<void> {
    if (this.received >= bytes) return Promise.resolve();
    return Promise.race([new Promise<void>((resolve) => this.waiters.push({ bytes, resolve })), this.closed]);
  }

  /** Resolves when the stream has closed and its last line has been passed on. */
  ended(): Promise<void> {
    return this.closed;
  }

  private push(chunk: Buffer): void {
    this.received += chunk.length;
    this.emitLines(this.pending + this.decoder.write(chunk));
    this.waiters = this.waiters.filter((waiter) => {
      if (this.received < waiter.bytes) return true;
      waiter.resolve();
      return false;
    });
  }

  private emitLines(text: string): void {
    const lines = text.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) if (line !== '') this.onLine(line);
  }

  private finish(): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest !== '') this.onLine(rest);
  }
}
