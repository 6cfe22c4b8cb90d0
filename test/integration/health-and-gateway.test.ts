import { version } from '../../package.json';
import { SAMPLE_SLUGS } from '../../local/content-server';
import { startLocalApi, type LocalApi } from '../../local/local-api';

/** The API as the website and operators meet it: health, CORS, unknown routes, throttling, logs and metrics. */

describe('the local API', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi({ emulator: { onLog: () => undefined } });
  });
  afterAll(() => api.close());

  it('answers GET /health with the service name and the package version', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ status: 'ok', service: 'marchcroft-api', version });
  });

  it('answers HEAD /health with the status and no body, for uptime monitors', async () => {
    const response = await fetch(`${api.url}/health`, { method: 'HEAD' });
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([200, 'application/json; charset=utf-8', '']);
  });

  it('answers a preflight from an allowed origin itself, with the configured CORS headers', async () => {
    const [origin] = api.config.corsAllowedOrigins;
    const response = await fetch(`${api.url}/health`, {
      method: 'OPTIONS',
      headers: { origin: origin!, 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-methods')?.split(/,\s*/)).toEqual(expect.arrayContaining(['GET', 'HEAD']));
  });

  it('gives a preflight from another origin no CORS headers', async () => {
    const response = await fetch(`${api.url}/health`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows an allowed origin to read a response', async () => {
    const origin = api.config.corsAllowedOrigins[1]!;
    const response = await fetch(`${api.url}/health`, { headers: { origin } });
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('answers an unknown route as API Gateway does', async () => {
    const response = await fetch(`${api.url}/share/casestudies`);
    expect([response.status, await response.json()]).toEqual([404, { message: 'Not Found' }]);
  });

  it('throttles /health at its own route limit from the route table', async () => {
    const statuses = await Promise.all(Array.from({ length: 30 }, () => fetch(`${api.url}/health`).then((response) => response.status)));
    const throttled = statuses.filter((status) => status === 429).length;
    expect(throttled).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
  });

  it('emits the cold-start and outcome metrics in the Marchcroft namespace by stage, and never logs the CMS token', async () => {
    await api.emulator.resetContainers();
    const first = await fetch(`${api.url}/share/casestudies/never-seen-slug`);
    const second = await fetch(`${api.url}/share/casestudies/${SAMPLE_SLUGS.normal}`);
    expect([first.status, second.status]).toEqual([404, 200]);
    const lines = api.emulator.logs('ShareCaseStudy');
    expect(lines.join('\n')).not.toContain(api.cmsToken);
    const metrics = lines.flatMap(parseJson).filter((line) => '_aws' in line);
    expect(metrics.some((line) => line.ColdStart === 1)).toBe(true);
    expect(metrics.some((line) => line.SharePageNotFound === 1)).toBe(true);
    expect(metrics.some((line) => line.SharePageRendered === 1)).toBe(true);
    for (const metric of metrics) {
      expect((metric._aws as { CloudWatchMetrics: { Namespace: string }[] }).CloudWatchMetrics[0]!.Namespace).toBe('Marchcroft');
      // The stage is a dimension of every metric, so stages sharing an account count apart.
      expect([metric.service, metric.stage]).toEqual(['marchcroft-api', api.config.stage]);
    }
  });

  it('tags a handler log line with the API Gateway request id and the cold start', async () => {
    await api.emulator.resetContainers();
    api.contentServer!.setFault({ kind: 'status', status: 500 });
    try {
      const response = await fetch(`${api.url}/share/casestudies/a-slug-the-cms-cannot-answer`);
      const requestId = response.headers.get('apigw-requestid');
      const logged = api.emulator.logs('ShareCaseStudy').flatMap(parseJson).findLast((line) => line.message === 'CMS request failed; no copy to serve');
      expect(logged).toMatchObject({ level: 'ERROR', service: 'marchcroft-api', correlation_id: requestId, cold_start: true });
    } finally {
      api.contentServer!.setFault(null);
    }
  });

  it('never puts the CMS token in an answer', async () => {
    const paths = ['/health', ...Object.values(SAMPLE_SLUGS).map((slug) => `/share/casestudies/${slug}`), '/share/casestudies/unknown'];
    for (const path of paths) {
      const response = await fetch(`${api.url}${path}`);
      const everything = `${[...response.headers].join('\n')}\n${await response.text()}`;
      expect(everything).not.toContain(api.cmsToken);
    }
  });
});

function parseJson(line: string): Record<string, unknown>[] {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
  } catch {
    return [];
  }
}
