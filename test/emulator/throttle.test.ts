import { TokenBucket } from '../../local/emulator/throttle';

describe('TokenBucket', () => {
  it('allows a full burst at once, then refuses', () => {
    const bucket = new TokenBucket({ rateLimit: 1, burstLimit: 3 }, () => 0);

    const taken = [1, 2, 3, 4].map(() => bucket.tryTake());

    expect(taken).toEqual([true, true, true, false]);
  });

  it('refills at the steady rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ rateLimit: 2, burstLimit: 2 }, () => now);
    bucket.tryTake();
    bucket.tryTake();

    now = 499;
    const early = bucket.tryTake();
    now = 500;
    const onTime = bucket.tryTake();

    expect(early).toBe(false);
    expect(onTime).toBe(true);
  });

  it('never holds more than the burst', () => {
    let now = 0;
    const bucket = new TokenBucket({ rateLimit: 10, burstLimit: 2 }, () => now);

    now = 60_000;
    const taken = [1, 2, 3].map(() => bucket.tryTake());

    expect(taken).toEqual([true, true, false]);
  });
});
