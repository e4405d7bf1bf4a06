import { Deadline, runWithDeadline } from '../../lambda/deadline';
import {
  ConditionalCheckFailedError,
  DynamoDbClient,
  DynamoDbError,
  TableNotFoundError,
  ThrottledError,
  dynamoDbClientFromEnvironment,
} from '../../lambda/persistence/dynamoDbClient';
import { TimeoutError } from '../../lambda/withTimeout';
import { startLocalDynamo, type LocalDynamo } from '../support/dynalite';
import { FakeDynamo, type FakeAnswer } from '../support/fakeDynamo';
import { checkSignature } from '../support/sigv4';

const LAMBDA_ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLELAMBDA',
  AWS_SECRET_ACCESS_KEY: 'lambda/secret+key',
  AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLE//session==',
};

const fakes: FakeDynamo[] = [];
const clients: DynamoDbClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const fake of fakes.splice(0)) await fake.close();
});

async function fake(answers: FakeAnswer[], otherwise?: FakeAnswer): Promise<FakeDynamo> {
  const server = await FakeDynamo.start(answers, otherwise);
  fakes.push(server);
  return server;
}

function clientFor(server: FakeDynamo, options: Partial<ConstructorParameters<typeof DynamoDbClient>[0]> = {}): DynamoDbClient {
  const client = new DynamoDbClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, ...options });
  clients.push(client);
  return client;
}

const GET = { TableName: 'people', Key: { id: { S: 'k' } } };

describe('credentials and endpoint from the Lambda environment', () => {
  test('signs with the access key, secret and session token Lambda provides', async () => {
    const server = await fake([{ ok: { Item: { id: { S: 'k' } } } }]);
    const client = dynamoDbClientFromEnvironment({ ...LAMBDA_ENV, AWS_ENDPOINT_URL_DYNAMODB: server.endpoint });
    clients.push(client);
    expect(await client.send('GetItem', GET)).toEqual({ Item: { id: { S: 'k' } } });
    const [seen] = server.requests;
    expect(seen?.headers['x-amz-security-token']).toBe(LAMBDA_ENV.AWS_SESSION_TOKEN);
    expect(seen?.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(seen?.headers['content-type']).toBe('application/x-amz-json-1.0');
    const check = checkSignature('POST', '/', seen?.headers ?? {}, seen?.body ?? '', LAMBDA_ENV.AWS_SECRET_ACCESS_KEY);
    expect(check).toMatchObject({ valid: true, accessKeyId: LAMBDA_ENV.AWS_ACCESS_KEY_ID, region: 'eu-west-1', service: 'dynamodb' });
    expect(check.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'x-amz-security-token', 'x-amz-target']));
    // The same request signed with another secret does not pass.
    expect(checkSignature('POST', '/', seen?.headers ?? {}, seen?.body ?? '', 'another secret').valid).toBe(false);
  });

  test('without a session token (long-term keys) no token header is sent', async () => {
    const server = await fake([{ ok: {} }]);
    const longTerm: Record<string, string> = { ...LAMBDA_ENV };
    delete longTerm.AWS_SESSION_TOKEN;
    const client = dynamoDbClientFromEnvironment({ ...longTerm, AWS_ENDPOINT_URL_DYNAMODB: server.endpoint });
    clients.push(client);
    await client.send('GetItem', GET);
    expect(server.requests[0]?.headers['x-amz-security-token']).toBeUndefined();
    expect(checkSignature('POST', '/', server.requests[0]?.headers ?? {}, server.requests[0]?.body ?? '', LAMBDA_ENV.AWS_SECRET_ACCESS_KEY).valid).toBe(true);
  });

  test('AWS_ENDPOINT_URL_DYNAMODB wins over AWS_ENDPOINT_URL; without either, the regional AWS endpoint', () => {
    const both = dynamoDbClientFromEnvironment({ ...LAMBDA_ENV, AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000', AWS_ENDPOINT_URL: 'http://127.0.0.1:9000' });
    const general = dynamoDbClientFromEnvironment({ ...LAMBDA_ENV, AWS_ENDPOINT_URL: 'http://127.0.0.1:9000' });
    const aws = dynamoDbClientFromEnvironment({ ...LAMBDA_ENV, AWS_REGION: '', AWS_DEFAULT_REGION: 'us-west-2' });
    clients.push(both, general, aws);
    expect([both.endpoint, general.endpoint, aws.endpoint]).toEqual(['http://127.0.0.1:8000', 'http://127.0.0.1:9000', 'https://dynamodb.us-west-2.amazonaws.com']);
  });

  test('a missing region or missing credentials fail the first call (not the module load) with a clear message', async () => {
    const noRegion = dynamoDbClientFromEnvironment({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' });
    clients.push(noRegion);
    await expect(noRegion.send('GetItem', GET)).rejects.toThrow(/AWS_REGION/);
    const client = dynamoDbClientFromEnvironment({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9' });
    clients.push(client);
    await expect(client.send('GetItem', GET)).rejects.toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    // Either one alone is not enough.
    for (const half of [{ AWS_ACCESS_KEY_ID: 'a' }, { AWS_SECRET_ACCESS_KEY: 'b' }]) {
      const halfSet = dynamoDbClientFromEnvironment({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9', ...half });
      clients.push(halfSet);
      await expect(halfSet.send('GetItem', GET)).rejects.toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    }
  });
});

describe('retries', () => {
  test.each([
    ['ProvisionedThroughputExceededException', 400],
    ['ThrottlingException', 400],
    ['RequestLimitExceeded', 400],
    ['InternalServerError', 500],
    ['ServiceUnavailable', 503],
  ])('%s (%i) is retried, and the call succeeds when DynamoDB recovers', async (error, status) => {
    const server = await fake([{ status, error }, { status, error }, { ok: { Item: { id: { S: 'k' } } } }]);
    const client = clientFor(server, { maxAttempts: 3 });
    expect(await client.send('GetItem', GET)).toEqual({ Item: { id: { S: 'k' } } });
    expect(server.requests).toHaveLength(3);
    // Each attempt is signed afresh with the same body.
    expect(new Set(server.requests.map((request) => request.body)).size).toBe(1);
  });

  test('throttling that does not stop ends in a ThrottledError after the allowed attempts', async () => {
    const server = await fake([], { status: 400, error: 'ProvisionedThroughputExceededException' });
    const client = clientFor(server, { maxAttempts: 4 });
    const error = await client.send('UpdateItem', GET).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ name: 'ThrottledError', code: 'ProvisionedThroughputExceededException', attempts: 4, retryable: true });
    expect((error as Error).message).toBe('DynamoDB throttled the request (ProvisionedThroughputExceededException) 4 time(s)');
    expect(server.requests).toHaveLength(4);
  });

  test('a 5xx without a JSON body, or with the code only in x-amzn-errortype, is still understood', async () => {
    const server = await fake([{ status: 502, body: '<html>bad gateway</html>' }, { status: 400, errorTypeHeader: 'ThrottlingException:http://internal', body: '' }, { ok: {} }]);
    expect(await clientFor(server).send('GetItem', GET)).toEqual({});
    expect(server.requests).toHaveLength(3);
  });

  test('429 is throttling too', async () => {
    const server = await fake([], { status: 429, body: '' });
    await expect(clientFor(server, { maxAttempts: 2 }).send('GetItem', GET)).rejects.toBeInstanceOf(ThrottledError);
    expect(server.requests).toHaveLength(2);
  });

  test('a dropped connection is retried', async () => {
    const server = await fake(['reset', { ok: { Item: {} } }]);
    expect(await clientFor(server).send('GetItem', GET)).toEqual({ Item: {} });
    expect(server.requests).toHaveLength(2);
  });

  test('backoff waits grow but stay bounded, and never outlast the request deadline', async () => {
    const server = await fake([], { status: 500, error: 'InternalServerError' });
    const client = clientFor(server, { maxAttempts: 50, baseDelayMs: 40, maxDelayMs: 80, callTimeoutMs: 10_000 });
    const started = performance.now();
    const error = await runWithDeadline(new Deadline(400), () => client.send('GetItem', GET)).catch((caught: unknown) => caught);
    const took = performance.now() - started;
    expect(error).toBeInstanceOf(DynamoDbError);
    expect(took).toBeLessThan(400 + 100);
    const gaps = server.requests.slice(1).map((request, i) => request.at - (server.requests[i]?.at ?? 0));
    expect(Math.max(...gaps)).toBeLessThan(80 + 60);
    expect(server.requests.length).toBeGreaterThan(3);
  });

  test('each retry waits twice as long as the one before, from the base delay, up to the cap (waits at the top of their random range)', async () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.999);
    try {
      const server = await fake([], { status: 500, error: 'InternalServerError' });
      const client = clientFor(server, { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250, callTimeoutMs: 10_000 });
      await expect(client.send('GetItem', GET)).rejects.toMatchObject({ code: 'InternalServerError', attempts: 4 });
      expect(server.requests).toHaveLength(4);
      const gaps = server.requests.slice(1).map((request, i) => request.at - (server.requests[i]?.at ?? 0));
      // About 100, 200 and 250 ms: a timer never fires early, so the lower bounds are exact.
      [100, 200, 250].forEach((wait, i) => expect(gaps[i]).toBeGreaterThanOrEqual(wait * 0.999 - 1));
      // The first wait is the base (not 200, a doubling too many), and the cap holds (not 400).
      expect(gaps[0]).toBeLessThan(190);
      expect(gaps[2]).toBeLessThan(340);
    } finally {
      random.mockRestore();
    }
  });

  test('a refused connection is retried, then named by its code', async () => {
    const client = new DynamoDbClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, maxAttempts: 3, baseDelayMs: 1 });
    clients.push(client);
    const error = await client.send('GetItem', GET).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'DynamoDbError', code: 'ECONNREFUSED', retryable: true, attempts: 3 });
    expect((error as Error).message).toBe('DynamoDB connection failed: ECONNREFUSED');
  });

  test('a request that never answers is abandoned at the call cap, its socket closed', async () => {
    const server = await fake(['hang']);
    const client = clientFor(server, { callTimeoutMs: 200 });
    const started = performance.now();
    await expect(client.send('GetItem', GET)).rejects.toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(400);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.closedSockets).toBe(1);
  });

  test('with the deadline already spent, nothing is sent', async () => {
    const server = await fake([{ ok: {} }]);
    const deadline = new Deadline(0);
    await expect(runWithDeadline(deadline, () => clientFor(server).send('GetItem', GET))).rejects.toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(0);
  });

  test('connections are kept alive between calls', async () => {
    const server = await fake([{ ok: {} }, { ok: {} }, { ok: {} }]);
    const client = clientFor(server);
    for (let i = 0; i < 3; i++) await client.send('GetItem', GET);
    expect(server.closedSockets).toBe(0);
    expect(server.requests.every((request) => request.headers.connection === 'keep-alive')).toBe(true);
  });

  test('an answer that is not HTTP is an error naming that, not retried (the same server would say the same)', async () => {
    const server = await fake(['garbage', { ok: {} }]);
    const error = await clientFor(server).send('GetItem', GET).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'DynamoDbError', code: 'BadResponse', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  test("an answer whose bytes do not match DynamoDB's x-amz-crc32 is asked for again, and never returned", async () => {
    const item = { Item: { id: { S: 'Grüße' } } };
    const once = await fake([{ ok: { Item: { id: { S: 'damaged' } } }, crc32: 'wrong' }, { ok: item, crc32: 'right' }]);
    expect(await clientFor(once).send('GetItem', GET)).toEqual(item);
    expect(once.requests).toHaveLength(2);
    const always = await fake([], { ok: item, crc32: 'wrong' });
    const error = await clientFor(always, { maxAttempts: 3 }).send('GetItem', GET).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'DynamoDbError', code: 'CRC32CheckFailed' });
    expect(always.requests).toHaveLength(3);
  });

  test('a 200 whose body is not JSON is an error naming that, not a crash and not retried', async () => {
    const server = await fake([{ status: 200, body: '<html>captive portal</html>' }]);
    const error = await clientFor(server).send('GetItem', GET).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'DynamoDbError', code: 'BadResponse', statusCode: 200, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  test('a client error (validation) is not retried', async () => {
    const server = await fake([], { status: 400, error: 'ValidationException', message: 'One or more parameter values were invalid' });
    const error = await clientFor(server).send('GetItem', GET).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'DynamoDbError', code: 'ValidationException', statusCode: 400, retryable: false });
    expect((error as Error).message).toBe('DynamoDB answered 400 ValidationException: One or more parameter values were invalid');
    expect(server.requests).toHaveLength(1);
  });

  test("DynamoDB's message is read whether it is spelt message or Message, and its length is bounded", async () => {
    const long = 'x'.repeat(500);
    const server = await fake([
      { status: 400, body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ValidationException', Message: 'Capitalised' }) },
      { status: 400, body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ValidationException', message: long }) },
      { status: 400, body: JSON.stringify({ __type: 'ValidationException' }) },
    ]);
    const client = clientFor(server);
    const messages: string[] = [];
    for (let i = 0; i < 3; i++) messages.push(((await client.send('GetItem', GET).catch((caught: unknown) => caught)) as Error).message);
    expect(messages).toEqual([
      'DynamoDB answered 400 ValidationException: Capitalised',
      `DynamoDB answered 400 ValidationException: ${'x'.repeat(200)}`,
      'DynamoDB answered 400 ValidationException',
    ]);
  });
});

describe('against dynalite', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    await dynamo.createTable('client-test');
  });
  afterAll(() => dynamo.close());

  test('writes, reads back and deletes an item', async () => {
    const { client } = dynamo;
    await client.send('UpdateItem', {
      TableName: 'client-test',
      Key: { id: { S: 'a' } },
      UpdateExpression: 'SET #n = :n ADD #tokens :t',
      ExpressionAttributeNames: { '#n': 'count', '#tokens': 'tokens' },
      ExpressionAttributeValues: { ':n': { N: '3' }, ':t': { SS: ['x', 'y'] } },
    });
    const got = await client.send<{ Item?: Record<string, unknown> }>('GetItem', { TableName: 'client-test', Key: { id: { S: 'a' } }, ConsistentRead: true });
    expect(got.Item).toEqual({ id: { S: 'a' }, count: { N: '3' }, tokens: { SS: expect.arrayContaining(['x', 'y']) } });
    await client.send('DeleteItem', { TableName: 'client-test', Key: { id: { S: 'a' } } });
    expect(await client.send('GetItem', { TableName: 'client-test', Key: { id: { S: 'a' } }, ConsistentRead: true })).toEqual({});
  });

  test('a failed condition is a ConditionalCheckFailedError, tried once', async () => {
    const { client } = dynamo;
    await client.send('PutItem', { TableName: 'client-test', Item: { id: { S: 'b' } } });
    const error = await client
      .send('PutItem', { TableName: 'client-test', Item: { id: { S: 'b' } }, ConditionExpression: 'attribute_not_exists(id)' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConditionalCheckFailedError);
    expect(error).toMatchObject({ name: 'ConditionalCheckFailedError', message: 'the condition of a DynamoDB write was not met', code: 'ConditionalCheckFailedException', statusCode: 400, retryable: false, attempts: 1 });
  });

  test('a missing table is a TableNotFoundError naming the table', async () => {
    const error = await dynamo.client.send('GetItem', { TableName: 'no-such-table', Key: { id: { S: 'a' } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TableNotFoundError);
    expect(error).toMatchObject({ name: 'TableNotFoundError', code: 'ResourceNotFoundException', retryable: false });
    expect((error as Error).message).toBe('DynamoDB table not found: no-such-table');
  });

  test('a type mismatch in an update is a DynamoDbError that names the problem, not the data', async () => {
    const { client } = dynamo;
    await client.send('PutItem', { TableName: 'client-test', Item: { id: { S: 'c' }, tokens: { S: 'secret-looking value' } } });
    const error = await client
      .send('UpdateItem', {
        TableName: 'client-test',
        Key: { id: { S: 'c' } },
        UpdateExpression: 'ADD #t :t',
        ExpressionAttributeNames: { '#t': 'tokens' },
        ExpressionAttributeValues: { ':t': { SS: ['x'] } },
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'DynamoDbError', code: 'ValidationException', retryable: false });
    expect((error as Error).message).not.toContain('secret-looking value');
  });

});
