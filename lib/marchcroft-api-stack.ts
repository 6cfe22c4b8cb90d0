import { CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { ApiCustomDomain } from './api-custom-domain';
import { ApiFunction, type ApiFunctionProps } from './api-function';
import type { StageConfig } from './config';
import { ContactSubmissionsTable } from './contact-submissions-table';
import { corsSettings } from './cors';
import { SERVICE_NAME } from './function-settings';
import { JOBS, type JobDefinition } from './jobs';
import { MarchcroftHttpApi } from './marchcroft-http-api';
import { MarchcroftMonitoring } from './monitoring';
import { acknowledgeNagFindings } from './private/nag-suppressions';
import { ROUTES, type RouteDefinition } from './routes';

/** Properties of a {@link MarchcroftApiStack}. */
export interface MarchcroftApiStackProps extends StackProps {
  /** The stage to deploy. */
  readonly config: StageConfig;
  /**
   * The routes to serve.
   * @default ROUTES
   */
  readonly routes?: readonly RouteDefinition[];
  /**
   * The functions to run on a schedule.
   * @default JOBS
   */
  readonly jobs?: readonly JobDefinition[];
}

/**
 * One stage of the Marchcroft API: the HTTP API, a function per route of the
 * route table, a scheduled function per job of the job table, and what they
 * read and write. Nothing here is per route or per job: a new entry in a
 * table is a new function and role, and its routes or its schedule.
 */
export class MarchcroftApiStack extends Stack {
  readonly api: MarchcroftHttpApi;
  /** The API's custom domain, when the stage has one (`config.customDomain`). */
  readonly customDomain?: ApiCustomDomain;
  /** Where contact-form submissions are stored until they expire. */
  readonly contactSubmissions: ContactSubmissionsTable;
  /** The functions of the routes and of the jobs, by route or job id. */
  readonly functions: ReadonlyMap<string, ApiFunction>;
  /** The schedule of each job, by job id. */
  readonly schedules: ReadonlyMap<string, Rule>;
  /** The stage's dashboard, its alarms and their SNS topic. */
  readonly monitoring: MarchcroftMonitoring;

  constructor(scope: Construct, id: string, props: MarchcroftApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const routes = props.routes ?? ROUTES;
    const jobs = props.jobs ?? JOBS;
    // Each table checks its own ids; a route and a job are constructs side by side in this stack too.
    for (const job of jobs) {
      if (routes.some((route) => route.id === job.id)) throw new Error(`${this.node.path}: "${job.id}" is both a route id and a job id.`);
    }

    this.contactSubmissions = new ContactSubmissionsTable(this, 'ContactSubmissions', { config });
    // What a function may need; each one is granted only what its definition names. The secret and the SES identity
    // are referenced by name: they are made (and verified) outside this stack, and the secret's value never passes
    // through CloudFormation.
    const resources: Pick<ApiFunctionProps, 'cmsSecret' | 'contactSubmissions' | 'mailIdentity'> = {
      cmsSecret: Secret.fromSecretNameV2(this, 'CmsSecret', config.cmsSecretName),
      contactSubmissions: this.contactSubmissions.table,
      mailIdentity: EmailIdentity.fromEmailIdentityName(this, 'MailIdentity', config.contact.senderIdentity),
    };
    this.api = new MarchcroftHttpApi(this, 'Api', { config, cors: corsSettings(config, routes) });
    if (config.customDomain) {
      this.customDomain = new ApiCustomDomain(this, 'CustomDomain', { domain: config.customDomain, httpApi: this.api.httpApi, stage: this.api.stage });
    }

    const functions = new Map<string, ApiFunction>();
    const httpRoutes = new Map<string, HttpRoute[]>();
    for (const route of routes) {
      // A reservation where the stage config has one: the contact form's, which bounds what a flood does to the table.
      const reservedConcurrentExecutions = config.reservedConcurrency[route.id];
      const apiFunction = new ApiFunction(this, route.id, { definition: route, config, ...resources, reservedConcurrentExecutions });
      httpRoutes.set(route.id, this.api.addRoute(route, apiFunction.fn));
      functions.set(route.id, apiFunction);
    }
    const schedules = new Map<string, Rule>();
    for (const job of jobs) {
      // One run at a time: a run that is still going when the next one is due makes that one wait (Lambda
      // retries a throttled asynchronous invocation), so two runs never work on the same items at once; unless the
      // stage config reserves another number for the job.
      const reservedConcurrentExecutions = config.reservedConcurrency[job.id] ?? 1;
      const apiFunction = new ApiFunction(this, job.id, { definition: job, config, ...resources, reservedConcurrentExecutions });
      const minutes = job.everyMinutes(config);
      const rule = new Rule(this, `${job.id}Schedule`, {
        description: `Runs the ${job.id} function of ${config.stage} every ${minutes} minute${minutes === 1 ? '' : 's'}`,
        schedule: Schedule.rate(Duration.minutes(minutes)),
        targets: [new LambdaFunction(apiFunction.fn)],
      });
      functions.set(job.id, apiFunction);
      schedules.set(job.id, rule);
    }
    this.functions = functions;
    this.schedules = schedules;
    this.monitoring = new MarchcroftMonitoring(this, 'Monitoring', { config, api: this.api, routes, functions });

    // The cdk-nag findings accepted by design, each on its exact resource (construct metadata: the template is unchanged).
    acknowledgeNagFindings(httpRoutes);

    Tags.of(this).add('Project', SERVICE_NAME);
    Tags.of(this).add('Stage', config.stage);
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the API (the $default stage)' });
    new CfnOutput(this, 'DashboardUrl', { value: this.monitoring.dashboardUrl, description: `The stage's CloudWatch dashboard (${this.monitoring.dashboardName})` });
    new CfnOutput(this, 'PublicUrl', {
      value: config.publicApiUrl ? `${config.publicApiUrl}/` : this.api.url,
      description: 'Base URL clients and share pages use: publicApiUrl (the custom domain by default), else ApiUrl',
    });
    if (this.customDomain) {
      new CfnOutput(this, 'CustomDomainTarget', {
        value: this.customDomain.regionalDomainName,
        description: `Point ${config.customDomain?.domainName}'s DNS at this: a CNAME, or a Route 53 alias in zone CustomDomainHostedZoneId`,
      });
      new CfnOutput(this, 'CustomDomainHostedZoneId', {
        value: this.customDomain.regionalHostedZoneId,
        description: 'Hosted zone of CustomDomainTarget, for a Route 53 alias record',
      });
    }
  }
}
