import { optionalEnv, positiveIntegerEnv, requireEnv } from '../env';
import { createCmsClient, type CmsClient } from './client';
import { cmsTokenProvider } from './token';

/**
 * The CMS client of a function that needs `cms`, from the variables the stack
 * sets (`CMS_URL`, `CMS_TIMEOUT_MS`, `CMS_SECRET_NAME`, `CMS_SECRET_KEY`; or
 * `CMS_TOKEN` locally), and the CMS's base URL that media URLs resolve against.
 */
export function cmsFromEnvironment(): { readonly cms: CmsClient; readonly cmsUrl: string } {
  const cmsUrl = requireEnv('CMS_URL');
  const cms = createCmsClient({
    baseUrl: cmsUrl,
    timeoutMs: positiveIntegerEnv('CMS_TIMEOUT_MS'),
    token: cmsTokenProvider({
      token: optionalEnv('CMS_TOKEN'),
      secretName: optionalEnv('CMS_SECRET_NAME'),
      secretKey: optionalEnv('CMS_SECRET_KEY'),
    }),
  });
  return { cms, cmsUrl };
}
