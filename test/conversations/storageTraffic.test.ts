import { type RequestEnvelope } from 'ask-sdk-model';
import { DynamoDbPersistenceAdapter } from '../../lambda/persistence/dynamoDbAdapter';
import { protocol } from '../../lambda/protocol';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

/** The real DynamoDB adapter, counting what it is asked to do. */
class CountingAdapter extends DynamoDbPersistenceAdapter {
  reads = 0;
  writes = 0;
  failWrites = false;
  override async getAttributes(envelope: RequestEnvelope): Promise<Record<string, unknown>> {
    this.reads += 1;
    return super.getAttributes(envelope);
  }
  override async saveAttributes(envelope: RequestEnvelope, attributes: Record<string, unknown>): Promise<void> {
    this.writes += 1;
    if (this.failWrites) throw new Error('storage unavailable');
    return super.saveAttributes(envelope, attributes);
  }
}

function counting(): CountingAdapter {
  return new CountingAdapter({ tableName: harness.tableName, recordDays: protocol.storage.recordDays, client: harness.dynamo.sdkClient, clock: harness.clock });
}

test('storage is read once a session, and written only when something changed', async () => {
  const adapter = counting();
  const talk = harness.conversation('en-US', { skill: harness.skill({ persistenceAdapter: adapter }) });
  await talk.say('open back spasm helper');
  expect([adapter.reads, adapter.writes]).toEqual([1, 1]);
  await talk.say('how do I treat a back spasm');
  await talk.say('next');
  expect([adapter.reads, adapter.writes]).toEqual([1, 3]);
  await talk.say('repeat');
  await talk.say('help');
  expect([adapter.reads, adapter.writes]).toEqual([1, 3]);
  await talk.say('stop');
  // A new session reads again, and finds what the last one wrote.
  const back = await talk.say('open back spasm helper');
  expect(adapter.reads).toBe(2);
  expect(back.speech).toContain('step 2');
});

test('after a failed write the next turn reads storage again instead of trusting the session', async () => {
  const adapter = counting();
  const talk = harness.conversation('en-US', { skill: harness.skill({ persistenceAdapter: adapter }) });
  await talk.say('open back spasm helper');
  adapter.failWrites = true;
  const turn = await talk.say('how do I treat a back spasm');
  expect(turn.speech.length).toBeGreaterThan(20);
  adapter.failWrites = false;
  const readsBefore = adapter.reads;
  await talk.say('next');
  expect(adapter.reads).toBe(readsBefore + 1);
});
