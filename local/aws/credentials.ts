/**
 * What the local AWS stand-ins and their clients agree on. Neither stand-in checks a
 * signature, but both refuse a request that is not signed at all, so every client needs
 * some credentials: these, never real ones.
 */

/** The region the local clients sign for (the emulator's default region too). */
export const LOCAL_AWS_REGION = 'eu-west-1';

/**
 * Dummy temporary credentials, shaped like the ones Lambda gives every function
 * (an `ASIA…` key id with a session token). AWS's documentation example key.
 */
export const LOCAL_AWS_CREDENTIALS = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'local-session-token',
} as const;

/** The same credentials as the environment variables Lambda sets, which the AWS SDK reads first. */
export function localCredentialsEnvironment(): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: LOCAL_AWS_CREDENTIALS.sessionToken,
  };
}
