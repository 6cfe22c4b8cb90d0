export interface CachedValue<Value> {
  readonly value: Value;
  /** False once the entry's time to live has passed; a stale value is still kept as a fallback. */
  readonly fresh: boolean;
}

export interface MemoryCacheOptions {
  /**
   * Entries kept at most; the least recently used goes first.
   * @default 500
   */
  readonly maxEntries?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * A per-container cache: entries expire but stay available as stale
 * fallbacks until evicted.
 */
export class MemoryCache<Value> {
  private readonly entries = new Map<string, { value: Value; expiresAt: number }>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.now = options.now ?? Date.now;
  }

  get(key: string): CachedValue<Value> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-insert, so Map order is least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { value: entry.value, fresh: this.now() < entry.expiresAt };
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  set(key: string, value: Value, ttlSeconds: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }
}

/** Concurrent loads of one key share one call: the first caller's, while it is under way. */
export class InFlight<Value> {
  private readonly loading = new Map<string, Promise<Value>>();

  run(key: string, load: () => Promise<Value>): Promise<Value> {
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load().finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }
}
