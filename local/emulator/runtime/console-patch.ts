import { format } from 'node:util';

const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' } as const;

/**
 * Rewrites `console.*` as Lambda's Node.js runtime does for the text log format: each
 * call becomes one line `<ISO time>\t<request id>\t<LEVEL>\t<message>`, newlines in the
 * message turned into `\r` so a stack trace stays one log event. Outside an invocation
 * the request id is the literal `undefined`, as in Lambda. Powertools writes through its
 * own `Console` on `process.stdout`, so its JSON lines are left as they are.
 */
export function patchConsole(currentRequestId: () => string | undefined): void {
  for (const [method, level] of Object.entries(LEVELS)) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      const message = format(...args).replaceAll('\n', '\r');
      process.stdout.write(`${new Date().toISOString()}\t${currentRequestId()}\t${level}\t${message}\n`);
    };
  }
}
