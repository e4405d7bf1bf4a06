/**
 * The client's own Signature Version 4: AWS's published test-suite vectors (literal signatures),
 * agreement with the `aws4` package it replaced (kept as a dev dependency for this check), and
 * the caches (derived key per day, X-Amz-Date per second) never serving a stale value.
 */
import aws4 from 'aws4';
import { checkSignature } from '../support/sigv4';
import { amzDate, signRequest, type SignRequest, type SigningCredentials } from '../../lambda/persistence/sigV4';

// The AWS Signature Version 4 test suite's credentials, scope and time.
const SUITE_CREDENTIALS: SigningCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SUITE_TIME = new Date('2015-08-30T12:36:00Z');
const suiteRequest = (method: string, headers: Record<string, string>, body: string): SignRequest => ({
  method,
  path: '/',
  host: 'example.amazonaws.com',
  region: 'us-east-1',
  service: 'service',
  headers,
  body,
});
const CREDENTIAL = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';

describe('AWS Signature Version 4 test suite', () => {
  it.each([
    ['get-vanilla', 'GET', {}, '', 'host;x-amz-date', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    ['post-vanilla', 'POST', {}, '', 'host;x-amz-date', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
    [
      'post-x-www-form-urlencoded',
      'POST',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      'Param1=value1',
      'content-type;host;x-amz-date',
      'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
    ],
    [
      'post-x-www-form-urlencoded-parameters',
      'POST',
      { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf8' },
      'Param1=value1',
      'content-type;host;x-amz-date',
      '1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe',
    ],
    [
      'get-header-value-trim',
      'GET',
      { 'My-Header1': ' value1', 'My-Header2': ' "a   b   c"' },
      '',
      'host;my-header1;my-header2;x-amz-date',
      'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
    ],
  ])('%s', (_name, method, headers, body, signedHeaders, signature) => {
    const signed = signRequest(suiteRequest(method, headers, body), SUITE_CREDENTIALS, SUITE_TIME);
    expect(signed.Authorization).toBe(`${CREDENTIAL}, SignedHeaders=${signedHeaders}, Signature=${signature}`);
    expect(signed['X-Amz-Date']).toBe('20150830T123600Z');
    expect(signed.Host).toBe('example.amazonaws.com');
    // The headers given are sent as they were given.
    for (const [name, value] of Object.entries(headers)) expect(signed[name]).toBe(value);
  });
});

describe('agrees with aws4 on DynamoDB requests', () => {
  const dynamoRequest = (host: string, region: string, operation: string, body: string): SignRequest => ({
    method: 'POST',
    path: '/',
    host,
    region,
    service: 'dynamodb',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${operation}` },
    body,
  });
  const byAws4 = (request: SignRequest, credentials: SigningCredentials, stamp: string): Record<string, string> => {
    const signed = aws4.sign(
      { ...request, headers: { ...request.headers, 'X-Amz-Date': stamp } },
      { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
    );
    return signed.headers as Record<string, string>;
  };

  const cases: [string, SignRequest, SigningCredentials, Date][] = [
    ['local endpoint, long-lived keys', dynamoRequest('127.0.0.1:8000', 'us-east-1', 'GetItem', '{"TableName":"t","Key":{"id":{"S":"a"}}}'), { accessKeyId: 'AKIA1', secretAccessKey: 's1' }, new Date('2026-11-27T09:00:00.123Z')],
    [
      'Lambda-style temporary credentials',
      dynamoRequest('dynamodb.eu-west-1.amazonaws.com', 'eu-west-1', 'UpdateItem', JSON.stringify({ TableName: 'people', UpdateExpression: 'SET #a = :a', ExpressionAttributeValues: { ':a': { S: 'ü €, 漢字' } } })),
      { accessKeyId: 'ASIA2', secretAccessKey: 'secret/with+chars=', sessionToken: 'IQoJb3JpZ2luX2VjE'.repeat(40) },
      new Date('2026-12-31T23:59:59.999Z'),
    ],
    ['another day, region and body', dynamoRequest('dynamodb.ap-northeast-1.amazonaws.com', 'ap-northeast-1', 'DeleteItem', '{}'), { accessKeyId: 'AKIA3', secretAccessKey: 's3' }, new Date('2027-01-01T00:00:00.000Z')],
  ];
  // aws4 adds and signs a Content-Length; the client's Content-Length is sent unsigned (AWS
  // accepts that), so to compare the two, both are given one.
  it.each(cases)('%s', (_name, request, credentials, now) => {
    const withLength = { ...request, headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) } };
    const ours = signRequest(withLength, credentials, now).Authorization;
    expect(ours).toBe(byAws4(withLength, credentials, amzDate(now)).Authorization);
    expect(ours).toContain('SignedHeaders=content-length;content-type;host;x-amz-date;');
  });

  it('what it signs passes the test servers\' independent check, session token included', () => {
    const [, request, credentials, now] = cases[1]!;
    const signed = signRequest(request, credentials, now);
    const headers = Object.fromEntries(Object.entries(signed).map(([name, value]) => [name.toLowerCase(), value]));
    const check = checkSignature('POST', '/', headers, request.body, credentials.secretAccessKey);
    expect(check).toMatchObject({ valid: true, accessKeyId: 'ASIA2', region: 'eu-west-1', service: 'dynamodb' });
    expect(check.signedHeaders).toEqual(['content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-amz-target']);
    expect(signed['X-Amz-Security-Token']).toBe(credentials.sessionToken);
    // The same request with another body no longer checks out.
    expect(checkSignature('POST', '/', headers, `${request.body} `, credentials.secretAccessKey).valid).toBe(false);
  });
});

describe('its caches never serve a stale value', () => {
  const request = suiteRequest('POST', {}, '');

  // Each change comes straight after a signature with the suite's own inputs, so a key kept
  // from the call before could only be the suite's.
  it.each([
    ['the day', request, SUITE_CREDENTIALS, new Date('2015-08-31T12:36:00Z')],
    ['the secret', request, { ...SUITE_CREDENTIALS, secretAccessKey: 'another' }, SUITE_TIME],
    ['the region', { ...request, region: 'eu-west-1' }, SUITE_CREDENTIALS, SUITE_TIME],
    ['the service', { ...request, service: 'dynamodb' }, SUITE_CREDENTIALS, SUITE_TIME],
  ] as [string, SignRequest, SigningCredentials, Date][])('the derived key follows %s', (_what, changed, credentials, now) => {
    const suite = signRequest(request, SUITE_CREDENTIALS, SUITE_TIME).Authorization ?? '';
    expect(suite.endsWith('Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b')).toBe(true);
    const ours = signRequest(changed, credentials, now).Authorization;
    const theirs = aws4.sign({ ...changed, headers: { 'X-Amz-Date': amzDate(now) } }, credentials).headers as Record<string, string>;
    expect(ours).toBe(theirs.Authorization);
    expect(ours?.slice(-64)).not.toBe(suite.slice(-64));
  });

  it('white space inside or around a header value is signed as one space, wherever it is', () => {
    const sign = (value: string): string => signRequest(suiteRequest('GET', { 'My-Header1': value }, ''), SUITE_CREDENTIALS, SUITE_TIME).Authorization ?? '';
    const plain = sign('a b');
    for (const spaced of ['a  b', 'a\tb', ' a b', 'a b ', '\ta b\n', 'a \t b']) expect(sign(spaced)).toBe(plain);
    expect(sign('ab')).not.toBe(plain);
    expect(sign('a b c')).not.toBe(plain);
    expect(sign(' \t ')).toBe(sign(''));
  });

  it('X-Amz-Date is the request\'s own second, also within one second and across midnight', () => {
    expect(amzDate(new Date('2026-11-27T23:59:59.001Z'))).toBe('20261127T235959Z');
    expect(amzDate(new Date('2026-11-27T23:59:59.999Z'))).toBe('20261127T235959Z');
    expect(amzDate(new Date('2026-11-28T00:00:00.000Z'))).toBe('20261128T000000Z');
    expect(amzDate(new Date('2026-11-27T23:59:59.500Z'))).toBe('20261127T235959Z');
    expect(signRequest(request, SUITE_CREDENTIALS, new Date('2026-11-28T00:00:00.000Z'))['X-Amz-Date']).toBe('20261128T000000Z');
  });
});
