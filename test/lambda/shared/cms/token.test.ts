import { cmsTokenProvider, tokenFromSecretString } from '../../../../lambda/shared/cms/token';

describe('tokenFromSecretString', () => {
  it('reads the token under its key in a JSON secret', () => {
    expect(tokenFromSecretString('{"NEXT_PUBLIC_API_KEY":"abc123","OTHER":"x"}', 'NEXT_PUBLIC_API_KEY')).toBe('abc123');
  });

  it('reads a plain-string secret whole when no key is configured', () => {
    expect(tokenFromSecretString(' abc123\n', undefined)).toBe('abc123');
  });

  it.each([
    ['a secret without a string', undefined, 'KEY', 'The CMS secret has no string value'],
    ['a plain string where a key is configured', 'abc123', 'KEY', 'The CMS secret is not JSON, but a key (KEY) is configured'],
    ['JSON without the key', '{"OTHER":"x"}', 'KEY', 'The CMS secret has no string under the key KEY'],
    ['an empty token', '{"KEY":" "}', 'KEY', 'The CMS secret has no string under the key KEY'],
  ])('refuses %s, without quoting the secret', (_, secret, key, message) => {
    expect(() => tokenFromSecretString(secret, key)).toThrow(new Error(message));
  });
});

describe('cmsTokenProvider', () => {
  it('answers the local token as it is', async () => {
    await expect(cmsTokenProvider({ token: 'local-token', secretName: 'ignored' })()).resolves.toBe('local-token');
  });

  it('needs a token or a secret name', () => {
    expect(() => cmsTokenProvider({})).toThrow('The CMS token needs CMS_TOKEN or CMS_SECRET_NAME');
  });
});
