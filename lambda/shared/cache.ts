export interface CachedValue<Value> {
  readonly value: Value;
  /** False once the entry's time to live has passed; a stale value is still kept as a fallback. */
  readonly fresh: boolean;
}

export interface MemoryCacheOptions<Value> {
  /**
   * Entries kept at most; the least recently used goes first.
   * @default 500
   */
  readonly maxEntries?: number;
  /**
   * Total weight kept at most (with `weigh`); the least recently used go first.
   * @default - no limit but `maxEntries`
   */
  readonly maxWeight?: number;
  /**
   * The weight of a value, e.g. its size in bytes.
   * @default - every value weighs nothing
   */
  readonly weigh?: (value: Value) => number;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * A per-container cache: entries expire but stay available as stale
 * fallbacks until evicted.
 */
export class MemoryCache<Value> {
  private readonly entries = new Map<string, { value: Value; expiresAt: number; weight: number }>();
  private readonly maxEntries: number;
  private readonly maxWeight: number;
  private readonly weigh: (value: Value) => number;
  private readonly now: () => number;
  private weight = 0;

  constructor(options: MemoryCacheOptions<Value> = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxWeight = options.maxWeight ?? Infinity;
    this.weigh = options.weigh ?? (() => 0);
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
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }

  set(key: string, value: Value, ttlSeconds: number): void {
    this.delete(key);
    const weight = this.weigh(value);
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000, weight });
    this.weight += weight;
    while (this.entries.size > this.maxEntries || (this.weight > this.maxWeight && this.entries.size > 1)) {
      this.delete(this.entries.keys().next().value as string);
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
