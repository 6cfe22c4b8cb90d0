import { InFlight, MemoryCache } from '../cache';
import { isCmsError, type CmsError } from '../errors';

export interface CachedLookupsOptions<Value> {
  /** Seconds a found value is served from memory before the CMS is asked again. */
  readonly foundTtlSeconds: number;
  /** Seconds a key the CMS has nothing for is remembered as not found. */
  readonly notFoundTtlSeconds: number;
  /**
   * Found values kept at most; each stays as a stale fallback until evicted.
   * @default 500
   */
  readonly maxFound?: number;
  /**
   * Not-found keys kept at most.
   * @default 1000
   */
  readonly maxNotFound?: number;
  /**
   * Total weight of the found values kept at most, by `weigh`: memory, when values are large.
   * @default - no limit but `maxFound`
   */
  readonly maxFoundWeight?: number;
  /** The weight of a found value, e.g. its size in bytes. @default - nothing */
  readonly weigh?: (value: Value) => number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** How a lookup was answered, for the response and for metrics. */
export type Lookup<Value> =
  | { readonly outcome: 'found'; readonly value: Value; readonly source: 'cms' | 'cache' }
  /**
   * The CMS failed (`source: 'cms'`: just now, asked for this lookup; `'backoff'`: moments ago, so it was
   * not asked again); this is the last good copy.
   */
  | { readonly outcome: 'stale'; readonly value: Value; readonly error: CmsError; readonly source: 'cms' | 'backoff' }
  | { readonly outcome: 'not-found'; readonly source: 'cms' | 'cache' }
  /** The CMS failed and there is no copy to fall back on. */
  | { readonly outcome: 'unavailable'; readonly error: CmsError };

/**
 * After a CMS failure, requests with a stale copy get it at once for this
 * long instead of each waiting out the CMS's time budget again.
 */
export const CMS_FAILURE_BACKOFF_MS = 10_000;

/**
 * Answers from the CMS by key, with per-container caches: found values and
 * not-found keys each kept for their TTLs, in separate stores so that
 * requests for made-up keys can never push out a real answer, which also
 * stays as a stale fallback for when the CMS fails. Concurrent loads of one
 * key share one CMS call.
 */
export class CachedLookups<Value> {
  private readonly found: MemoryCache<Value>;
  private readonly notFound: MemoryCache<true>;
  private readonly loading = new InFlight<Value | undefined>();
  private readonly now: () => number;
  private lastFailure?: { readonly error: CmsError; readonly at: number };

  constructor(private readonly options: CachedLookupsOptions<Value>) {
    this.now = options.now ?? Date.now;
    this.found = new MemoryCache({ maxEntries: options.maxFound ?? 500, maxWeight: options.maxFoundWeight, weigh: options.weigh, now: this.now });
    this.notFound = new MemoryCache({ maxEntries: options.maxNotFound ?? 1000, now: this.now });
  }

  /**
   * The value for `key`: from memory while fresh, else from `load` (undefined
   * meaning the CMS has none). Only a {@link CmsError} from `load` counts as
   * the CMS failing; anything else is rethrown.
   */
  async lookup(key: string, load: () => Promise<Value | undefined>): Promise<Lookup<Value>> {
    const cached = this.found.get(key);
    if (cached?.fresh) return { outcome: 'found', value: cached.value, source: 'cache' };
    if (this.notFound.get(key)?.fresh) return { outcome: 'not-found', source: 'cache' };
    if (cached && this.lastFailure && this.now() - this.lastFailure.at < CMS_FAILURE_BACKOFF_MS) {
      return { outcome: 'stale', value: cached.value, error: this.lastFailure.error, source: 'backoff' };
    }
    try {
      const value = await this.loading.run(key, () => this.load(key, load));
      this.lastFailure = undefined;
      return value === undefined ? { outcome: 'not-found', source: 'cms' } : { outcome: 'found', value, source: 'cms' };
    } catch (error) {
      if (!isCmsError(error)) throw error;
      this.lastFailure = { error, at: this.now() };
      return cached ? { outcome: 'stale', value: cached.value, error, source: 'cms' } : { outcome: 'unavailable', error };
    }
  }

  private async load(key: string, load: () => Promise<Value | undefined>): Promise<Value | undefined> {
    const value = await load();
    if (value === undefined) {
      this.notFound.set(key, true, this.options.notFoundTtlSeconds);
      // Gone from the CMS (unpublished, deleted): never to be served again as a stale copy.
      this.found.delete(key);
    } else {
      this.notFound.delete(key);
      this.found.set(key, value, this.options.foundTtlSeconds);
    }
    return value;
  }
}
