import * as path from 'node:path';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import { BUNDLING, FUNCTION_SETTINGS, functionEnvironment } from './function-settings';
import { stageLogGroup } from './private/stage-log-group';
import type { RouteDefinition } from './routes';

/** Route table entries are relative to the repository root, whatever directory the synth runs from. */
const REPO_ROOT = path.resolve(__dirname, '..');

// Typed by the shared settings' literals: changing a setting there without a match here fails to compile.
const RUNTIMES: Record<typeof FUNCTION_SETTINGS.runtime, Runtime> = { 'nodejs24.x': Runtime.NODEJS_24_X };
const ARCHITECTURES: Record<typeof FUNCTION_SETTINGS.architecture, Architecture> = { arm64: Architecture.ARM_64 };
const OUTPUT_FORMATS: Record<typeof BUNDLING.format, OutputFormat> = { esm: OutputFormat.ESM };

/** Properties of an {@link ApiFunction}. */
export interface ApiFunctionProps {
  /** The route the function serves: its entry, description, environment and what it needs. */
  readonly route: RouteDefinition;
  /** The stage: environment values and log retention. */
  readonly config: StageConfig;
  /**
   * The secret that holds the CMS token. Required when the route needs `cms`;
   * the function may then read it, and nothing else.
   * @default - none; the route must not need `cms`
   */
  readonly cmsSecret?: ISecret;
  /**
   * What happens to the function's log group when the stack is deleted.
   * @default - RETAIN in prod, DESTROY in every other stage
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The Lambda function behind one route of the table: the house runtime,
 * architecture, bundling and logging, and a role that may do exactly what
 * the route needs and nothing more.
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
    const { route, config } = props;
    // A secret passed for a route that does not need it grants nothing.
    const cmsSecret = route.needs?.includes('cms') ? props.cmsSecret : undefined;
    if (route.needs?.includes('cms') && !cmsSecret) {
      throw new Error(`${this.node.path}: route "${route.id}" needs 'cms', so props.cmsSecret is required.`);
    }

    this.logGroup = stageLogGroup(this, 'LogGroup', config, props.logRemovalPolicy);

    const statements = [
      // The stream ARNs live under the group's `:*`, which is what the group's ARN attribute already ends with.
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    ];
    if (cmsSecret) {
      // Not `grantRead`: it adds DescribeSecret, which the handler never calls.
      statements.push(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['secretsmanager:GetSecretValue'],
          resources: [secretArnForPolicies(cmsSecret)],
        }),
      );
    }
    // Given a role, Lambda adds no AWSLambdaBasicExecutionRole (whose logs actions cover every log group in the account).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${route.id} function of ${config.stage}`,
      inlinePolicies: { Access: new PolicyDocument({ statements }) },
    });

    this.fn = new NodejsFunction(this, 'Resource', {
      entry: path.resolve(REPO_ROOT, route.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      description: route.description,
      runtime: RUNTIMES[FUNCTION_SETTINGS.runtime],
      architecture: ARCHITECTURES[FUNCTION_SETTINGS.architecture],
      memorySize: FUNCTION_SETTINGS.memorySize,
      timeout: Duration.seconds(FUNCTION_SETTINGS.timeoutSeconds),
      environment: functionEnvironment(route, config),
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
