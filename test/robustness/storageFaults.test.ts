/**
 * Storage failing in every way on every kind of call, through the real skill, the real DynamoDB
 * store and client, on dynalite: a call that throws, one that never answers, every third call
 * failing, and records that cannot be read. Each test checks what the person heard, and what the
 * table holds afterwards: nothing lost that was written, nothing unreadable written over.
 */
import { type RequestEnvelope, type services } from 'ask-sdk-model';
import { currentDeadline } from '../../lambda/deadline';
import { OUTSIDE_CALLS_BUDGET_MS } from '../../lambda/skill';
import { startAlexaApiEmulator } from '../../emulator';
import { REMINDERS_SCOPE, TIMERS_SCOPE } from '../../lambda/alexaApi/permissions';
import { type Item } from '../../lambda/persistence/attributeValue';
import { personKey } from '../../lambda/persistence/personKey';
import { applyPersonChanges, classifyRecord, type PersonChanges, type PersonStore, type StoredPerson } from '../../lambda/persistence/personStore';
import { RECORD_KEY_ATTRIBUTE, RECORD_TTL_ATTRIBUTE } from '../../lambda/persistence/recordSchema';
import { itemParts, topicItems } from '../../lambda/protocol';
import { type Turn } from '../../tools/conversation';
import { words } from '../support/contentWords';
import { phrase } from '../support/phrases';
import { requestFrom } from '../persistence/storeSupport';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

const say = (key: string, values?: Record<string, string | number>): string => words('en-US', key, values);
const p = (key: string): string => phrase('en-US', key);
/** Alexa waits 8 s; the skill's budget for all outside calls is 5 s. */
const ANSWER_WITHIN_MS = 6000;
/** A short wait for storage, so that tests of hanging calls do not take minutes (the deadline test uses the real one). */
const STORAGE_TIMEOUT_MS = 400;

type Method = 'read' | 'update' | 'delete';
type Fault = 'throw' | 'hang';

/**
 * The real store with faults on chosen calls. A faulty call never reaches the table; every
 * update that did is kept, in order, so the table can be checked against them.
 */
class FaultyStore implements PersonStore {
  calls = 0;
  readonly landed: PersonChanges[] = [];
  private readonly inner = harness.store();
  constructor(private readonly faultFor: (method: Method, call: number) => Fault | undefined) {}

  private faulty<T>(method: Method, work: () => Promise<T>): Promise<T> {
    this.calls += 1;
    const fault = this.faultFor(method, this.calls);
    if (fault === 'throw') return Promise.reject(new Error(`${method} failed`));
    if (fault === 'hang') return new Promise<T>(() => undefined);
    return work();
  }
  read(request: RequestEnvelope): Promise<StoredPerson> {
    return this.faulty('read', () => this.inner.read(request));
  }
  update(request: RequestEnvelope, changes: PersonChanges): Promise<void> {
    return this.faulty('update', async () => {
      await this.inner.update(request, changes);
      this.landed.push(changes);
    });
  }
  delete(request: RequestEnvelope): Promise<void> {
    return this.faulty('delete', () => this.inner.delete(request));
  }
}

async function rawItem(userId: string): Promise<Item | undefined> {
  const key = personKey(requestFrom(userId));
  return (await harness.dynamo.client.send<{ Item?: Item }>('GetItem', { TableName: harness.tableName, Key: { [RECORD_KEY_ATTRIBUTE]: { S: key } }, ConsistentRead: true })).Item;
}

async function putRaw(userId: string, attributes: Item): Promise<Item> {
  const item = { [RECORD_KEY_ATTRIBUTE]: { S: personKey(requestFrom(userId)) }, ...attributes };
  await harness.dynamo.client.send('PutItem', { TableName: harness.tableName, Item: item });
  return item;
}

/** A person with a saved record: disclaimer heard, at step 2, a cold compress timed. */
async function personWithRecord(name: string): Promise<{ userId: string; before: Item | undefined }> {
  const userId = `amzn1.ask.account.FAULTS-${name}`;
  harness.alexa.grant(userId, TIMERS_SCOPE);
  harness.alexa.grant(userId, REMINDERS_SCOPE);
  const talk = harness.conversation('en-US', { userId });
  await talk.say(p('open'));
  await talk.say(p('treatment'));
  await talk.say(p('next'));
  await talk.say(p('stop'));
  return { userId, before: await rawItem(userId) };
}

async function timed(talk: ReturnType<SkillHarness['conversation']>, text: string): Promise<Turn> {
  const started = Date.now();
  const turn = await talk.say(text);
  expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
  expect(turn.speech).not.toBe('');
  return turn;
}

describe.each<[Method, Fault]>([
  ['read', 'throw'],
  ['read', 'hang'],
  ['update', 'throw'],
  ['update', 'hang'],
  ['delete', 'throw'],
  ['delete', 'hang'],
])('every %s call fails (%s)', (method, fault) => {
  test('the person is answered in time, and the saved record is left exactly as it was', async () => {
    const { userId, before } = await personWithRecord(`${method}-${fault}`);
    const store = new FaultyStore((calledMethod) => (calledMethod === method ? fault : undefined));
    const talk = harness.conversation('en-US', { userId, skill: harness.skill({ personStore: store, storageTimeoutMs: STORAGE_TIMEOUT_MS }) });
    const turns = [await timed(talk, p('open')), await timed(talk, p('treatment')), await timed(talk, p('next')), await timed(talk, p('forgetMe'))];
    const answer = await timed(talk, p('yes'));
    for (const turn of turns) expect(turn.speech).not.toContain(say('error.general'));
    if (method === 'delete') {
      // Nothing was deleted, and the person is told so.
      expect(answer.speech).toContain(say('forgetMe.failed'));
      expect(await rawItem(userId)).toEqual(before);
    } else if (method === 'read') {
      // Served as new, nothing written: the record is as it was until forget me deleted it.
      expect(store.landed).toEqual([]);
      expect(answer.speech).toContain(say('forgetMe.done'));
      expect(await rawItem(userId)).toBeUndefined();
    } else {
      expect(store.landed).toEqual([]);
      expect(answer.speech).toContain(say('forgetMe.done'));
      expect(await rawItem(userId)).toBeUndefined();
    }
  }, 40_000);

  if (method === 'update') {
    test('before forget me, the table still holds exactly what was saved before', async () => {
      const { userId, before } = await personWithRecord(`${method}-${fault}-kept`);
      const store = new FaultyStore((calledMethod) => (calledMethod === method ? fault : undefined));
      const talk = harness.conversation('en-US', { userId, skill: harness.skill({ personStore: store, storageTimeoutMs: STORAGE_TIMEOUT_MS }) });
      await timed(talk, p('open'));
      await timed(talk, p('treatment'));
      await timed(talk, p('next'));
      await timed(talk, p('coldTimer'));
      expect(await rawItem(userId)).toEqual(before);
    }, 40_000);
  }
});

describe('every third storage call fails', () => {
  test.each<Fault>(['throw', 'hang'])('(%s): what is in the table is exactly what the writes that landed made, and it reads', async (fault) => {
    const { userId, before } = await personWithRecord(`every-third-${fault}`);
    const store = new FaultyStore((_method, call) => (call % 3 === 0 ? fault : undefined));
    const kitchen = harness.conversation('en-US', { userId, deviceId: 'amzn1.ask.device.KITCHEN', skill: harness.skill({ personStore: store, storageTimeoutMs: STORAGE_TIMEOUT_MS }) });
    const bedroom = harness.conversation('en-US', { userId, deviceId: 'amzn1.ask.device.BEDROOM', skill: harness.skill({ personStore: store, storageTimeoutMs: STORAGE_TIMEOUT_MS }) });
    const script: [typeof kitchen, string][] = [
      [kitchen, 'open back spasm helper'],
      [bedroom, 'open back spasm helper'],
      [kitchen, 'how do I treat a back spasm'],
      [bedroom, 'remind me every two hours until ten pm'],
      [kitchen, 'next'],
      [kitchen, 'next'],
      [bedroom, 'start a cold compress timer'],
      [kitchen, 'go back'],
      [bedroom, 'how can I prevent this'],
      [bedroom, 'next'],
      [kitchen, 'stop'],
      [bedroom, 'stop'],
    ];
    for (const [talk, text] of script) {
      harness.clock.advance(1000);
      const turn = await timed(talk, text);
      expect(turn.speech).not.toContain(say('error.general'));
    }
    expect(store.calls).toBeGreaterThan(6);
    // The table against the record before, with each write that landed applied in order.
    const expected = store.landed.reduce<Record<string, unknown>>((record, changes) => applyPersonChanges(record, changes), fieldsOf(before));
    const now = await rawItem(userId);
    const actual = fieldsOf(now);
    const sortTokens = (record: Record<string, unknown>): Record<string, unknown> =>
      Array.isArray(record.reminderTokens) ? { ...record, reminderTokens: [...(record.reminderTokens as string[])].sort() } : record;
    expect(sortTokens(actual)).toEqual(sortTokens(expected));
    expect(classifyRecord(actual)).toMatchObject({ kind: 'found', invalidFields: [] });
  }, 90_000);
});

/** An item's person fields as plain values (what a store holds, without key and TTL). */
function fieldsOf(item: Item | undefined): Record<string, unknown> {
  if (!item) return {};
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name === RECORD_KEY_ATTRIBUTE || name === RECORD_TTL_ATTRIBUTE) continue;
    const typed = value as Record<string, unknown>;
    if ('BOOL' in typed) plain[name] = typed.BOOL;
    else if ('N' in typed) plain[name] = Number(typed.N);
    else if ('SS' in typed) plain[name] = typed.SS;
    else if ('M' in typed) {
      const map = typed.M as Record<string, Record<string, unknown>>;
      plain[name] = Object.fromEntries(Object.entries(map).map(([key, entry]) => [key, 'N' in entry ? Number(entry.N) : entry.S]));
    } else plain[name] = typed;
  }
  return plain;
}

describe('records that cannot be read are never written over', () => {
  test.each<[string, Item]>([
    ['an old-format attributes "map" that is a string', { attributes: { S: '{"disclaimerHeard":true' } }],
    ['an old-format attributes "map" that is null', { attributes: { NULL: true } }],
    ['every field of the wrong type', { disclaimerHeard: { S: 'yes' }, position: { N: '3' }, lastColdCompressEndsAt: { S: 'later' }, reminderTokens: { N: '1' } }],
  ])('%s: the person is served as new on both devices, nothing is written, a warning without personal data is logged', async (_what, garbage) => {
    const userId = `amzn1.ask.account.GARBAGE-${Object.keys(garbage).join('-')}-${Object.values(garbage).map((v) => Object.keys(v)[0]).join('')}`;
    harness.alexa.grant(userId, TIMERS_SCOPE);
    harness.alexa.grant(userId, REMINDERS_SCOPE);
    const item = await putRaw(userId, garbage);
    const linesBefore = harness.logger.lines.length;
    const kitchen = harness.conversation('en-US', { userId, deviceId: 'amzn1.ask.device.KITCHEN' });
    const bedroom = harness.conversation('en-US', { userId, deviceId: 'amzn1.ask.device.BEDROOM' });
    const opened = await timed(kitchen, p('open'));
    expect(opened.speech).toContain(say('disclaimer'));
    await timed(bedroom, p('treatment'));
    await timed(kitchen, p('treatment'));
    const next = await timed(kitchen, p('next'));
    // "next" from the first step's opening: its second part.
    const [first] = topicItems('treatment');
    expect(next.speech).toContain(say(`topics.treatment.items.${first?.id ?? ''}.${first ? (itemParts(first)[1] ?? '') : ''}`));
    // Within the session the person is not told the disclaimer twice.
    expect(next.speech).not.toContain(say('disclaimer'));
    await timed(bedroom, p('coldTimer'));
    await timed(kitchen, p('remindersUntil10pm'));
    expect(await rawItem(userId)).toEqual(item);
    const logged = harness.logger.lines.slice(linesBefore);
    const warnings = logged.filter((line) => line.level === 'warn');
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(warning.message).toMatch(/unreadable/);
    expect(JSON.stringify(logged)).not.toContain(userId);
    expect(JSON.stringify(logged)).not.toContain(personKey(requestFrom(userId)));
    expect(JSON.stringify(logged)).not.toMatch(/later|"yes"/);
  });

  test('a record with some fields unreadable: the rest is used, and only fields handlers change are written', async () => {
    const userId = 'amzn1.ask.account.GARBAGE-PARTIAL';
    await putRaw(userId, { disclaimerHeard: { BOOL: true }, position: { S: 'garbled' }, reminderTokens: { S: 'not a set' } });
    const talk = harness.conversation('en-US', { userId });
    const opened = await timed(talk, p('open'));
    expect(opened.speech).not.toContain(say('disclaimer'));
    await timed(talk, p('causes'));
    expect(await rawItem(userId)).toMatchObject({ disclaimerHeard: { BOOL: true }, reminderTokens: { S: 'not a set' }, position: { M: { topic: { S: 'causes' } } } });
  });
});

describe('one deadline for the whole request', () => {
  test("the Alexa API calls a handler makes see the request's deadline, and what is left of it", async () => {
    const seen: (number | undefined)[] = [];
    const apiClient: services.ApiClient = {
      invoke: async () => {
        seen.push(currentDeadline()?.remainingMs());
        return { statusCode: 500, headers: [], body: '{}' };
      },
    };
    const userId = 'amzn1.ask.account.SEES-THE-DEADLINE';
    const talk = harness.conversation('en-US', { userId, skill: harness.skill({ apiClient }) });
    await talk.oneShot(p('coldTimer'));
    expect(seen.length).toBeGreaterThan(0);
    for (const remaining of seen) {
      expect(remaining).toBeGreaterThan(0);
      expect(remaining).toBeLessThanOrEqual(OUTSIDE_CALLS_BUDGET_MS);
    }
    expect(currentDeadline()).toBeUndefined();
  });

  test('storage and the Alexa APIs both hanging: the answer still comes within about 6 s', async () => {
    const hangingApis = await startAlexaApiEmulator({ clock: harness.clock, timeoutMs: 30_000 });
    try {
      const userId = 'amzn1.ask.account.EVERYTHING-HANGS';
      hangingApis.grant(userId, TIMERS_SCOPE);
      hangingApis.failNext('any', 'timeout', 10);
      const store = new FaultyStore(() => 'hang');
      const talk = harness.conversation('en-US', {
        userId,
        apiEndpoint: hangingApis.url,
        apiAccessToken: () => hangingApis.tokenFor(userId),
        skill: harness.skill({ personStore: store, apiTimeoutMs: 3000 }),
      });
      const started = Date.now();
      const turn = await talk.oneShot(p('coldTimer'));
      const took = Date.now() - started;
      expect(took).toBeLessThan(ANSWER_WITHIN_MS);
      // Storage took its 2.5 s, the timers list what was left less the time kept for saving.
      expect(took).toBeGreaterThan(3500);
      expect(turn.speech).not.toBe('');
    } finally {
      await hangingApis.close();
    }
  }, 20_000);
});
