import { type RequestEnvelope } from 'ask-sdk-model';
import { type PersonChanges, type PersonStore, type StoredPerson } from '../../lambda/persistence/personStore';
import { envelope, eventRequest } from '../../tools/envelopes';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

/** The real DynamoDB store, counting calls, with deletes made to fail on request. */
class CountingStore implements PersonStore {
  readonly calls: string[] = [];
  failDeletes = false;
  private readonly inner = harness.store();
  read(request: RequestEnvelope): Promise<StoredPerson> {
    this.calls.push('read');
    return this.inner.read(request);
  }
  update(request: RequestEnvelope, changes: PersonChanges): Promise<void> {
    this.calls.push('update');
    return this.inner.update(request, changes);
  }
  async delete(request: RequestEnvelope): Promise<void> {
    this.calls.push('delete');
    if (this.failDeletes) throw new Error('storage is down');
    return this.inner.delete(request);
  }
}

function eventFor(userId: string, type: string, fields: Record<string, unknown> = {}, locale?: string): RequestEnvelope {
  const caller = { skillId: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000', userId, deviceId: 'amzn1.ask.device.x', locale: locale ?? '', apiEndpoint: harness.alexa.url, apiAccessToken: 'token' };
  const request = eventRequest(type, harness.clock.now(), locale ? { locale, ...fields } : fields);
  return envelope(caller, request, undefined);
}

/** Someone who has used the skill: heard the disclaimer, got to step 2 of the treatment. */
async function someoneWithARecord(): Promise<string> {
  const talk = harness.conversation('en-US');
  await talk.say('open back spasm helper');
  await talk.say('how do I treat a back spasm');
  const last = await talk.say('next');
  expect(await harness.store().read(last.request)).toMatchObject({ kind: 'found', person: { disclaimerHeard: true } });
  return talk.caller().userId;
}

describe('AlexaSkillEvent.SkillDisabled', () => {
  test.each(['PERSISTED', 'NOT_PERSISTED'])('deletes the record (persistenceStatus %s) and answers with no speech', async (persistenceStatus) => {
    const userId = await someoneWithARecord();
    const store = new CountingStore();
    const event = eventFor(userId, 'AlexaSkillEvent.SkillDisabled', {
      eventCreationTime: '2026-11-25T15:00:00Z',
      eventPublishingTime: '2026-11-25T15:00:01Z',
      body: { userInformation: { persistenceStatus } },
    });
    const response = await harness.skill({ personStore: store }).invoke(event);
    expect(response).toEqual({ version: '1.0', response: {} });
    expect(store.calls).toEqual(['delete']);
    expect(await harness.store().read(event)).toEqual({ kind: 'missing' });
  });

  test('when the delete fails: still no speech, and the failure is logged without the user id', async () => {
    const userId = await someoneWithARecord();
    const store = new CountingStore();
    store.failDeletes = true;
    const linesBefore = harness.logger.lines.length;
    const response = await harness.skill({ personStore: store }).invoke(eventFor(userId, 'AlexaSkillEvent.SkillDisabled', { body: { userInformation: { persistenceStatus: 'PERSISTED' } } }));
    expect(response.response).toEqual({});
    const logged = harness.logger.lines.slice(linesBefore);
    expect(logged.map((line) => line.message)).toContain('deleting the record of a person who disabled the skill failed');
    expect(JSON.stringify(logged)).not.toContain(userId);
  });
});

describe('requests that must get no speech', () => {
  test.each<[string, Record<string, unknown>, string | undefined]>([
    ['AlexaSkillEvent.SkillEnabled', { body: {} }, undefined],
    ['AlexaSkillEvent.SkillPermissionAccepted', { body: { acceptedPermissions: [{ scope: 'alexa::alerts:reminders:skill:readwrite' }] } }, undefined],
    ['AudioPlayer.PlaybackStarted', { token: 't', offsetInMilliseconds: 0 }, 'en-US'],
    ['AudioPlayer.PlaybackFailed', { token: 't', error: { type: 'MEDIA_ERROR_UNKNOWN', message: 'x' } }, 'en-US'],
    ['PlaybackController.NextCommandIssued', {}, 'en-GB'],
    ['System.ExceptionEncountered', { error: { type: 'INVALID_RESPONSE', message: 'bad' }, cause: { requestId: 'r' } }, 'en-US'],
  ])('%s: an empty answer, and storage is not touched', async (type, fields, locale) => {
    const store = new CountingStore();
    const response = await harness.skill({ personStore: store }).invoke(eventFor('amzn1.ask.account.SILENT', type, fields, locale));
    expect(response.response).toEqual({});
    expect(store.calls).toEqual([]);
  });
});
