import { App, type PolicyValidationPluginReport, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { MarchcroftApiStack } from '../../lib/marchcroft-api-stack';
import { PUBLIC_ROUTES } from '../../lib/private/nag-suppressions';
import { defineRoutes, ROUTES, routeKeys } from '../../lib/routes';
import { CDK_JSON_STAGES, cdkJsonStageConfig, cdkJsonStageStack, ENV, FIXTURE_ENTRY, newApp } from './support';

// cdk-nag 3 is a CDK validation plugin, not an aspect: it is registered with `Validations.of(app).addPlugins(...)`,
// reads acknowledgments made with `Validations.of(construct).acknowledge(...)` (on the construct or an ancestor of
// it), and reports through the validation report, never through annotations (see the last describe). Its
// `validateScope` answers the unacknowledged findings, errors and warnings alike; `app.synth()` with the plugin
// registered fails on any of them, as `cdk synth` would.

/** One line per unacknowledged finding: severity, rule (with the finding for granular rules) and construct path. */
function findings(report: PolicyValidationPluginReport): string[] {
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`),
  );
}

/** The acknowledgments recorded on a construct, by rule id (without the `Annotation::` prefix CDK adds). */
function acknowledgments(construct: IConstruct): Record<string, string> {
  const entries = construct.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
  return Object.fromEntries(entries.map(([id, reason]) => [id.replace(/^annotation::/i, ''), reason]));
}

const ENVIRONMENTS = [
  ['offline (no account or region)', undefined],
  ['for an account and region', ENV],
] as const;

describe('cdk-nag AwsSolutions checks', () => {
  it('run over dev and prod', () => {
    expect(CDK_JSON_STAGES).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  describe.each(CDK_JSON_STAGES)('stage %s', (stage) => {
    it.each(ENVIRONMENTS)('finds no unacknowledged error or warning, synthesized %s', (_name, env) => {
      const { app, stack } = cdkJsonStageStack(stage, env);
      const pack = new AwsSolutionsChecks(app, { verbose: true });
      expect(findings(pack.validateScope(stack))).toEqual([]);
      // The same pack as a validation plugin of the app, the way `cdk synth` runs one: any finding would throw here.
      Validations.of(app).addPlugins(pack);
      expect(() => app.synth()).not.toThrow();
    });
  });

  it('acknowledges APIG4 (no authorizer) on the route resource of every key of the public routes, and nothing else anywhere', () => {
    const { stack } = cdkJsonStageStack('prod', ENV);
    const acknowledged = stack.node
      .findAll()
      .map((construct) => [construct, acknowledgments(construct)] as const)
      .filter(([, rules]) => Object.keys(rules).length > 0);
    const expected = ROUTES.filter((route) => Object.hasOwn(PUBLIC_ROUTES, route.id)).flatMap((route) =>
      routeKeys(route).map((key) => ({ key, rules: { 'AwsSolutions-APIG4': PUBLIC_ROUTES[route.id] } })),
    );
    expect(
      acknowledged.map(([construct, rules]) => {
        // Only route resources (the L1 itself, never its L2 or the API above it, which would cover other resources too).
        expect(construct).toBeInstanceOf(CfnRoute);
        return { key: stack.resolve((construct as CfnRoute).routeKey), rules };
      }),
    ).toEqual(expected);
  });

  it('names only routes of the route table as public, each with a reason', () => {
    for (const [routeId, reason] of Object.entries(PUBLIC_ROUTES)) {
      expect(ROUTES.map((route) => route.id)).toContain(routeId);
      expect(reason.length).toBeGreaterThan(80);
    }
  });

  it('flags a new route until it is named public or given an authorizer', () => {
    const routes = defineRoutes([...ROUTES, { id: 'Extra', description: 'A new route.', methods: ['GET'], path: '/extra', entry: FIXTURE_ENTRY }]);
    const app = newApp();
    const stack = new MarchcroftApiStack(app, 'Extended', { config: cdkJsonStageConfig('dev'), routes, env: ENV });
    expect(findings(new AwsSolutionsChecks(app).validateScope(stack))).toEqual(['error AwsSolutions-APIG4 at Extended/Api/Resource/GET--extra/Resource']);
  });
});

describe('the cdk-nag check itself', () => {
  /** A stack with one error-level finding (a wildcard resource) and one warning (a table without point-in-time recovery). */
  function badStack(): { app: App; stack: Stack; role: Role } {
    const app = newApp();
    const stack = new Stack(app, 'Bad', { env: ENV });
    new Table(stack, 'Table', { partitionKey: { name: 'id', type: AttributeType.STRING } });
    const statement = new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] });
    const role = new Role(stack, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: { Access: new PolicyDocument({ statements: [statement] }) },
    });
    return { app, stack, role };
  }

  it('reports errors and warnings, and makes the synth fail on them', () => {
    const { app, stack } = badStack();
    const pack = new AwsSolutionsChecks(app, { verbose: true });
    expect(findings(pack.validateScope(stack))).toEqual(['warning AwsSolutions-DDB3 at Bad/Table/Resource', 'error AwsSolutions-IAM5[Resource::*] at Bad/Role/Resource']);
    Validations.of(app).addPlugins(pack);
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\][\s\S]*AwsSolutions-DDB3/);
  });

  it('honours an acknowledgment of the exact finding on the resource, and only that one', () => {
    const { app, stack, role } = badStack();
    Validations.of(role.node.defaultChild as IConstruct).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'test' });
    Validations.of(role.node.defaultChild as IConstruct).acknowledge({ id: 'AwsSolutions-DDB3', reason: 'on the wrong resource: no effect' });
    expect(findings(new AwsSolutionsChecks(app).validateScope(stack))).toEqual(['warning AwsSolutions-DDB3 at Bad/Table/Resource']);
  });

  it('reports nothing through annotations, which is why the checks above do not read them', () => {
    const { app, stack } = badStack();
    expect(findings(new AwsSolutionsChecks(app).validateScope(stack))).toHaveLength(2);
    // The pack has run and found both, yet the stack carries no annotation of either (the synth these read runs no plugin).
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });
});
