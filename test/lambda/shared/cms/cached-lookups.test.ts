import { CachedLookups, CMS_FAILURE_BACKOFF_MS } from '../../../../lambda/shared/cms/cached-lookups';
import { CmsError } from '../../../../lambda/shared/errors';

const FOUND_TTL_SECONDS = 300;
const NOT_FOUND_TTL_SECONDS = 60;

/** A load whose answer each test sets, counting its calls. */
class Source {
  value: string | undefined = 'v1';
  failure?: Error;
  calls = 0;

  readonly load = async (): Promise<string | undefined> => {
    this.calls += 1;
    if (this.failure) throw this.failure;
    return this.value;
  };
}

function deferred<Value>() {
  let resolve!: (value: Value) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<Value>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

describe('CachedLookups', () => {
  let now: number;
  let source: Source;
  let lookups: CachedLookups<string>;
  beforeEach(() => {
    now = 1_000_000;
    source = new Source();
    lookups = new CachedLookups({ foundTtlSeconds: FOUND_TTL_SECONDS, notFoundTtlSeconds: NOT_FOUND_TTL_SECONDS, now: () => now });
  });
  const lookup = (key = 'a') => lookups.lookup(key, source.load);

  it('answers a found value from the CMS, then from memory', async () => {
    expect(await lookup()).toEqual({ outcome: 'found', value: 'v1', source: 'cms' });
    source.value = 'v2';
    expect(await lookup()).toEqual({ outcome: 'found', value: 'v1', source: 'cache' });
    expect(source.calls).toBe(1);
  });

  it('keeps a found value for its TTL, then asks the CMS again', async () => {
    await lookup();
    source.value = 'v2';
    now += FOUND_TTL_SECONDS * 1000 - 1;
    expect(await lookup()).toEqual({ outcome: 'found', value: 'v1', source: 'cache' });
    now += 1;
    expect(await lookup()).toEqual({ outcome: 'found', value: 'v2', source: 'cms' });
    expect(source.calls).toBe(2);
  });

  it('keeps values by key', async () => {
    await lookup('a');
    source.value = 'b-value';
    expect(await lookup('b')).toEqual({ outcome: 'found', value: 'b-value', source: 'cms' });
    expect(await lookup('a')).toEqual({ outcome: 'found', value: 'v1', source: 'cache' });
  });

  it('remembers a key the CMS has nothing for, for the not-found TTL only', async () => {
    source.value = undefined;
    expect(await lookup()).toEqual({ outcome: 'not-found', source: 'cms' });
    source.value = 'v1';
    now += NOT_FOUND_TTL_SECONDS * 1000 - 1;
    expect(await lookup()).toEqual({ outcome: 'not-found', source: 'cache' });
    now += 1;
    expect(await lookup()).toEqual({ outcome: 'found', value: 'v1', source: 'cms' });
  });

  it('answers not found, not the old value, once the CMS no longer has a key', async () => {
    await lookup();
    now += FOUND_TTL_SECONDS * 1000;
    source.value = undefined;
    expect(await lookup()).toEqual({ outcome: 'not-found', source: 'cms' });
    expect(await lookup()).toEqual({ outcome: 'not-found', source: 'cache' });
  });

  it('never serves a value the CMS has since said it has not, even when the CMS fails later', async () => {
    await lookup();
    now += FOUND_TTL_SECONDS * 1000;
    source.value = undefined;
    expect(await lookup()).toEqual({ outcome: 'not-found', source: 'cms' });
    now += NOT_FOUND_TTL_SECONDS * 1000;
    source.failure = new CmsError('timeout', 'blogs');
    expect(await lookup()).toMatchObject({ outcome: 'unavailable' });
  });

  it('is unavailable when the CMS fails and there is no copy', async () => {
    const failure = new CmsError('status', 'blogs', { status: 503 });
    source.failure = failure;
    expect(await lookup()).toEqual({ outcome: 'unavailable', error: failure });
  });

  it('serves the last good copy when the CMS fails after it expired', async () => {
    await lookup();
    now += FOUND_TTL_SECONDS * 1000 + 1;
    const failure = new CmsError('timeout', 'blogs');
    source.failure = failure;
    expect(await lookup()).toEqual({ outcome: 'stale', value: 'v1', error: failure, source: 'cms' });
  });

  it('counts a failure from another bundle by its name as a CMS failure', async () => {
    const failure = Object.assign(new Error('CMS request failed'), { name: 'CmsError', reason: 'network', path: 'blogs' });
    source.failure = failure;
    expect(await lookup()).toEqual({ outcome: 'unavailable', error: failure });
  });

  it('rethrows a failure that is not the CMS failing', async () => {
    source.failure = new TypeError('a bug');
    await expect(lookup()).rejects.toThrow(TypeError);
  });

  it('rethrows a bug even when it has a stale copy, and does not back off for it', async () => {
    await lookup();
    now += FOUND_TTL_SECONDS * 1000;
    source.failure = new RangeError('a bug');
    await expect(lookup()).rejects.toThrow(RangeError);
    source.failure = undefined;
    source.value = 'v2';
    expect(await lookup()).toEqual({ outcome: 'found', value: 'v2', source: 'cms' });
  });

  it('serves stale copies at once, without asking, for the backoff window after a failure', async () => {
    await lookup('a');
    await lookup('b');
    now += FOUND_TTL_SECONDS * 1000;
    const failure = new CmsError('timeout', 'blogs');
    source.failure = failure;
    await lookup('a');
    expect(source.calls).toBe(3);
    now += CMS_FAILURE_BACKOFF_MS - 1;
    expect(await lookup('a')).toEqual({ outcome: 'stale', value: 'v1', error: failure, source: 'backoff' });
    expect(await lookup('b')).toEqual({ outcome: 'stale', value: 'v1', error: failure, source: 'backoff' });
    expect(source.calls).toBe(3);
    now += 1;
    source.failure = undefined;
    source.value = 'v2';
    expect(await lookup('a')).toEqual({ outcome: 'found', value: 'v2', source: 'cms' });
    expect(source.calls).toBe(4);
  });

  it('asks the CMS during the backoff window for a key it has no copy of', async () => {
    source.failure = new CmsError('network', 'blogs');
    await lookup('a');
    source.failure = undefined;
    expect(await lookup('b')).toEqual({ outcome: 'found', value: 'v1', source: 'cms' });
    expect(source.calls).toBe(2);
  });

  it('ends the backoff window early once the CMS answers again', async () => {
    await lookup('a');
    now += FOUND_TTL_SECONDS * 1000;
    source.failure = new CmsError('network', 'blogs');
    await lookup('a');
    source.failure = undefined;
    source.value = 'fresh';
    await lookup('b');
    expect(await lookup('a')).toEqual({ outcome: 'found', value: 'fresh', source: 'cms' });
  });

  it('asks again after the backoff window, and is stale again if the CMS still fails', async () => {
    await lookup();
    now += FOUND_TTL_SECONDS * 1000;
    source.failure = new CmsError('timeout', 'blogs');
    await lookup();
    now += CMS_FAILURE_BACKOFF_MS;
    const second = new CmsError('status', 'blogs', { status: 502 });
    source.failure = second;
    expect(await lookup()).toEqual({ outcome: 'stale', value: 'v1', error: second, source: 'cms' });
    expect(source.calls).toBe(3);
  });

  it('shares one CMS call between concurrent lookups of one key', async () => {
    const pending = deferred<string | undefined>();
    let calls = 0;
    const load = () => {
      calls += 1;
      return pending.promise;
    };
    const all = Promise.all(Array.from({ length: 20 }, () => lookups.lookup('a', load)));
    pending.resolve('shared');
    expect(await all).toEqual(Array.from({ length: 20 }, () => ({ outcome: 'found', value: 'shared', source: 'cms' })));
    expect(calls).toBe(1);
  });

  it('shares one failing CMS call between concurrent lookups, each unavailable', async () => {
    const pending = deferred<string | undefined>();
    let calls = 0;
    const load = () => {
      calls += 1;
      return pending.promise;
    };
    const all = Promise.all(Array.from({ length: 5 }, () => lookups.lookup('a', load)));
    const failure = new CmsError('timeout', 'blogs');
    pending.reject(failure);
    expect(await all).toEqual(Array.from({ length: 5 }, () => ({ outcome: 'unavailable', error: failure })));
    expect(calls).toBe(1);
  });

  it('loads different keys concurrently, each with its own call', async () => {
    const calls: string[] = [];
    const load = (key: string) => async () => {
      calls.push(key);
      return `${key}-value`;
    };
    const [a, b] = await Promise.all([lookups.lookup('a', load('a')), lookups.lookup('b', load('b'))]);
    expect([a, b]).toEqual([
      { outcome: 'found', value: 'a-value', source: 'cms' },
      { outcome: 'found', value: 'b-value', source: 'cms' },
    ]);
    expect(calls).toEqual(['a', 'b']);
  });

  it('never lets a flood of unknown keys push a found value out of memory', async () => {
    lookups = new CachedLookups({ foundTtlSeconds: FOUND_TTL_SECONDS, notFoundTtlSeconds: NOT_FOUND_TTL_SECONDS, maxFound: 2, maxNotFound: 10, now: () => now });
    await lookup('real');
    source.value = undefined;
    for (let index = 0; index < 500; index += 1) await lookup(`junk-${index}`);
    expect(await lookup('real')).toEqual({ outcome: 'found', value: 'v1', source: 'cache' });
    now += FOUND_TTL_SECONDS * 1000;
    const failure = new CmsError('network', 'blogs');
    source.failure = failure;
    expect(await lookup('real')).toEqual({ outcome: 'stale', value: 'v1', error: failure, source: 'cms' });
  });

  it('keeps at most maxNotFound unknown keys, asking again for the oldest', async () => {
    lookups = new CachedLookups({ foundTtlSeconds: FOUND_TTL_SECONDS, notFoundTtlSeconds: NOT_FOUND_TTL_SECONDS, maxNotFound: 3, now: () => now });
    source.value = undefined;
    for (const key of ['a', 'b', 'c', 'd']) await lookup(key);
    expect(await lookup('d')).toEqual({ outcome: 'not-found', source: 'cache' });
    expect(await lookup('a')).toEqual({ outcome: 'not-found', source: 'cms' });
  });

  it('keeps at most maxFound values, the least recently used going first', async () => {
    lookups = new CachedLookups({ foundTtlSeconds: FOUND_TTL_SECONDS, notFoundTtlSeconds: NOT_FOUND_TTL_SECONDS, maxFound: 2, now: () => now });
    await lookup('a');
    await lookup('b');
    await lookup('a');
    await lookup('c');
    expect(source.calls).toBe(3);
    expect(await lookup('a')).toMatchObject({ source: 'cache' });
    expect(await lookup('b')).toMatchObject({ source: 'cms' });
  });
});
