import { type RequestEnvelope } from 'ask-sdk-model';
import { type PersonChanges, type PersonStore, type StoredPerson } from '../../lambda/persistence/personStore';
import { words } from '../support/contentWords';
import { phrase } from '../support/phrases';
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

const p = (key: string): string => phrase('en-US', key);

function counting(): CountingStore {
  return new CountingStore();
}

test('storage is read once a session, and written only when something changed', async () => {
  const adapter = counting();
  const talk = harness.conversation('en-US', { skill: harness.skill({ personStore: adapter }) });
  await talk.launch();
  expect([adapter.reads, adapter.writes]).toEqual([1, 1]);
  await talk.say(p('treatment'));
  await talk.say(p('next'));
  expect([adapter.reads, adapter.writes]).toEqual([1, 3]);
  await talk.say(p('repeat'));
  await talk.say(p('help'));
  expect([adapter.reads, adapter.writes]).toEqual([1, 3]);
  await talk.say(p('stop'));
  // A new session reads again, and finds what the last one wrote.
  const back = await talk.launch();
  expect(adapter.reads).toBe(2);
  // "next" from step 1 is its second part: they are still on step 1.
  expect(back.speech).toContain(words('en-US', 'topics.treatment.resume', { number: 1, title: words('en-US', 'topics.treatment.items.rest.title') }));
});

test('after a failed write the next turn reads storage again instead of trusting the session', async () => {
  const adapter = counting();
  const talk = harness.conversation('en-US', { skill: harness.skill({ personStore: adapter }) });
  await talk.launch();
  adapter.failWrites = true;
  const turn = await talk.say(p('treatment'));
  expect(turn.speech.length).toBeGreaterThan(20);
  adapter.failWrites = false;
  const readsBefore = adapter.reads;
  await talk.say(p('next'));
  expect(adapter.reads).toBe(readsBefore + 1);
});
