import { Stack, Token } from 'aws-cdk-lib';
import { ApiMapping, DomainName, EndpointType, type IHttpApi, type IHttpStage, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Construct } from 'constructs';
import type { CustomDomainSettings } from './config';

/** Properties of an {@link ApiCustomDomain}. */
export interface ApiCustomDomainProps {
  /** The domain and the ARN of its existing ACM certificate (`config.customDomain`). */
  readonly domain: CustomDomainSettings;
  /** The API served on the domain. */
  readonly httpApi: IHttpApi;
  /** The stage the domain's root maps to: the API's `$default` stage. */
  readonly stage: IHttpStage;
}

/**
 * A regional custom domain for the HTTP API, with an existing ACM certificate
 * (imported by ARN: the stack neither requests nor validates it), whose root
 * maps to the given stage. DNS is not managed here: point a CNAME (or a
 * Route 53 alias) for the domain at {@link regionalDomainName}. The API's
 * execute-api endpoint keeps working beside it.
 */
export class ApiCustomDomain extends Construct {
  /** The API Gateway domain name (id `Resource`, so it is this construct's `node.defaultChild`). */
  readonly domainName: DomainName;
  /** The mapping of the domain's root to the stage. */
  readonly mapping: ApiMapping;
  /** `https://<domain>/`, ending in `/` like the stage's URL. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiCustomDomainProps) {
    super(scope, id);
    const { domainName, certificateArn } = props.domain;
    // A regional endpoint serves a certificate of its own account and region only; CloudFormation would fail late,
    // after the functions and the table are made. Checked for a stack bound to an account (a deploy, a diff with
    // credentials): an offline synth has no account, and the CLI then fills in a default region, not the real one.
    const { account, region } = Stack.of(this);
    const [, , , certificateRegion, certificateAccount] = certificateArn.split(':');
    if (!Token.isUnresolved(account) && !Token.isUnresolved(region) && (certificateAccount !== account || certificateRegion !== region)) {
      throw new Error(
        `${this.node.path}: the certificate of ${domainName} is in ${certificateAccount}/${certificateRegion}, but the API deploys to ${account}/${region}; a regional custom domain needs a certificate of the API's account and region.`,
      );
    }
    this.domainName = new DomainName(this, 'Resource', {
      domainName,
      certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
      endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    // No mapping key: the domain's root is the stage's root, as the execute-api URL is.
    this.mapping = new ApiMapping(this, 'Mapping', { api: props.httpApi, domainName: this.domainName, stage: props.stage });
    this.url = `https://${domainName}/`;
  }

  /** The API Gateway domain to point the custom domain's DNS record (CNAME or alias) at. */
  get regionalDomainName(): string {
    return this.domainName.regionalDomainName;
  }

  /** The hosted zone of {@link regionalDomainName}, for a Route 53 alias record. */
  get regionalHostedZoneId(): string {
    return this.domainName.regionalHostedZoneId;
  }
}
