import { CmsError } from '../errors';

export interface CmsTokenSource {
  /** Locally: the token itself (CMS_TOKEN). Never set in AWS. */
  readonly token?: string;
  /** In AWS: the Secrets Manager secret that holds it. */
  readonly secretName?: string;
  /** Key of the token in a JSON secret; empty or absent for a plain-string secret. */
  readonly secretKey?: string;
}

/**
 * Returns a function that yields the CMS token, read once per container: the
 * first call fetches the secret, later calls reuse it. A failed read is not
 * kept, so the next request tries again.
 */
export function cmsTokenProvider(source: CmsTokenSource): () => Promise<string> {
  if (source.token) {
    const token = source.token;
    return async () => token;
  }
  const secretName = source.secretName;
  if (!secretName) throw new Error('The CMS token needs CMS_TOKEN or CMS_SECRET_NAME');
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= readSecret(secretName, source.secretKey).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

async function readSecret(secretName: string, secretKey: string | undefined): Promise<string> {
  // Loaded on first use: routes without a CMS call, and local runs, never pay for the SDK.
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  try {
    // Bounded like the CMS call itself, so a slow Secrets Manager cannot hold a request until the function times out.
    const client = new SecretsManagerClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } });
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretName }));
    return tokenFromSecretString(SecretString, secretKey);
  } catch (error) {
    throw new CmsError('token', `secret ${secretName}`, { cause: error });
  }
}

/** The token in a secret's string: the whole string, or one key of a JSON object. */
export function tokenFromSecretString(secretString: string | undefined, secretKey: string | undefined): string {
  if (!secretString) throw new Error('The CMS secret has no string value');
  if (!secretKey) return secretString.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw new Error(`The CMS secret is not JSON, but a key (${secretKey}) is configured`);
  }
  const value = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[secretKey] : undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`The CMS secret has no string under the key ${secretKey}`);
  return value.trim();
}
