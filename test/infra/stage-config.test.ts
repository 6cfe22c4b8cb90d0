import { resolveStageConfig, stageConfigFromContext } from '../../lib/config';
import { cdkJsonStageConfig } from './support';

// What `bin/` does with `-c stage=...`: a bad stage or override fails the synth with a message naming it.
describe('stage configuration from the CDK context', () => {
  it('reads dev and prod from cdk.json', () => {
    expect(cdkJsonStageConfig('dev')).toMatchObject({ stage: 'dev', logRetentionDays: 7, throttle: { rateLimit: 20, burstLimit: 40 } });
    expect(cdkJsonStageConfig('prod')).toMatchObject({ stage: 'prod', logRetentionDays: 90, throttle: { rateLimit: 100, burstLimit: 200 } });
  });

  it('refuses a stage cdk.json does not define', () => {
    expect(() => cdkJsonStageConfig('prdo')).toThrow('Unknown stage "prdo": cdk.json defines dev, prod.');
  });

  it('refuses any stage when the context has no stages', () => {
    expect(() => stageConfigFromContext({ stage: 'dev' })).toThrow('Unknown stage "dev": cdk.json defines no stages.');
  });

  it.each([
    [{ logRetentionDays: 8 }, 'logRetentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653'],
    [{ throttle: { rateLimit: 0, burstLimit: 1 } }, 'throttle.rateLimit: Invalid value: Expected >=1 but received 0'],
    [{ throtle: { rateLimit: 1, burstLimit: 1 } }, 'throtle: Invalid key: Expected never but received "throtle"'],
  ])('refuses the override %j, naming the key', (overrides, problem) => {
    expect(() => resolveStageConfig('dev', overrides)).toThrow(`Invalid configuration for stage "dev": ${problem}`);
  });

  it('refuses a stage name that cannot be part of a stack name', () => {
    expect(() => resolveStageConfig('Prod')).toThrow('Invalid stage name "Prod": use lower-case letters, digits and hyphens, starting with a letter.');
  });
});

describe('contact settings', () => {
  it.each([
    ['a domain identity and an address of it', { senderIdentity: 'example.com', senderAddress: 'forms@example.com' }],
    ['an address identity and that address', { senderIdentity: 'forms@example.com', senderAddress: 'Forms@Example.com' }],
  ])('accept %s', (_, contact) => {
    expect(resolveStageConfig('test', { contact }).contact).toMatchObject(contact);
  });

  it.each([
    ['an address of another domain', { senderIdentity: 'example.com', senderAddress: 'forms@other.example' }],
    ['an address of a subdomain only by its suffix', { senderIdentity: 'example.com', senderAddress: 'forms@notexample.com' }],
    ['another address than the address identity', { senderIdentity: 'forms@example.com', senderAddress: 'sales@example.com' }],
  ])('refuse a sender that SES would refuse: %s', (_, contact) => {
    expect(() => resolveStageConfig('test', { contact })).toThrow(
      `Invalid configuration for stage "test": contact.senderAddress ${contact.senderAddress} is not of the identity contact.senderIdentity ${contact.senderIdentity}`,
    );
  });

  it('keeps the defaults a stage does not set', () => {
    expect(resolveStageConfig('test', { contact: { recipients: ['leads@marchcroft.com'] } }).contact).toEqual({
      senderAddress: 'website@marchcroft.com',
      senderIdentity: 'marchcroft.com',
      recipients: ['leads@marchcroft.com'],
      retentionDays: 730,
      maxEmailAttempts: 5,
      retryDelaySeconds: 120,
      mailerIntervalMinutes: 1,
    });
  });
});

describe('content settings', () => {
  it('defaults to the site\u2019s locales, with gr for Greek, and an hour for the sitemap', () => {
    expect(resolveStageConfig('dev').content).toEqual({
      locales: ['en', 'es', 'pt', 'el'],
      defaultLocale: 'en',
      localeAliases: { gr: 'el' },
      ttlSeconds: 300,
      routeTtlSeconds: { Sitemap: 3600 },
      notFoundTtlSeconds: 60,
      staleWhileRevalidateSeconds: 86400,
    });
  });

  it('keeps the defaults a stage does not set', () => {
    expect(resolveStageConfig('dev', { content: { locales: ['en', 'el'], ttlSeconds: 30 } }).content).toMatchObject({
      locales: ['en', 'el'],
      defaultLocale: 'en',
      localeAliases: { gr: 'el' },
      ttlSeconds: 30,
      routeTtlSeconds: { Sitemap: 3600 },
    });
  });

  it.each([
    [{ defaultLocale: 'de' }, 'content.defaultLocale de is not one of content.locales'],
    [{ locales: ['en', 'es'] }, 'content.localeAliases.gr names el, which is not one of content.locales'],
    [{ localeAliases: { es: 'en' } }, 'content.localeAliases.es is itself one of content.locales'],
  ])('refuses locales that do not fit together: %j', (content, problem) => {
    expect(() => resolveStageConfig('dev', { content })).toThrow(`Invalid configuration for stage "dev": ${problem}`);
  });

  it.each([
    [{ locales: ['en,es'] }, 'content.locales.0: must be a language code such as en or pt-BR'],
    [{ locales: [] }, 'content.locales: Invalid length: Expected >=1 but received 0'],
    [{ localeAliases: { 'g:r': 'el' } }, 'content.localeAliases.g:r: must be a language code such as en or pt-BR'],
    [{ routeTtlSeconds: { Health: 10 } }, 'content.routeTtlSeconds.Health: must be a content route id: ContentHome, ContentHistories, ContentLegalPage, ContentServices, ContentService, ContentCaseStudies, ContentCaseStudy, ContentCareers, Sitemap'],
    [{ ttlSeconds: 0 }, 'content.ttlSeconds: Invalid value: Expected >=1 but received 0'],
    [{ cacheTtl: 5 }, 'content.cacheTtl: Invalid key: Expected never but received "cacheTtl"'],
  ])('refuses %j', (content, problem) => {
    expect(() => resolveStageConfig('dev', { content })).toThrow(`Invalid configuration for stage "dev": ${problem}`);
  });
});
