import { TestClock } from '../../emulator/testClock';
import { type Item } from '../../lambda/persistence/attributeValue';
import { TableNotFoundError } from '../../lambda/persistence/dynamoDbClient';
import { DynamoDbPersonStore } from '../../lambda/persistence/dynamoDbPersonStore';
import { personKey } from '../../lambda/persistence/personKey';
import { UnreadableRecordError } from '../../lambda/persistence/personStore';
import { RECORD_KEY_ATTRIBUTE, RECORD_TTL_ATTRIBUTE } from '../../lambda/persistence/recordSchema';
import { startLocalDynamo, type LocalDynamo } from '../support/dynalite';
import { NO_CHANGE, requestFrom } from './storeSupport';

const TABLE = 'store-test';
const DAY_S = 24 * 60 * 60;
let dynamo: LocalDynamo;
const clock = new TestClock(Date.UTC(2026, 0, 1));
let store: DynamoDbPersonStore;
let people = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await dynamo.createTable(TABLE);
  store = new DynamoDbPersonStore({ tableName: TABLE, recordDays: 90, client: dynamo.client, clock });
});
afterAll(() => dynamo.close());

/** A new person for each test, so tests do not share records. */
function someone(): ReturnType<typeof requestFrom> {
  people += 1;
  return requestFrom(`amzn1.ask.account.STORE-${people}`);
}

async function rawItem(request: ReturnType<typeof requestFrom>): Promise<Item | undefined> {
  const result = await dynamo.client.send<{ Item?: Item }>('GetItem', { TableName: TABLE, Key: { [RECORD_KEY_ATTRIBUTE]: { S: personKey(request) } }, ConsistentRead: true });
  return result.Item;
}

async function putRaw(request: ReturnType<typeof requestFrom>, attributes: Item): Promise<Item> {
  const item = { [RECORD_KEY_ATTRIBUTE]: { S: personKey(request) }, ...attributes };
  await dynamo.client.send('PutItem', { TableName: TABLE, Item: item });
  return item;
}

const ttlIn = (days: number): string => String(Math.floor(clock.now() / 1000) + days * DAY_S);

describe('fields as top-level attributes', () => {
  test('a new person is missing; what is written reads back', async () => {
    const request = someone();
    expect(await store.read(request)).toEqual({ kind: 'missing' });
    await store.update(request, {
      ...NO_CHANGE,
      set: { disclaimerHeard: true, position: { topic: 'treatment', index: 2, part: 0, at: 5 }, lastColdCompressEndsAt: 900 },
      addTokens: ['a', 'b'],
    });
    const stored = await store.read(request);
    expect(stored).toMatchObject({ kind: 'found', invalidFields: [] });
    expect(stored.kind === 'found' && { ...stored.person, reminderTokens: [...(stored.person.reminderTokens ?? [])].sort() }).toEqual({
      disclaimerHeard: true,
      position: { topic: 'treatment', index: 2, part: 0, at: 5 },
      lastColdCompressEndsAt: 900,
      reminderTokens: ['a', 'b'],
    });
  });

  test('each field is its own attribute, tokens a string set, keyed by a hash of the user id, with a TTL', async () => {
    const request = someone();
    await store.update(request, { ...NO_CHANGE, set: { disclaimerHeard: true, position: { topic: 'prevention', index: 0, part: 0, at: 1 } }, addTokens: ['t1'] });
    const item = await rawItem(request);
    expect(item).toEqual({
      [RECORD_KEY_ATTRIBUTE]: { S: expect.stringMatching(/^[0-9a-f]{64}$/) },
      disclaimerHeard: { BOOL: true },
      position: { M: { topic: { S: 'prevention' }, index: { N: '0' }, part: { N: '0' }, at: { N: '1' } } },
      reminderTokens: { SS: ['t1'] },
      [RECORD_TTL_ATTRIBUTE]: { N: ttlIn(90) },
    });
    expect(JSON.stringify(item)).not.toContain('amzn1.ask.account');
  });

  test('every write refreshes the TTL, even one that only removes a field', async () => {
    const request = someone();
    await store.update(request, { ...NO_CHANGE, set: { disclaimerHeard: true, lastColdCompressEndsAt: 1 } });
    clock.advance(10 * DAY_S * 1000);
    await store.update(request, { ...NO_CHANGE, remove: ['lastColdCompressEndsAt'] });
    expect((await rawItem(request))?.[RECORD_TTL_ATTRIBUTE]).toEqual({ N: ttlIn(90) });
    expect(await rawItem(request)).not.toHaveProperty('lastColdCompressEndsAt');
  });

  test('only taking things away from a person with no record creates none', async () => {
    const request = someone();
    await store.update(request, { ...NO_CHANGE, remove: ['position'], deleteTokens: ['x'] });
    expect(await rawItem(request)).toBeUndefined();
  });
});

describe('two writers on one person lose nothing', () => {
  test('writes of different fields keep each other', async () => {
    const request = someone();
    await Promise.all([
      store.update(request, { ...NO_CHANGE, set: { disclaimerHeard: true } }),
      store.update(request, { ...NO_CHANGE, set: { position: { topic: 'treatment', index: 1, part: 0, at: 2 } } }),
      store.update(request, { ...NO_CHANGE, set: { lastColdCompressEndsAt: 77 } }),
      store.update(request, { ...NO_CHANGE, addTokens: ['from-kitchen'] }),
      store.update(request, { ...NO_CHANGE, addTokens: ['from-bedroom'] }),
    ]);
    const stored = await store.read(request);
    expect(stored.kind === 'found' && stored.person).toMatchObject({
      disclaimerHeard: true,
      position: { topic: 'treatment', index: 1 },
      lastColdCompressEndsAt: 77,
      reminderTokens: expect.arrayContaining(['from-kitchen', 'from-bedroom']),
    });
  });

  test('deleting tokens removes just those; adding and deleting in one change both happen', async () => {
    const request = someone();
    await store.update(request, { ...NO_CHANGE, addTokens: ['old-1', 'old-2', 'other-device'] });
    await store.update(request, { ...NO_CHANGE, addTokens: ['new-1'], deleteTokens: ['old-1', 'old-2'] });
    expect([...((await rawItem(request))?.reminderTokens as { SS: string[] }).SS].sort()).toEqual(['new-1', 'other-device']);
    await store.update(request, { ...NO_CHANGE, deleteTokens: ['new-1', 'other-device'] });
    // DynamoDB removes a set that becomes empty.
    expect(await rawItem(request)).not.toHaveProperty('reminderTokens');
  });
});

describe('records of the first version (one attributes map)', () => {
  test('are read, then moved to top-level attributes, tokens becoming a set', async () => {
    const request = someone();
    await putRaw(request, {
      attributes: { M: { disclaimerHeard: { BOOL: true }, position: { M: { topic: { S: 'treatment' }, index: { N: '3' }, part: { N: '0' }, at: { N: '9' } } }, reminderTokens: { L: [{ S: 'r1' }, { S: 'r2' }] } } },
      [RECORD_TTL_ATTRIBUTE]: { N: ttlIn(30) },
    });
    const stored = await store.read(request);
    expect(stored).toEqual({ kind: 'found', invalidFields: [], person: { disclaimerHeard: true, position: { topic: 'treatment', index: 3, part: 0, at: 9 }, reminderTokens: expect.arrayContaining(['r1', 'r2']) } });
    const item = await rawItem(request);
    expect(item).not.toHaveProperty('attributes');
    expect(item).toMatchObject({ disclaimerHeard: { BOOL: true }, reminderTokens: { SS: expect.arrayContaining(['r1', 'r2']) } });
    // From then on, field-by-field writes work on it.
    await store.update(request, { ...NO_CHANGE, addTokens: ['r3'], deleteTokens: ['r1'] });
    expect([...((await rawItem(request))?.reminderTokens as { SS: string[] }).SS].sort()).toEqual(['r2', 'r3']);
  });

  test('a field the old record held but cannot be read is moved as it is, not dropped', async () => {
    const request = someone();
    await putRaw(request, { attributes: { M: { disclaimerHeard: { BOOL: true }, position: { S: 'garbled' } } } });
    expect(await store.read(request)).toEqual({ kind: 'found', invalidFields: ['position'], person: { disclaimerHeard: true } });
    expect((await rawItem(request))?.position).toEqual({ S: 'garbled' });
  });

  test('a field written at the top level since wins over the old copy', async () => {
    const request = someone();
    await putRaw(request, { attributes: { M: { lastColdCompressEndsAt: { N: '1' } } }, lastColdCompressEndsAt: { N: '2' } });
    const stored = await store.read(request);
    expect(stored.kind === 'found' && stored.person.lastColdCompressEndsAt).toBe(2);
  });
});

describe('what cannot be read is never written over', () => {
  test.each<[string, Item]>([
    ['an attributes "map" that is a string', { attributes: { S: 'not a map' } }],
    ['an attributes "map" that is null', { attributes: { NULL: true } }],
    ['every field of the wrong type', { disclaimerHeard: { S: 'yes' }, position: { N: '4' }, reminderTokens: { N: '1' } }],
  ])('%s: unreadable; an update is refused and the item stays as it was', async (_what, attributes) => {
    const request = someone();
    const before = await putRaw(request, attributes);
    expect(await store.read(request)).toMatchObject({ kind: 'unreadable' });
    if ('attributes' in attributes) {
      await expect(store.update(request, { ...NO_CHANGE, set: { disclaimerHeard: true } })).rejects.toBeInstanceOf(UnreadableRecordError);
    }
    expect(await rawItem(request)).toEqual(before);
  });

  test('a record with some fields readable: those are served, the others kept as stored by writes of other fields', async () => {
    const request = someone();
    await putRaw(request, { disclaimerHeard: { BOOL: true }, position: { S: 'garbled' }, lastColdCompressEndsAt: { S: 'soon' } });
    expect(await store.read(request)).toEqual({ kind: 'found', person: { disclaimerHeard: true }, invalidFields: ['position', 'lastColdCompressEndsAt'] });
    await store.update(request, { ...NO_CHANGE, addTokens: ['t'] });
    expect(await rawItem(request)).toMatchObject({ position: { S: 'garbled' }, lastColdCompressEndsAt: { S: 'soon' }, reminderTokens: { SS: ['t'] } });
    // A field a handler sets anew replaces what could not be read.
    await store.update(request, { ...NO_CHANGE, set: { position: { topic: 'treatment', index: 0, part: 0, at: 3 } } });
    expect((await rawItem(request))?.position).toEqual({ M: { topic: { S: 'treatment' }, index: { N: '0' }, part: { N: '0' }, at: { N: '3' } } });
  });

  test('tokens stored as something other than a set are reported, so a change writes the set whole', async () => {
    const request = someone();
    await putRaw(request, { disclaimerHeard: { BOOL: true }, reminderTokens: { L: [{ S: 'a' }] } });
    expect(await store.read(request)).toEqual({ kind: 'found', person: { disclaimerHeard: true, reminderTokens: ['a'] }, invalidFields: ['reminderTokens'] });
    await store.update(request, { ...NO_CHANGE, set: { reminderTokens: ['a', 'b'] } });
    expect((await rawItem(request))?.reminderTokens).toEqual({ SS: ['a', 'b'] });
  });
});

describe('expiry and errors', () => {
  test('an expired record reads as missing and is removed, so a new write starts clean', async () => {
    const request = someone();
    const shortLived = new DynamoDbPersonStore({ tableName: TABLE, recordDays: 1, client: dynamo.client, clock });
    await shortLived.update(request, { ...NO_CHANGE, set: { disclaimerHeard: true, lastColdCompressEndsAt: 5 } });
    clock.advance(2 * DAY_S * 1000);
    expect(await shortLived.read(request)).toEqual({ kind: 'missing' });
    await shortLived.update(request, { ...NO_CHANGE, set: { position: { topic: 'treatment', index: 0, part: 0, at: 1 } } });
    const stored = await shortLived.read(request);
    expect(stored.kind === 'found' && stored.person).toEqual({ position: { topic: 'treatment', index: 0, part: 0, at: 1 } });
  });

  test('people do not see each other, and delete removes only the one record', async () => {
    const alice = someone();
    const bob = someone();
    await store.update(alice, { ...NO_CHANGE, set: { disclaimerHeard: true } });
    await store.update(bob, { ...NO_CHANGE, set: { lastColdCompressEndsAt: 42 } });
    await store.delete(alice);
    expect(await store.read(alice)).toEqual({ kind: 'missing' });
    expect(await store.read(bob)).toEqual({ kind: 'found', person: { lastColdCompressEndsAt: 42 }, invalidFields: [] });
  });

  test('a missing table is a clear error, not an empty record', async () => {
    const broken = new DynamoDbPersonStore({ tableName: 'no-such-table', recordDays: 1, client: dynamo.client, clock });
    await expect(broken.read(someone())).rejects.toBeInstanceOf(TableNotFoundError);
    await expect(broken.update(someone(), { ...NO_CHANGE, set: { disclaimerHeard: true } })).rejects.toBeInstanceOf(TableNotFoundError);
  });
});
