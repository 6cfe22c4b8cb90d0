import { MAX_BODY_BYTES, readJsonBody, type RawRequestBody } from '../../../lambda/contact/request-body';

const SITE_BODY = '{"id":"1714561234567-0.8244215331213512","name":"Ada Lovelace","email":"ada@example.com","companyName":"Analytical Engines Ltd","phoneNumber":"+447911123456","interest":"Cloud"}';

function request(overrides: Partial<RawRequestBody>): RawRequestBody {
  return { body: SITE_BODY, isBase64Encoded: false, contentType: 'application/json', ...overrides };
}

/** A JSON object body of exactly `bytes` UTF-8 bytes. */
function bodyOfBytes(bytes: number): string {
  const frame = '{"message":""}';
  return `{"message":"${'x'.repeat(bytes - frame.length)}"}`;
}

describe('readJsonBody', () => {
  it('reads the request the site sends', () => {
    expect(readJsonBody(request({}))).toEqual({ kind: 'json', value: JSON.parse(SITE_BODY) });
  });

  it.each([
    'application/json',
    'application/json; charset=UTF-8',
    'application/json;charset=utf-8',
    'Application/JSON; Charset="UTF-8"',
    '  application/json  ',
    'application/vnd.api+json',
    'application/merge-patch+json; charset=utf-8',
    // RFC 8259 defines no charset for JSON: the parameter is ignored and the body must be UTF-8.
    'application/json; charset=iso-8859-1',
  ])('takes a body declared as %j for JSON', (contentType) => {
    expect(readJsonBody(request({ contentType })).kind).toBe('json');
  });

  it.each([undefined, '', 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'application/json-seq', 'text/json', 'application/xml'])(
    'refuses a body declared as %j as an unsupported media type',
    (contentType) => {
      expect(readJsonBody(request({ contentType }))).toEqual({ kind: 'unsupported-media-type', message: 'Content-Type must be application/json' });
    },
  );

  it('refuses the media type before looking at the body', () => {
    expect(readJsonBody(request({ contentType: 'text/plain', body: 'x'.repeat(MAX_BODY_BYTES + 1) })).kind).toBe('unsupported-media-type');
  });

  it('decodes a base64 body', () => {
    expect(readJsonBody(request({ body: Buffer.from(SITE_BODY).toString('base64'), isBase64Encoded: true }))).toEqual({ kind: 'json', value: JSON.parse(SITE_BODY) });
  });

  it('reads UTF-8 text in a base64 body', () => {
    const body = Buffer.from('{"name":"Zoë Ångström 山田"}').toString('base64');
    expect(readJsonBody(request({ body, isBase64Encoded: true }))).toEqual({ kind: 'json', value: { name: 'Zoë Ångström 山田' } });
  });

  it.each([
    ['a base64 body', (json: string) => ({ body: Buffer.from(`\uFEFF${json}`).toString('base64'), isBase64Encoded: true })],
    ['a text body', (json: string) => ({ body: `\uFEFF${json}` })],
  ])('ignores a byte order mark in %s', (_, withBom) => {
    expect(readJsonBody(request(withBom(SITE_BODY))).kind).toBe('json');
  });

  it.each([
    ['Latin-1 bytes in a base64 body', { body: Buffer.from('{"name":"Zo\xeb"}', 'latin1').toString('base64'), isBase64Encoded: true }],
    ['an unpaired surrogate in a text body', { body: '{"name":"\uD800"}' }],
  ])('refuses %s as not UTF-8', (_, overrides) => {
    expect(readJsonBody(request(overrides))).toEqual({ kind: 'malformed', message: 'Request body is not valid UTF-8' });
  });

  it.each([
    [undefined, 'Request body is empty'],
    ['', 'Request body is empty'],
    [' \n\t ', 'Request body is empty'],
    ['name=Ada', 'Request body is not valid JSON'],
    ['{"name":', 'Request body is not valid JSON'],
    ["{'name':'Ada'}", 'Request body is not valid JSON'],
    ['[]', 'Request body must be a JSON object'],
    ['[{"name":"Ada"}]', 'Request body must be a JSON object'],
    ['"Ada"', 'Request body must be a JSON object'],
    ['42', 'Request body must be a JSON object'],
    ['true', 'Request body must be a JSON object'],
    ['null', 'Request body must be a JSON object'],
  ])('refuses the body %j as malformed: %s', (body, message) => {
    expect(readJsonBody(request({ body }))).toEqual({ kind: 'malformed', message });
  });

  it('refuses an empty base64 body as empty', () => {
    expect(readJsonBody(request({ body: '', isBase64Encoded: true }))).toEqual({ kind: 'malformed', message: 'Request body is empty' });
  });

  describe('size limit of 16 KB', () => {
    it.each([
      ['a text body', (body: string) => ({ body })],
      ['a base64 body', (body: string) => ({ body: Buffer.from(body).toString('base64'), isBase64Encoded: true })],
    ])('takes exactly 16384 bytes in %s and refuses 16385', (_, encode) => {
      expect(readJsonBody(request(encode(bodyOfBytes(MAX_BODY_BYTES)))).kind).toBe('json');
      expect(readJsonBody(request(encode(bodyOfBytes(MAX_BODY_BYTES + 1))))).toEqual({ kind: 'too-large', message: 'Request body must be at most 16384 bytes' });
    });

    it('counts bytes, not characters', () => {
      const twoByteCharacters = `{"message":"${'é'.repeat(MAX_BODY_BYTES / 2)}"}`;
      expect(twoByteCharacters.length).toBeLessThan(MAX_BODY_BYTES);
      expect(readJsonBody(request({ body: twoByteCharacters })).kind).toBe('too-large');
    });

    it('counts the decoded bytes of a base64 body, not its longer encoding', () => {
      const encoded = Buffer.from(bodyOfBytes(MAX_BODY_BYTES)).toString('base64');
      expect(encoded.length).toBeGreaterThan(MAX_BODY_BYTES);
      expect(readJsonBody(request({ body: encoded, isBase64Encoded: true })).kind).toBe('json');
    });
  });
});
