import { type RequestEnvelope } from 'ask-sdk-model';
import { type PersonChanges, type PersonStore, type StoredPerson } from '../../lambda/persistence/personStore';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

/** The real DynamoDB store, counting what it is asked to do. */
class CountingStore implements PersonStore {
  reads = 0;
  writes = 0;
  failWrites = false;
  private readonly inner = harness.store();
  async read(envelope: RequestEnvelope): Promise<StoredPerson> {
    this.reads += 1;
    return this.inner.read(envelope);
  }
  async update(envelope: RequestEnvelope, changes: PersonChanges): Promise<void> {
    this.writes += 1;
    if (this.failWrites) throw new Error('storage unavailable');
    return this.inner.update(envelope, changes);
  }
  delete(envelope: RequestEnvelope): Promise<void> {
    return this.inner.delete(envelope);
  }
}

function counting(): CountingStore {
  return new CountingStore();
}

test('storage is read once a session, and written only when something changed', async () => {
  const adapter = counting();
  const talk = harness.conversation('en-US', { skill: harness.skill({ personStore: adapter }) });
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
  const talk = harness.conversation('en-US', { skill: harness.skill({ personStore: adapter }) });
  await talk.say('open back spasm helper');
  adapter.failWrites = true;
  const turn = await talk.say('how do I treat a back spasm');
  expect(turn.speech.length).toBeGreaterThan(20);
  adapter.failWrites = false;
  const readsBefore = adapter.reads;
  await talk.say('next');
  expect(adapter.reads).toBe(readsBefore + 1);
});
