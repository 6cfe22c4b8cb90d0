import * as path from 'node:path';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import { CONTACT_SUBMISSIONS_TABLE } from './contact-submissions';
import { BUNDLING, type DeployedResources, FUNCTION_SETTINGS, functionEnvironment } from './function-settings';
import { type FunctionDefinition, type FunctionResource, needs } from './functions';
import { stageLogGroup } from './private/stage-log-group';

/** Entries of the route and job tables are relative to the repository root, whatever directory the synth runs from. */
const REPO_ROOT = path.resolve(__dirname, '..');

// Typed by the shared settings' literals: changing a setting there without a match here fails to compile.
const RUNTIMES: Record<typeof FUNCTION_SETTINGS.runtime, Runtime> = { 'nodejs24.x': Runtime.NODEJS_24_X };
const ARCHITECTURES: Record<typeof FUNCTION_SETTINGS.architecture, Architecture> = { arm64: Architecture.ARM_64 };
const OUTPUT_FORMATS: Record<typeof BUNDLING.format, OutputFormat> = { esm: OutputFormat.ESM };

/** Properties of an {@link ApiFunction}. */
export interface ApiFunctionProps {
  /**
   * The function to build: a route's or a job's entry, description,
   * environment and what it needs.
   */
  readonly definition: FunctionDefinition;
  /** The stage: environment values and log retention. */
  readonly config: StageConfig;
  /**
   * The secret that holds the CMS token. Required when the function needs
   * `cms`; it may then read the secret's value, and nothing else.
   * @default - none; the function must not need `cms`
   */
  readonly cmsSecret?: ISecret;
  /**
   * The contact-submissions table, in the shape of `CONTACT_SUBMISSIONS_TABLE`
   * (its outbox index included). Required when the function needs
   * `contactStore` (put items) or `contactOutbox` (query the outbox index,
   * update items); its name is in `CONTACT_TABLE_NAME`.
   * @default - none; the function must need neither
   */
  readonly contactSubmissions?: ITable;
  /**
   * The verified SES identity mail is sent from, e.g.
   * `EmailIdentity.fromEmailIdentityName(stack, 'MailIdentity', config.contact.senderIdentity)`.
   * Required when the function needs `mail`; it may then `ses:SendEmail` as
   * this identity and no other.
   * @default - none; the function must not need `mail`
   */
  readonly mailIdentity?: IEmailIdentity;
  /**
   * Concurrent executions reserved for the function, which are also its
   * limit: 1 makes runs of a job strictly one after the other.
   * @default - none; the function uses the account's unreserved concurrency
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * What happens to the function's log group when the stack is deleted.
   * @default - RETAIN in prod, DESTROY in every other stage
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The Lambda function of one route or job: the house runtime,
 * architecture, bundling and logging, and a role that may do exactly what
 * the definition needs and nothing more.
 */
export class ApiFunction extends Construct {
  /** The function (id `Resource`, so it is this construct's `node.defaultChild`). */
  readonly fn: NodejsFunction;
  /** The function's own role: no managed policies, one inline policy. */
  readonly role: Role;
  /** Where the function logs; the role may write here and nowhere else. */
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const { definition, config } = props;
    // A resource passed for a function that does not need it grants nothing, and is named nowhere.
    const required = <T>(resources: readonly FunctionResource[], value: T | undefined, prop: keyof ApiFunctionProps): T | undefined => {
      const needed = resources.filter((resource) => needs(definition, resource));
      if (needed.length === 0) return undefined;
      if (value === undefined) {
        throw new Error(`${this.node.path}: function "${definition.id}" needs ${needed.map((resource) => `'${resource}'`).join(' and ')}, so props.${prop} is required.`);
      }
      return value;
    };
    const cmsSecret = required(['cms'], props.cmsSecret, 'cmsSecret');
    const table = required(['contactStore', 'contactOutbox'], props.contactSubmissions, 'contactSubmissions');
    const mailIdentity = required(['mail'], props.mailIdentity, 'mailIdentity');
    const reserved = props.reservedConcurrentExecutions;
    // 0 is valid to Lambda, but it stops the function altogether: never what a definition means.
    if (reserved !== undefined && (!Number.isInteger(reserved) || reserved < 1)) {
      throw new Error(`${this.node.path}: props.reservedConcurrentExecutions must be a positive integer, not ${reserved}.`);
    }

    this.logGroup = stageLogGroup(this, 'LogGroup', config, props.logRemovalPolicy);

    const allow = (actions: string[], resource: string) => new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [resource] });
    // The stream ARNs live under the group's `:*`, which is what the group's ARN attribute already ends with.
    const statements = [allow(['logs:CreateLogStream', 'logs:PutLogEvents'], this.logGroup.logGroupArn)];
    if (cmsSecret) {
      // Not `grantRead`: it adds DescribeSecret, which the handler never calls.
      statements.push(allow(['secretsmanager:GetSecretValue'], secretArnForPolicies(cmsSecret)));
    }
    if (table) {
      // Not the table's grant methods: grantReadData/grantWriteData add actions the handlers never call (BatchGetItem, Scan,
      // DeleteItem, DescribeTable, ...), and every one of them, `grant(...actions)` too, also names `<table>/index/*`.
      if (needs(definition, 'contactOutbox')) {
        statements.push(allow(['dynamodb:Query'], `${table.tableArn}/index/${CONTACT_SUBMISSIONS_TABLE.outboxIndex.indexName}`));
      }
      const tableActions = new Set([
        // The contact form's conditional put both stores and detects a retry, so it needs no read.
        ...(needs(definition, 'contactStore') ? ['dynamodb:PutItem'] : []),
        // The mailer reads through the index and changes items with conditional updates.
        ...(needs(definition, 'contactOutbox') ? ['dynamodb:UpdateItem'] : []),
      ]);
      // Sorted, as cdk.json's `minimizePolicies` writes them: the tests' template and the deployed one read the same.
      statements.push(allow([...tableActions].sort(), table.tableArn));
    }
    if (mailIdentity) {
      // Not `grantSendEmail`: it adds ses:SendRawEmail, which only the v1 API's SendRawEmail needs; v2's SendEmail needs ses:SendEmail.
      statements.push(allow(['ses:SendEmail'], mailIdentity.emailIdentityArn));
    }
    // Given a role, Lambda adds no AWSLambdaBasicExecutionRole (whose logs actions cover every log group in the account).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${definition.id} function of ${config.stage}`,
      inlinePolicies: { Access: new PolicyDocument({ statements }) },
    });

    // What the stack deployed, read by functionEnvironment only for a function that needs it, which then has it (checked above).
    const resources: DeployedResources = {
      get contactSubmissionsTableName(): string {
        if (!table) throw new Error(`function "${definition.id}" was given no contact-submissions table.`);
        return table.tableName;
      },
    };

    this.fn = new NodejsFunction(this, 'Resource', {
      entry: path.resolve(REPO_ROOT, definition.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      description: definition.description,
      runtime: RUNTIMES[FUNCTION_SETTINGS.runtime],
      architecture: ARCHITECTURES[FUNCTION_SETTINGS.architecture],
      memorySize: FUNCTION_SETTINGS.memorySize,
      timeout: Duration.seconds(FUNCTION_SETTINGS.timeoutSeconds),
      reservedConcurrentExecutions: reserved,
      environment: functionEnvironment(definition, config, resources),
      role: this.role,
      logGroup: this.logGroup,
      // Powertools writes JSON lines whatever the format; JSON makes Lambda's own START/REPORT lines JSON too.
      loggingFormat: LoggingFormat.JSON,
      bundling: {
        format: OUTPUT_FORMATS[BUNDLING.format],
        target: BUNDLING.target,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        sourcesContent: BUNDLING.sourcesContent,
        mainFields: [...BUNDLING.mainFields],
        externalModules: [...BUNDLING.externalModules],
        banner: BUNDLING.banner,
        // Local esbuild only: a synth must never need Docker.
        forceDockerBundling: false,
      },
    });
  }
}

/**
 * The ARN to name a secret by in a policy. A secret referenced by name has
 * no full ARN at synth time; Secrets Manager appends `-` and six random
 * characters to every secret's ARN, which `-??????` matches (and nothing
 * longer). This is what the secret's own `grantRead` does.
 */
function secretArnForPolicies(secret: ISecret): string {
  return secret.secretFullArn ?? `${secret.secretArn}-??????`;
}
