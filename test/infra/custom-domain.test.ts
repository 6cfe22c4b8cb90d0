import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, type StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnApi, CfnDomainName, CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { resolveStageConfig, type StageConfig } from '../../lib/config';
import { MarchcroftApiStack } from '../../lib/marchcroft-api-stack';
import { CDK_JSON_STAGES, cdkJsonStageConfig, ENV, newApp } from './support';

const CERTIFICATE_ARN = `arn:aws:acm:${ENV.region}:${ENV.account}:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;
const CUSTOM_DOMAIN = { domainName: 'api.example.com', certificateArn: CERTIFICATE_ARN };

/** `env` undefined is the offline synth (no account or region). */
function synthesize(config: StageConfig, env: StackProps['env']) {
  const stack = new MarchcroftApiStack(newApp(), `MarchcroftApi-${config.stage}`, { config, env });
  const template = Template.fromStack(stack);
  const { Resources: resources, Outputs: outputs } = template.toJSON() as { Resources: Record<string, any>; Outputs: Record<string, any> };
  return { stack, template, resources, outputs };
}

const apiId = (stack: MarchcroftApiStack) => stack.getLogicalId(stack.api.httpApi.node.defaultChild as CfnApi);
const stageId = (stack: MarchcroftApiStack) => stack.getLogicalId(stack.api.stage.node.defaultChild as CfnStage);
const executeApiUrl = (stack: MarchcroftApiStack) => ({
  'Fn::Join': ['', ['https://', { Ref: apiId(stack) }, `.execute-api.${ENV.region}.`, { Ref: 'AWS::URLSuffix' }, '/']],
});

describe('custom domain configuration', () => {
  it('is off by default, in every stage of cdk.json', () => {
    expect(resolveStageConfig('test').customDomain).toBeUndefined();
    for (const stage of CDK_JSON_STAGES) expect(cdkJsonStageConfig(stage).customDomain).toBeUndefined();
  });

  it('takes a domain name (lower-cased) and a certificate ARN', () => {
    const config = resolveStageConfig('test', { customDomain: { domainName: 'API.Example.com', certificateArn: CERTIFICATE_ARN } });
    expect(config.customDomain).toEqual(CUSTOM_DOMAIN);
  });

  it('makes the custom domain the public URL, unless publicApiUrl names another', () => {
    expect(resolveStageConfig('test', { customDomain: CUSTOM_DOMAIN }).publicApiUrl).toBe('https://api.example.com');
    expect(resolveStageConfig('test', { customDomain: CUSTOM_DOMAIN, publicApiUrl: 'https://edge.example.com/' }).publicApiUrl).toBe('https://edge.example.com');
    expect(resolveStageConfig('test').publicApiUrl).toBeUndefined();
  });

  it.each([
    [{ domainName: 'api_example.com', certificateArn: CERTIFICATE_ARN }, 'customDomain.domainName: must be a domain name such as api.marchcroft.com'],
    [{ domainName: '*.example.com', certificateArn: CERTIFICATE_ARN }, 'customDomain.domainName: must be a domain name such as api.marchcroft.com'],
    [{ domainName: 'https://api.example.com', certificateArn: CERTIFICATE_ARN }, 'customDomain.domainName: must be a domain name such as api.marchcroft.com'],
    [{ domainName: 'api.example.com', certificateArn: 'arn:aws:iam::123456789012:server-certificate/api' }, 'customDomain.certificateArn: must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id>'],
    [{ domainName: 'api.example.com', certificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/api' }, 'customDomain.certificateArn: must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id>'],
    [{ domainName: 'api.example.com' }, 'customDomain.certificateArn: Invalid key: Expected "certificateArn" but received undefined'],
    [{ ...CUSTOM_DOMAIN, hostedZone: 'example.com' }, 'customDomain.hostedZone: Invalid key: Expected never but received "hostedZone"'],
    ['api.example.com', 'customDomain: Invalid type: Expected Object but received "api.example.com"'],
  ])('refuses %j, naming the key', (customDomain, problem) => {
    expect(() => resolveStageConfig('dev', { customDomain })).toThrow(`Invalid configuration for stage "dev": ${problem}`);
  });
});

describe('MarchcroftApiStack without a custom domain', () => {
  it.each(CDK_JSON_STAGES)('has no domain name or mapping, and its public URL is the execute-api one (%s)', (stage) => {
    const { stack, template, outputs } = synthesize(cdkJsonStageConfig(stage), ENV);
    expect(stack.customDomain).toBeUndefined();
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'PublicUrl']));
    expect(Object.keys(outputs).filter((key) => key.startsWith('CustomDomain'))).toEqual([]);
    expect(outputs.PublicUrl.Value).toEqual(outputs.ApiUrl.Value);
    expect(outputs.ApiUrl.Value).toEqual(executeApiUrl(stack));
  });

  it('names publicApiUrl as its public URL when the stage sets one', () => {
    const { outputs } = synthesize(resolveStageConfig('test', { publicApiUrl: 'https://edge.example.com' }), ENV);
    expect(outputs.PublicUrl.Value).toBe('https://edge.example.com/');
  });
});

describe('MarchcroftApiStack with a custom domain', () => {
  const synthesized = () => synthesize(resolveStageConfig('prod', { customDomain: CUSTOM_DOMAIN }), ENV);
  let built: ReturnType<typeof synthesize>;
  beforeAll(() => {
    built = synthesized();
  });

  it('makes a regional domain name with the existing certificate, TLS 1.2, tagged with the stage', () => {
    const { stack, template, resources } = built;
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 1);
    const domainId = stack.getLogicalId(stack.customDomain?.domainName.node.defaultChild as CfnDomainName);
    expect(resources[domainId].Properties).toEqual({
      DomainName: 'api.example.com',
      DomainNameConfigurations: [{ CertificateArn: CERTIFICATE_ARN, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
      Tags: { Project: 'marchcroft-api', Stage: 'prod' },
    });
    // Imported by ARN: the stack neither requests nor owns a certificate.
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
  });

  it('maps the root of the domain to the $default stage of the API', () => {
    const { stack, template, resources } = built;
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    const domainId = stack.getLogicalId(stack.customDomain?.domainName.node.defaultChild as CfnDomainName);
    const [mapping] = Object.values(resources).filter((resource) => resource.Type === 'AWS::ApiGatewayV2::ApiMapping');
    // No ApiMappingKey: the domain's root. The stage is named, not referenced, so the mapping must wait for it.
    expect(mapping.Properties).toEqual({ ApiId: { Ref: apiId(stack) }, DomainName: { Ref: domainId }, Stage: '$default' });
    expect(mapping.DependsOn).toContain(stageId(stack));
    expect(resources[stageId(stack)].Properties.StageName).toBe('$default');
  });

  it('keeps the execute-api endpoint working', () => {
    const { stack, resources } = built;
    expect(resources[apiId(stack)].Properties).not.toHaveProperty('DisableExecuteApiEndpoint');
  });

  it('outputs the execute-api URL, the public URL and the DNS target of the domain', () => {
    const { stack, outputs } = built;
    const domainId = stack.getLogicalId(stack.customDomain?.domainName.node.defaultChild as CfnDomainName);
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'CustomDomainHostedZoneId', 'CustomDomainTarget', 'PublicUrl']));
    expect(outputs.ApiUrl.Value).toEqual(executeApiUrl(stack));
    expect(outputs.PublicUrl.Value).toBe('https://api.example.com/');
    expect(outputs.CustomDomainTarget.Value).toEqual({ 'Fn::GetAtt': [domainId, 'RegionalDomainName'] });
    expect(outputs.CustomDomainHostedZoneId.Value).toEqual({ 'Fn::GetAtt': [domainId, 'RegionalHostedZoneId'] });
  });

  it('gives share pages the custom domain for og:url', () => {
    const { stack, resources } = built;
    const shareFn = stack.getLogicalId(stack.functions.get('ShareCaseStudy')?.fn.node.defaultChild as CfnFunction);
    expect(resources[shareFn].Properties.Environment.Variables.PUBLIC_API_URL).toBe('https://api.example.com');
  });

  it.each([
    ['another region', CERTIFICATE_ARN.replace(`:${ENV.region}:`, ':us-east-1:'), `${ENV.account}/us-east-1`],
    ['another account', CERTIFICATE_ARN.replace(`:${ENV.account}:`, ':210987654321:'), `210987654321/${ENV.region}`],
  ])('refuses a certificate of %s than the stack’s', (_, certificateArn, where) => {
    const config = resolveStageConfig('prod', { customDomain: { ...CUSTOM_DOMAIN, certificateArn } });
    expect(() => synthesize(config, ENV)).toThrow(
      `MarchcroftApi-prod/CustomDomain: the certificate of api.example.com is in ${where}, but the API deploys to ${ENV.account}/${ENV.region}; a regional custom domain needs a certificate of the API's account and region.`,
    );
    // Offline: no account, and no region or only the CLI's default one (us-east-1), so nothing to compare with.
    expect(() => synthesize(config, undefined)).not.toThrow();
    expect(() => synthesize(config, { region: 'us-east-1' })).not.toThrow();
  });

  it('passes the cdk-nag AwsSolutions pack with cdk.json’s feature flags', () => {
    const cdkJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../cdk.json'), 'utf8')) as { context: Record<string, any> };
    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const config = resolveStageConfig('prod', { ...cdkJson.context.stages.prod, customDomain: CUSTOM_DOMAIN });
    const stack = new MarchcroftApiStack(app, 'MarchcroftApi-prod', { config, env: ENV });
    const report = new AwsSolutionsChecks(app, { verbose: true }).validateScope(stack);
    expect(report.violations.flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`))).toEqual([]);
  });
});
