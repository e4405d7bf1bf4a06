import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type RequestEnvelope } from 'ask-sdk-model';
import { TestClock } from '../../emulator/testClock';
import { DynamoDbPersistenceAdapter } from '../../lambda/persistence/dynamoDbAdapter';
import { personKey } from '../../lambda/persistence/personKey';
import { RECORD_KEY_ATTRIBUTE, RECORD_TTL_ATTRIBUTE } from '../../lambda/persistence/recordSchema';
import { envelope, launchRequest } from '../../tools/envelopes';
import { startLocalDynamo, type LocalDynamo } from '../support/dynalite';

let dynamo: LocalDynamo;
const TABLE = 'adapter-test';
beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await dynamo.createTable(TABLE);
});
afterAll(() => dynamo.close());

function requestFrom(userId: string): RequestEnvelope {
  return envelope(
    {
      skillId: 'amzn1.ask.skill.test',
      userId,
      deviceId: 'device',
      locale: 'en-US',
      apiEndpoint: 'http://127.0.0.1:1',
      apiAccessToken: 'token',
    },
    launchRequest('en-US', 0),
    undefined,
  );
}

const clock = new TestClock(Date.UTC(2026, 0, 1));
const adapter = (): DynamoDbPersistenceAdapter =>
  new DynamoDbPersistenceAdapter({ tableName: TABLE, recordDays: 90, client: dynamo.sdkClient, clock });

test('a new person reads as empty, then reads back exactly what was saved', async () => {
  const request = requestFrom('amzn1.ask.account.A');
  expect(await adapter().getAttributes(request)).toEqual({});
  const state = { disclaimerHeard: true, position: { topic: 'treatment', index: 2, at: 5 }, reminderTokens: ['a', 'b'] };
  await adapter().saveAttributes(request, state);
  expect(await adapter().getAttributes(request)).toEqual(state);
});

test('records are keyed by a hash of the user id, never the id, and carry a TTL', async () => {
  const request = requestFrom('amzn1.ask.account.B');
  await adapter().saveAttributes(request, { disclaimerHeard: true });
  const key = personKey(request);
  expect(key).not.toContain('amzn1');
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  const item = await dynamo.sdkClient.send(new GetItemCommand({ TableName: TABLE, Key: { [RECORD_KEY_ATTRIBUTE]: { S: key } } }));
  expect(JSON.stringify(item.Item)).not.toContain('amzn1.ask.account.B');
  const ttl = Number(item.Item?.[RECORD_TTL_ATTRIBUTE]?.N);
  expect(ttl).toBe(Math.floor(clock.now() / 1000) + 90 * 24 * 60 * 60);
});

test('people do not see each other, and delete removes only the one record', async () => {
  const alice = requestFrom('amzn1.ask.account.ALICE');
  const bob = requestFrom('amzn1.ask.account.BOB');
  await adapter().saveAttributes(alice, { disclaimerHeard: true });
  await adapter().saveAttributes(bob, { lastColdCompressEndsAt: 42 });
  expect(await adapter().getAttributes(alice)).toEqual({ disclaimerHeard: true });
  await adapter().deleteAttributes(alice);
  expect(await adapter().getAttributes(alice)).toEqual({});
  expect(await adapter().getAttributes(bob)).toEqual({ lastColdCompressEndsAt: 42 });
});

test('an expired record reads as gone even before DynamoDB sweeps it', async () => {
  const request = requestFrom('amzn1.ask.account.OLD');
  const shortLived = new DynamoDbPersistenceAdapter({ tableName: TABLE, recordDays: 1, client: dynamo.sdkClient, clock });
  await shortLived.saveAttributes(request, { disclaimerHeard: true });
  clock.advance(2 * 24 * 60 * 60 * 1000);
  expect(await shortLived.getAttributes(request)).toEqual({});
});

test('a missing table is an error the skill can catch, not an empty record', async () => {
  const broken = new DynamoDbPersistenceAdapter({ tableName: 'no-such-table', recordDays: 1, client: dynamo.sdkClient, clock });
  await expect(broken.getAttributes(requestFrom('amzn1.ask.account.C'))).rejects.toThrow();
});
