import { JOBS } from '../lib/jobs';
import { ROUTES, routeKeys } from '../lib/routes';
import { SAMPLE_SLUGS } from './content-server';
import { startLocalApi } from './local-api';

/** How often `npm start` runs the jobs: a local submission is emailed within seconds, not a minute. */
const LOCAL_MAILER_INTERVAL_MS = 5000;

/** A contact form submission as the site posts it. */
const SAMPLE_CONTACT = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  companyName: 'Analytical Engines Ltd',
  phoneNumber: '+44 20 7946 0958',
  interest: 'Cloud',
  message: 'Hello from npm start',
};

/**
 * `npm start`: the whole API on http://localhost:3000 (PORT), on the
 * embedded content server unless CMS_URL and CMS_TOKEN name a real Strapi,
 * with a local DynamoDB and SES, and the jobs on a short timer.
 */
async function main(): Promise<void> {
  const { PORT, CMS_URL, CMS_TOKEN, SITE_URL } = process.env;
  if (CMS_URL && !CMS_TOKEN) throw new Error('CMS_URL is set, so CMS_TOKEN must be too: the API token of that Strapi.');
  const api = await startLocalApi({
    port: Number(PORT ?? 3000),
    cms: CMS_URL && CMS_TOKEN ? { url: CMS_URL, token: CMS_TOKEN } : undefined,
    config: SITE_URL ? { siteUrl: SITE_URL.replace(/\/+$/, '') } : {},
    mailerIntervalMs: LOCAL_MAILER_INTERVAL_MS,
    emulator: { onLog: withoutIdleJobRuns(new Set(JOBS.map((job) => job.id)), (id, line) => process.stdout.write(`[${id}] ${line}\n`)) },
  });
  const local = (address: string) => address.replace('127.0.0.1', 'localhost');
  const url = local(api.url);
  console.log(
    [
      `Marchcroft API on ${url} (stage config: ${api.config.stage})`,
      `CMS: ${api.contentServer ? `embedded content server at ${api.config.cmsUrl}` : api.config.cmsUrl}`,
      `DynamoDB: dynalite (in memory, emptied on exit) at ${local(api.dynamodb.endpoint)}, table ${api.dynamodb.tableName}`,
      `SES v2: aws-ses-v2-local at ${local(api.ses.endpoint)}; the emails sent: ${local(api.ses.inboxUrl)} (JSON: ${local(api.ses.endpoint)}/store)`,
      '',
      'Routes:',
      ...ROUTES.flatMap((route) => routeKeys(route).map((key) => `  ${key.padEnd(36)} ${route.description}`)),
      '',
      `Jobs (every ${LOCAL_MAILER_INTERVAL_MS / 1000} s here, so a submission is emailed within seconds; runs that find nothing to do are not printed):`,
      ...JOBS.map((job) => `  ${`${job.id} (AWS: every ${job.everyMinutes(api.config)} min)`.padEnd(36)} ${job.description}`),
      '',
      'Try:',
      `  curl ${url}/health`,
      `  curl ${url}/share/casestudies/${SAMPLE_SLUGS.normal}`,
      `  curl '${url}/content/home?locale=es'`,
      `  curl ${url}/content/case-studies/${SAMPLE_SLUGS.normal}`,
      ...(ROUTES.some((route) => route.path === '/contact')
        ? [
            `  curl -i ${url}/contact -H 'content-type: application/json' -d '${JSON.stringify(SAMPLE_CONTACT)}'`,
            `    (stored at once; the email shows up at ${local(api.ses.inboxUrl)} within ${LOCAL_MAILER_INTERVAL_MS / 1000} s)`,
          ]
        : []),
      '',
      'Ctrl-C stops it.',
    ].join('\n'),
  );
  const stop = () => {
    void api.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * Prints every line, except those of a job's run that did nothing, which would
 * otherwise fill the console every few seconds: a run is idle when it wrote nothing
 * but Lambda's START/END/REPORT lines and metrics that are all zero.
 */
function withoutIdleJobRuns(jobIds: ReadonlySet<string>, print: (id: string, line: string) => void): (id: string, line: string) => void {
  const runs = new Map<string, string[]>();
  return (id, line) => {
    if (!jobIds.has(id)) return print(id, line);
    const lines = runs.get(id) ?? [];
    runs.set(id, [...lines, line]);
    if (!line.startsWith('REPORT RequestId:')) return;
    runs.delete(id);
    if (lines.some((earlier) => !isPlatformLine(earlier) && !isZeroMetrics(earlier))) for (const each of [...lines, line]) print(id, each);
  };
}

function isPlatformLine(line: string): boolean {
  return /^(START|END|REPORT) RequestId: /.test(line);
}

/** An EMF line (Powertools' metrics) whose every metric is 0. */
function isZeroMetrics(line: string): boolean {
  if (!line.startsWith('{"_aws":')) return false;
  try {
    const emf = JSON.parse(line) as { _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] } } & Record<string, unknown>;
    return emf._aws.CloudWatchMetrics.every(({ Metrics }) => Metrics.every(({ Name }) => emf[Name] === 0));
  } catch {
    return false;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if ((error as { code?: string }).code === 'EADDRINUSE') console.error('Another program listens on that port: set PORT, e.g. PORT=3100 npm start.');
  process.exit(1);
});
