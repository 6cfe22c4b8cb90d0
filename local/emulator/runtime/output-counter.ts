import type { OutputMark } from './protocol';

/**
 * Counts the bytes written to stdout and stderr. IPC messages and the output pipes are
 * separate channels with no order between them, so each message says how much output
 * came before it and the emulator waits for that much before it answers.
 */
export function countOutput(): () => OutputMark {
  const written = { stdout: 0, stderr: 0 };
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
      written[name] += typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
  return () => ({ stdoutBytes: written.stdout, stderrBytes: written.stderr });
}
