import type { IncomingMessage, ServerResponse } from 'node:http';
import { envelopeForStatus } from './errors';
import { JSON_TYPE, sendJson } from './responses';

export type ContentServerFault =
  /** That status, with Strapi's error envelope for it unless `body` is given. */
  | { readonly kind: 'status'; readonly status: number; readonly body?: string }
  /** Answers normally after `ms`. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** 200 `application/json` whose body is not JSON (a truncated answer). */
  | { readonly kind: 'garbage' }
  /** 200 valid JSON that is no Strapi answer: `{"data":"oops"}`. */
  | { readonly kind: 'wrong-shape' }
  /** Destroys the connection without an answer. */
  | { readonly kind: 'reset' };

/** Timers of delay faults, cancelled together when the server closes; unref'd so none keeps a process alive. */
export class Delays {
  private readonly pending = new Set<() => void>();

  /** Resolves true after `ms`, or false at once if cancelled first. */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (elapsed: boolean) => {
        clearTimeout(timer);
        this.pending.delete(cancel);
        resolve(elapsed);
      };
      const cancel = () => finish(false);
      const timer = setTimeout(() => finish(true), ms).unref();
      this.pending.add(cancel);
    });
  }

  cancelAll(): void {
    for (const cancel of [...this.pending]) cancel();
  }
}

/** Answers a request the way the fault says, instead of the API. */
export function answerFault(request: IncomingMessage, response: ServerResponse, fault: Exclude<ContentServerFault, { kind: 'delay' }>): void {
  switch (fault.kind) {
    case 'status':
      if (fault.body === undefined) return sendJson(response, fault.status, envelopeForStatus(fault.status));
      response.writeHead(fault.status, { 'content-type': isJson(fault.body) ? JSON_TYPE : 'text/plain; charset=utf-8' });
      return void response.end(fault.body);
    case 'garbage':
      response.writeHead(200, { 'content-type': JSON_TYPE });
      return void response.end('{"data":[{"id":1,"attributes":{"blogTitle":"Trunc');
    case 'wrong-shape':
      return sendJson(response, 200, { data: 'oops' });
    case 'reset':
      // A TCP reset rather than a clean close: what a crashed upstream or a dropped proxy connection looks like.
      request.socket.resetAndDestroy();
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
