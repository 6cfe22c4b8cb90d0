import type { StageConfig, ThrottleSettings } from '../../lib/config';
import { routeKeys, type RouteDefinition } from '../../lib/routes';

/** Milliseconds since some fixed point; injectable so tests need not wait for real time. */
export type Clock = () => number;

/**
 * API Gateway's throttle: a bucket that holds `burstLimit` tokens, starts full and
 * refills at `rateLimit` tokens a second; each request takes one or is refused.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly clock: Clock = Date.now,
  ) {
    this.tokens = settings.burstLimit;
    this.refilledAt = clock();
  }

  tryTake(): boolean {
    const now = this.clock();
    const refill = ((now - this.refilledAt) / 1000) * this.settings.rateLimit;
    this.tokens = Math.min(this.settings.burstLimit, this.tokens + refill);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One bucket per route key, with the route's own limits or else the stage default, as the stage's route settings do. */
export class RouteThrottle {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(routes: readonly RouteDefinition[], config: StageConfig, clock: Clock = Date.now) {
    for (const route of routes) {
      for (const key of routeKeys(route)) this.buckets.set(key, new TokenBucket(route.throttle ?? config.throttle, clock));
    }
  }

  /** False when the route key is over its limit and the request must be refused with a 429. */
  tryAcquire(routeKey: string): boolean {
    return this.buckets.get(routeKey)?.tryTake() ?? true;
  }
}
