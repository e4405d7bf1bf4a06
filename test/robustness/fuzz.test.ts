import { type Skill } from 'ask-sdk-core';
import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import fc from 'fast-check';
import { check } from 'ssml-check-core';
import { startAlexaApiEmulator, type AlexaApiEmulator } from '../../emulator';
import { SUPPORTED_LOCALES } from '../../lambda/locales';
import { isSilentRequest } from '../../lambda/handlers/skillEvents';
import { type PersonChanges, type PersonStore, type StoredPerson } from '../../lambda/persistence/personStore';
import { protocol, topicItems } from '../../lambda/protocol';
import { speechText, type Turn } from '../../tools/conversation';
import { envelope, intentRequest } from '../../tools/envelopes';
import { loadInteractionModel } from '../../tools/nlu/interactionModel';
import { entry, REGISTRY, words } from '../support/contentWords';
import { SkillHarness } from '../support/harness';

/**
 * Whatever arrives, the person hears something sensible: random and malformed request
 * envelopes never make the skill throw, and a broken or hanging store never silences it
 * nor loses what was saved.
 */

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED);
/** Alexa waits about 8 seconds for a skill's answer. */
const ALEXA_DEADLINE_MS = 8000;

let harness: SkillHarness;
let emulator: AlexaApiEmulator;
beforeAll(async () => {
  harness = await SkillHarness.start();
  emulator = await startAlexaApiEmulator({ clock: harness.clock });
});
afterAll(async () => {
  await emulator.close();
  await harness.close();
});

async function ssmlProblems(ssml: string): Promise<string[]> {
  return ((await check(ssml, { platform: 'amazon' })) ?? []).map((error) => JSON.stringify(error));
}

/** A sentence of content as the person hears it. */
const heard = (locale: string, key: string, values: Record<string, string | number> = {}): string => words(locale, key, values);

// ---------------------------------------------------------------- random envelopes

const LANGUAGE_MODELS = SUPPORTED_LOCALES.map((locale) => loadInteractionModel(locale).interactionModel.languageModel);
const INTENT_NAMES = [...new Set(LANGUAGE_MODELS.flatMap((model) => model.intents.map((intent) => intent.name)))];
const SLOT_NAMES = [...new Set(LANGUAGE_MODELS.flatMap((model) => model.intents.flatMap((intent) => (intent.slots ?? []).map((slot) => slot.name))))];
const SLOT_IDS = [...new Set(LANGUAGE_MODELS.flatMap((model) => (model.types ?? []).flatMap((type) => type.values.map((value) => value.id ?? ''))))];
const USERS = ['amzn1.ask.account.FUZZ-GRANTED', 'amzn1.ask.account.FUZZ-PLAIN', 'amzn1.ask.account.FUZZ-OTHER'];

const garbage = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', ' ', '<speak>', '</speak>', '{{emergency}}', '[[tel:911]]', '[[tel:000|triple zero]]', '&amp;', "'\"<>&", '__proto__', 'constructor', 'toString'),
);
const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));

const locale = fc.oneof(
  fc.constantFrom(...SUPPORTED_LOCALES),
  fc.constantFrom('fr-FR', 'de-DE', 'es-US', 'ja-JP', 'pt-BR', 'hi-IN', 'ar-SA', 'en-NZ', 'EN-us', 'en_US', 'en'),
  garbage,
  fc.constant(undefined),
);

const resolution = fc.oneof(
  fc.record({ authority: fc.string(), status: fc.record({ code: fc.constant('ER_SUCCESS_NO_MATCH') }) }),
  fc.record({
    authority: fc.string(),
    status: fc.record({ code: fc.constantFrom('ER_SUCCESS_MATCH', 'ER_ERROR_TIMEOUT', 'ER_ERROR_EXCEPTION') }),
    values: fc.array(fc.record({ value: fc.record({ name: garbage, id: fc.oneof(fc.constantFrom(...SLOT_IDS), garbage, wrongType) }) }), { maxLength: 2 }),
  }),
  wrongType,
);

const slot = (name: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant({ name, confirmationStatus: 'NONE' }),
    fc.record({ name: fc.constant(name), value: fc.oneof(fc.constant(''), garbage, wrongType) }),
    fc.record({
      name: fc.constant(name),
      value: garbage,
      resolutions: fc.oneof(fc.record({ resolutionsPerAuthority: fc.oneof(fc.array(resolution, { maxLength: 2 }), wrongType) }), wrongType),
    }),
    wrongType,
  );

const slots = fc.oneof(
  fc.constant(undefined),
  wrongType,
  fc
    .uniqueArray(fc.oneof(fc.constantFrom(...SLOT_NAMES), fc.string()), { maxLength: 3 })
    .chain((names) => fc.tuple(...names.map((name) => slot(name))).map((values) => Object.fromEntries(names.map((name, index) => [name, values[index]])))),
);

const intent = fc.oneof(
  fc.record({
    name: fc.oneof(fc.constantFrom(...INTENT_NAMES), fc.constantFrom('NoSuchIntent', 'AMAZON.PauseIntent'), garbage),
    confirmationStatus: fc.constantFrom('NONE', 'CONFIRMED', 'DENIED'),
    slots,
  }),
  wrongType,
  fc.constant(undefined),
);

/** A token as the skill writes it into AskFor, with real and nonsense purposes. */
const permissionToken = fc.oneof(
  fc
    .record({
      action: fc.oneof(fc.constantFrom('timer', 'reminders', 'coldReminder'), garbage),
      compress: fc.oneof(fc.constantFrom('cold', 'warm', 'massage'), garbage),
      bedtime: fc.oneof(fc.constantFrom('22:00', '23:30', 'NI', '07:00'), garbage),
      at: fc.oneof(fc.integer(), fc.constant(Date.UTC(2026, 10, 25, 17, 0, 0))),
    })
    .map((purpose) => JSON.stringify(purpose)),
  garbage,
  wrongType,
);

const requestBody = fc.oneof(
  fc.record({ type: fc.constantFrom('LaunchRequest') }),
  fc.record({ type: fc.constant('IntentRequest'), intent, dialogState: fc.option(fc.constantFrom('STARTED', 'IN_PROGRESS', 'COMPLETED'), { nil: undefined }) }),
  fc.record({ type: fc.constant('SessionEndedRequest'), reason: fc.oneof(fc.constantFrom('USER_INITIATED', 'ERROR', 'EXCEEDED_MAX_REPROMPTS'), garbage) }),
  fc.record({ type: fc.constant('CanFulfillIntentRequest'), intent }),
  fc.record({
    type: fc.constant('Connections.Response'),
    name: fc.oneof(fc.constantFrom('AskFor', 'Buy'), garbage),
    status: fc.record({ code: fc.oneof(fc.constantFrom('200', '204', '400', '500'), garbage) }),
    token: permissionToken,
    payload: fc.oneof(
      fc.record({ status: fc.oneof(fc.constantFrom('ACCEPTED', 'DENIED', 'NOT_ANSWERED'), garbage), permissionScope: garbage }),
      wrongType,
    ),
  }),
  fc.record({ type: fc.constant('Alexa.Presentation.APL.UserEvent'), token: garbage, arguments: fc.array(garbage, { maxLength: 3 }) }),
  fc.record({ type: fc.oneof(garbage, fc.constantFrom('System.ExceptionEncountered', 'AlexaSkillEvent.SkillDisabled')) }),
);

const request = fc
  .tuple(requestBody, locale, fc.oneof(fc.constant('2026-11-25T15:00:00Z'), garbage))
  .map(([body, requestLocale, timestamp]) => ({ ...body, requestId: 'amzn1.echo-api.request.fuzz', timestamp, locale: requestLocale }));

const userId = fc.oneof(fc.constantFrom(...USERS), garbage, fc.constant(undefined));

/** Session attributes are what the skill itself returned last turn, so they have its shapes. */
const sessionAttributes = fc.oneof(
  fc.constant({}),
  fc.constant(undefined),
  fc.record({
    pending: fc.oneof(
      fc.constantFrom({ kind: 'resume' }, { kind: 'forgetMe' }),
      fc.record({ kind: fc.constant('timerInstead'), compress: fc.constantFrom('cold', 'warm', 'massage') }),
      fc.record({ kind: fc.constant('coldReminder'), at: fc.integer({ min: 0 }) }),
    ),
  }),
  fc.record({
    lastSay: fc.record({
      parts: fc.array(fc.constantFrom('Welcome back.', 'Say next for the cold compress.', `It's "fine" & <calm>.`), { minLength: 1, maxLength: 2 }),
      cardTitle: fc.constant('Back Spasm Helper'),
      reprompt: fc.constant(['Say next, go back, or repeat.']),
    }),
  }),
);

const randomEnvelope = fc
  .record({
    request,
    user: userId,
    token: fc.constantFrom('valid', 'garbage', 'missing'),
    session: fc.oneof(fc.constant(undefined), fc.record({ isNew: fc.boolean(), attributes: sessionAttributes })),
    context: fc.constantFrom('full', 'no System', 'no user', 'no apiEndpoint', 'none'),
  })
  .map(({ request: body, user, token, session, context }) => {
    const application = { applicationId: 'amzn1.ask.skill.fuzz' };
    const userObject = user === undefined ? {} : { userId: user };
    const accessToken = token === 'valid' && typeof user === 'string' ? emulator.tokenFor(user) : token === 'garbage' ? 'not-a-token' : undefined;
    const system = {
      application,
      ...(context === 'no user' ? {} : { user: userObject }),
      device: { deviceId: 'amzn1.ask.device.fuzz', supportedInterfaces: {} },
      ...(context === 'no apiEndpoint' ? {} : { apiEndpoint: emulator.url }),
      ...(accessToken === undefined ? {} : { apiAccessToken: accessToken }),
    };
    const raw = {
      version: '1.0',
      ...(session ? { session: { new: session.isNew, sessionId: 'amzn1.echo-api.session.fuzz', application, attributes: session.attributes, user: userObject } } : {}),
      ...(context === 'none' ? {} : { context: context === 'no System' ? {} : { System: system } }),
      request: body,
    };
    // Alexa sends JSON: what cannot survive JSON (undefined) is simply absent.
    return JSON.parse(JSON.stringify(raw)) as RequestEnvelope;
  });

/** What every response must be, whatever the request. */
async function responseProblems(sent: RequestEnvelope, received: ResponseEnvelope): Promise<string[]> {
  const body = received?.response;
  if (typeof body !== 'object' || body === null) return ['no response body'];
  const problems: string[] = [];
  const speech = body.outputSpeech as { type?: string; ssml?: string } | undefined;
  const requestType = (sent.request as { type?: unknown } | undefined)?.type;
  if (speech) {
    if (speech.type !== 'SSML' || typeof speech.ssml !== 'string') problems.push(`outputSpeech is not SSML: ${JSON.stringify(speech)}`);
    else {
      problems.push(...(await ssmlProblems(speech.ssml)));
      if (/\{\{|\}\}|\[\[|\]\]|undefined|\[object|function /.test(speechText(speech.ssml))) problems.push(`unrendered words: ${speech.ssml}`);
    }
  }
  if (body.shouldEndSession === false && !body.reprompt?.outputSpeech) problems.push('session left open without a reprompt');
  if (requestType === 'SessionEndedRequest') {
    // Without context.System the skill cannot read the envelope at all (a SessionEndedRequest then gets no speech, below).
    if (speech && sent.context?.System) problems.push('speech in answer to SessionEndedRequest (Alexa rejects it)');
  } else if (isSilentRequest(sent)) {
    // Skill events, audio player reports and System.ExceptionEncountered accept no speech at all.
    if (speech || body.reprompt || body.card) problems.push(`speech in answer to ${String(requestType)} (Alexa accepts none)`);
  } else if (speechText(speech?.ssml).trim() === '') {
    problems.push(`no speech for ${String(requestType)}`);
  }
  return problems;
}

test(`random envelopes (${NUM_RUNS} runs) never throw and always get a well-formed spoken answer`, async () => {
  console.log(`fuzz seed ${SEED}: rerun with FUZZ_SEED=${SEED}`);
  emulator.grant(USERS[0] as string, 'alexa::alerts:timers:skill:readwrite');
  emulator.grant(USERS[0] as string, 'alexa::alerts:reminders:skill:readwrite');
  const skill = harness.skill();
  await fc.assert(
    fc.asyncProperty(randomEnvelope, async (sent) => {
      const received = await skill.invoke(sent);
      expect(await responseProblems(sent, received)).toEqual([]);
    }),
    { numRuns: NUM_RUNS, seed: SEED },
  );
}, 120_000);

// Alexa accepts no speech in answer to a SessionEndedRequest, even one the skill cannot read.
test('a SessionEndedRequest without context gets no speech', async () => {
  const sent = { version: '1.0', request: { type: 'SessionEndedRequest', reason: 'ERROR', requestId: 'r', timestamp: '2026-11-25T15:00:00Z', locale: 'en-US' } };
  const received = await harness.skill().invoke(sent as unknown as RequestEnvelope);
  expect(received.response.outputSpeech).toBeUndefined();
});

describe('the emergency number follows the device, whatever its locale', () => {
  /** A red flag mentioned on a device in this locale, outside any session. */
  async function urgentRedFlag(requestLocale: string): Promise<string> {
    const symptom = protocol.redFlags.urgent[0] ?? '';
    const sent = envelope(
      { skillId: 'amzn1.ask.skill.test', userId: `amzn1.ask.account.${requestLocale}`, deviceId: 'd', locale: requestLocale, apiEndpoint: emulator.url, apiAccessToken: 't' },
      intentRequest(requestLocale, harness.clock.now(), {
        name: 'RedFlagIntent',
        confirmationStatus: 'NONE',
        slots: { symptom: { name: 'symptom', value: symptom, confirmationStatus: 'NONE', resolutions: { resolutionsPerAuthority: [{ authority: 'a', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: symptom, id: symptom } }] }] } } },
      }),
      undefined,
    );
    const received = await harness.skill().invoke(sent);
    return speechText((received.response.outputSpeech as { ssml?: string } | undefined)?.ssml);
  }

  test.each(Object.keys(REGISTRY.locales).map((code) => [code, entry(code).emergency.display] as const))('%s hears %s', async (requestLocale, number) => {
    const said = await urgentRedFlag(requestLocale);
    expect(said).toContain(number);
  });

  test.each(['xx-XX', 'toString', 'constructor', '__proto__'])('an unknown locale (%s) hears "your local emergency number"', async (requestLocale) => {
    const said = await urgentRedFlag(requestLocale);
    expect(said).toContain(heard('en-US', 'numbers.unknownEmergency'));
    expect(said).not.toMatch(/function|native code|\[object/);
  });
});

// ---------------------------------------------------------------- a store that fails

/** A store that is down: every call rejects. */
class BrokenStore implements PersonStore {
  read(): Promise<StoredPerson> {
    return Promise.reject(new Error('storage is down'));
  }
  update(): Promise<void> {
    return Promise.reject(new Error('storage is down'));
  }
  delete(): Promise<void> {
    return Promise.reject(new Error('storage is down'));
  }
}

/** A store that never answers. */
class HangingStore implements PersonStore {
  read(): Promise<StoredPerson> {
    return new Promise(() => undefined);
  }
  update(): Promise<void> {
    return new Promise(() => undefined);
  }
  delete(): Promise<void> {
    return new Promise(() => undefined);
  }
}

describe.each([
  ['rejects every call', (): PersonStore => new BrokenStore()],
  ['never answers', (): PersonStore => new HangingStore()],
])('a store that %s', (_how, makeStore) => {
  const locale = 'en-US';

  async function timed(say: () => Promise<Turn>): Promise<{ turn: Turn; ms: number }> {
    const started = Date.now();
    const turn = await say();
    return { turn, ms: Date.now() - started };
  }

  test('still lets the person hear the menu, a treatment step and a red-flag warning, in time', async () => {
    const skill: Skill = harness.skill({ personStore: makeStore() });
    const [launch, treatment, redFlag] = await Promise.all([
      timed(() => harness.conversation(locale, { skill }).say('open back spasm helper')),
      timed(() => harness.conversation(locale, { skill }).say('ask back spasm helper how do I treat a back spasm')),
      timed(() => harness.conversation(locale, { skill }).say("ask back spasm helper I can't feel my legs")),
    ]);
    expect(launch.turn.speech).toContain(heard(locale, 'launch.prompt'));
    const firstStep = topicItems('treatment')[0]?.id;
    expect(treatment.turn.speech).toContain(heard(locale, `topics.treatment.items.${firstStep}.how`));
    expect(redFlag.turn.intent).toBe('RedFlagIntent');
    expect(redFlag.turn.speech).toContain(entry(locale).emergency.display);
    for (const answer of [launch, treatment, redFlag]) {
      expect(answer.turn.speech).not.toContain(heard(locale, 'error.general'));
      expect(answer.ms).toBeLessThan(ALEXA_DEADLINE_MS);
    }
  }, 20_000);
});

// ---------------------------------------------------------------- nothing saved is lost

/** The real DynamoDB store on dynalite, counting writes, with reads or writes made to fail. */
class FlakyStore implements PersonStore {
  saves = 0;
  private readonly inner = harness.store();
  constructor(private readonly fails: 'reads' | 'writes') {}
  async read(envelope: RequestEnvelope): Promise<StoredPerson> {
    if (this.fails === 'reads') throw new Error('read failed');
    return this.inner.read(envelope);
  }
  async update(envelope: RequestEnvelope, changes: PersonChanges): Promise<void> {
    this.saves += 1;
    if (this.fails === 'writes') throw new Error('write failed');
    return this.inner.update(envelope, changes);
  }
  delete(envelope: RequestEnvelope): Promise<void> {
    return this.inner.delete(envelope);
  }
}

describe('what was saved survives a failing store', () => {
  /** A person who heard the disclaimer and got to step 2, saved through dynalite. */
  async function personWithSavedPlace(): Promise<{ userId: string; saved: Record<string, unknown>; read: () => Promise<Record<string, unknown>> }> {
    const talk = harness.conversation('en-US');
    await talk.launch();
    await talk.say('how do I treat a back spasm');
    const last = await talk.say('next');
    const read = (): Promise<Record<string, unknown>> => harness.adapter().getAttributes(last.request);
    const saved = await read();
    expect(saved).toMatchObject({ disclaimerHeard: true, position: { topic: 'treatment', index: 0, part: 1 } });
    return { userId: talk.caller().userId, saved, read };
  }

  test('when writing fails, the person is still answered and the saved record is unchanged', async () => {
    const { userId, saved, read } = await personWithSavedPlace();
    const store = new FlakyStore('writes');
    const talk = harness.conversation('en-US', { skill: harness.skill({ personStore: store }), userId });
    const turn = await talk.say('ask back spasm helper how do I treat a back spasm');
    expect(turn.speech).toContain(heard('en-US', `topics.treatment.items.${topicItems('treatment')[0]?.id}.how`));
    expect(store.saves).toBeGreaterThan(0); // the new place was offered to the store, which refused it
    expect(await read()).toEqual(saved);
  });

  test('when reading fails, nothing is written over the saved record', async () => {
    const { userId, saved, read } = await personWithSavedPlace();
    const store = new FlakyStore('reads');
    const talk = harness.conversation('en-US', { skill: harness.skill({ personStore: store }), userId });
    const turns = [await talk.launch(), await talk.say('how do I treat a back spasm'), await talk.say('next'), await talk.say('next')];
    for (const turn of turns) {
      expect(turn.speech).not.toBe('');
      expect(turn.speech).not.toContain(heard('en-US', 'error.general'));
    }
    expect(store.saves).toBe(0);
    expect(await read()).toEqual(saved);
  });
});
