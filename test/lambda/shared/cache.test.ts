import { InFlight, MemoryCache } from '../../../lambda/shared/cache';

describe('MemoryCache', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('answers a value as fresh within its time to live', () => {
    const cache = new MemoryCache<string>({ now: clock });
    cache.set('a', 'A', 60);
    now += 59_999;
    expect(cache.get('a')).toEqual({ value: 'A', fresh: true });
  });

  it('keeps a value past its time to live, as stale', () => {
    const cache = new MemoryCache<string>({ now: clock });
    cache.set('a', 'A', 60);
    now += 60_000;
    expect(cache.get('a')).toEqual({ value: 'A', fresh: false });
  });

  it('answers nothing for a key it never held', () => {
    expect(new MemoryCache<string>().get('missing')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its size', () => {
    const cache = new MemoryCache<string>({ maxEntries: 2, now: clock });
    cache.set('a', 'A', 60);
    cache.set('b', 'B', 60);
    cache.get('a');
    cache.set('c', 'C', 60);
    expect([cache.get('a')?.value, cache.get('b')?.value, cache.get('c')?.value]).toEqual(['A', undefined, 'C']);
  });

  it('evicts the least recently used entries beyond its weight, keeping the newest even when it alone is over', () => {
    const cache = new MemoryCache<string>({ maxWeight: 10, weigh: (value) => value.length, now: clock });
    cache.set('a', 'aaaa', 60);
    cache.set('b', 'bbbb', 60);
    cache.get('a');
    cache.set('c', 'cccc', 60);
    expect([cache.get('a')?.value, cache.get('b')?.value, cache.get('c')?.value]).toEqual(['aaaa', undefined, 'cccc']);
    cache.set('d', 'd'.repeat(20), 60);
    expect([cache.get('a'), cache.get('c'), cache.get('d')?.value]).toEqual([undefined, undefined, 'd'.repeat(20)]);
  });

  it('counts a replaced or deleted entry\u2019s weight out', () => {
    const cache = new MemoryCache<string>({ maxWeight: 10, weigh: (value) => value.length, now: clock });
    cache.set('a', 'aaaaaaaa', 60);
    cache.set('a', 'aa', 60);
    cache.set('b', 'bbbbbbbb', 60);
    expect([cache.get('a')?.value, cache.get('b')?.value]).toEqual(['aa', 'bbbbbbbb']);
    cache.delete('b');
    cache.set('c', 'cccccccc', 60);
    expect([cache.get('a')?.value, cache.get('c')?.value]).toEqual(['aa', 'cccccccc']);
  });
});

describe('InFlight', () => {
  it('shares one load between concurrent callers of the same key', async () => {
    const inFlight = new InFlight<string>();
    let calls = 0;
    const load = async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 'A';
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => inFlight.run('a', load)));
    expect(results).toEqual(Array(10).fill('A'));
    expect(calls).toBe(1);
  });

  it('loads again once a failed load has settled', async () => {
    const inFlight = new InFlight<string>();
    await expect(inFlight.run('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(inFlight.run('a', async () => 'A')).resolves.toBe('A');
  });
});
