import { protocol, topicItems } from '../../lambda/protocol';
import { type Conversation } from '../../tools/conversation';
import { LOCALES, words } from '../support/contentWords';
import { phrase } from '../support/phrases';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());


/** The states a person can be in when they say help, stop or something unrecognised. */
type Say = (key: string) => string;
const STATES: Record<string, (talk: Conversation, p: Say) => Promise<unknown>> = {
  'just opened': (talk) => talk.launch(),
  'in the treatment walk': (talk, p) => talk.oneShot(p('treatment')),
  'in prevention tips': (talk, p) => talk.oneShot(p('prevention')),
  'asked to resume': async (talk, p) => {
    await talk.oneShot(p('treatment'));
    await talk.say(p('stop'));
    await talk.launch();
  },
  'asked to confirm forget me': async (talk, p) => {
    await talk.launch();
    await talk.say(p('forgetMe'));
  },
};

describe.each(LOCALES)('%s', (locale) => {
  const p: Say = (key) => phrase(locale, key);
  test('returning person is offered to pick up where they left off, and yes continues there', async () => {
    const talk = harness.conversation(locale);
    const first = await talk.launch();
    expect(first.speech).toContain(words(locale, 'launch.welcome'));
    await talk.say(p('treatment'));
    await talk.say(p('next'));
    await talk.say(p('next'));
    const stop = await talk.say(p('stop'));
    expect(stop.ended).toBe(true);

    harness.clock.advance(60 * 60 * 1000);
    const back = await talk.launch();
    // "next" twice from the first step: its second part, then step 2.
    const title = words(locale, 'topics.treatment.items.coldCompress.title');
    expect(back.speech).toContain(words(locale, 'topics.treatment.resume', { number: 2, title }));
    expect(back.speech).not.toContain(words(locale, 'disclaimer'));
    expect(back.speech).toContain(words(locale, 'safetyLine'));
    const yes = await talk.say(p('yes'));
    expect(yes.speech).toContain(words(locale, 'topics.treatment.label', { number: 2, count: topicItems('treatment').length }));
    expect(yes.speech).toContain(words(locale, 'compressTimer.offer.cold'));
  });

  test('no to resuming starts fresh, and the next launch does not offer it again', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('causes'));
    await talk.silence();
    await talk.launch();
    const no = await talk.say(p('no'));
    expect(no.speech).toContain(words(locale, 'yesNo.startFresh'));
    expect(no.ended).toBe(false);
    await talk.say(p('stop'));
    const again = await talk.launch();
    expect(again.speech).toContain(words(locale, 'launch.welcomeBack'));
    expect(again.speech).toContain(words(locale, 'launch.prompt'));
  });

  test('an old position (over a day) is not offered', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('treatment'));
    await talk.silence();
    harness.clock.advance((protocol.resumeWithinHours + 1) * 60 * 60 * 1000);
    const back = await talk.launch();
    expect(back.speech).toContain(words(locale, 'launch.prompt'));
  });

  test.each(Object.keys(STATES))('help, fallback and stop while %s', async (state) => {
    for (const [key, intent] of [
      ['help', 'AMAZON.HelpIntent'],
      ['offTopic', 'AMAZON.FallbackIntent'],
      ['stop', 'AMAZON.StopIntent'],
      ['cancel', 'AMAZON.CancelIntent'],
    ] as const) {
      const talk = harness.conversation(locale);
      await STATES[state]?.(talk, p);
      const turn = await talk.say(p(key));
      // Words no sample matches may also reach the symptom slot, which catches what it is given: either way, not understood.
      if (intent === 'AMAZON.FallbackIntent') expect(['AMAZON.FallbackIntent', 'RedFlagIntent']).toContain(turn.intent);
      else expect(turn.intent).toBe(intent);
      expect(turn.speech.length).toBeGreaterThan(10);
      if (intent === 'AMAZON.StopIntent' || intent === 'AMAZON.CancelIntent') {
        expect(turn.ended).toBe(true);
        expect(turn.speech).toBe(words(locale, 'goodbye'));
      } else {
        expect(turn.ended).toBe(false);
        expect(turn.reprompt).toBeTruthy();
      }
      if (intent === 'AMAZON.FallbackIntent') {
        expect([words(locale, 'fallback.sorry'), words(locale, 'fallback.yesNo')].some((start) => turn.speech.startsWith(start))).toBe(true);
      }
      // Whoever was not understood, or asked for help, still hears the way to help.
      if (intent === 'AMAZON.FallbackIntent' || intent === 'AMAZON.HelpIntent') {
        expect(turn.speech.endsWith(words(locale, 'safetyLine'))).toBe(true);
        expect(turn.reprompt?.endsWith(words(locale, 'safetyLine'))).toBe(true);
      }
    }
  });

  test('help in the walk says where they are; help at a question says how to answer', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('prevention'));
    const inTopic = await talk.say(p('help'));
    expect(inTopic.speech).toContain(words(locale, 'help.inTopic', { topicTitle: words(locale, 'topics.prevention.title') }));
    await talk.say(p('forgetMe'));
    const atQuestion = await talk.say(p('help'));
    expect(atQuestion.speech).toBe(`${words(locale, 'help.pendingForgetMe')} ${words(locale, 'safetyLine')}`);
    // The question is still open after help: yes still answers it.
    const yes = await talk.say(p('yes'));
    expect(yes.speech).toBe(words(locale, 'forgetMe.done'));
  });

  test('help at a timed step mentions its timer', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('treatment'));
    await talk.say(p('next'));
    await talk.say(p('next'));
    const help = await talk.say(p('help'));
    expect(help.speech).toContain(words(locale, 'help.timedStep.cold'));
  });

  test('a fallback during a yes/no question keeps the question', async () => {
    const talk = harness.conversation(locale);
    await talk.launch();
    await talk.say(p('forgetMe'));
    const unclear = await talk.say(p('notUnderstood'));
    expect(unclear.speech).toBe(`${words(locale, 'fallback.yesNo')} ${words(locale, 'safetyLine')}`);
    const no = await talk.say(p('no'));
    expect(no.speech).toContain(words(locale, 'forgetMe.kept'));
  });

  test('forget me deletes everything after yes: the disclaimer plays again, no resume offer', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('treatment'));
    await talk.say(p('next'));
    await talk.say(p('forgetMe'));
    const done = await talk.say(p('yes'));
    expect(done.ended).toBe(true);
    const fresh = await talk.launch();
    expect(fresh.speech).toContain(words(locale, 'launch.welcome'));
    expect(fresh.speech).toContain(words(locale, 'disclaimer'));
  });

  test('navigate home gives the menu and keeps the place in the walk', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('treatment'));
    await talk.say(p('next'));
    const home = await talk.send({
      type: 'IntentRequest',
      requestId: 'amzn1.echo-api.request.home',
      timestamp: new Date(harness.clock.now()).toISOString(),
      locale,
      dialogState: 'COMPLETED',
      intent: { name: 'AMAZON.NavigateHomeIntent', confirmationStatus: 'NONE', slots: {} },
    });
    expect(home.speech).toContain(words(locale, 'launch.prompt'));
    const next = await talk.say(p('next'));
    expect(next.speech).toContain(words(locale, 'topics.treatment.label', { number: 2, count: topicItems('treatment').length }));
  });

  test('every response carries a home card with what was said', async () => {
    const talk = harness.conversation(locale);
    const turn = await talk.oneShot(p('iceOrHeat'));
    expect(turn.card?.title).toBe(words(locale, 'skillName'));
    expect(turn.card?.content).toBe(turn.speech);
  });
});

test('log lines carry what operations need and nothing personal', async () => {
  const p: Say = (key) => phrase('en-US', key);
  const talk = harness.conversation('en-US');
  const before = harness.logger.lines.length;
  await talk.oneShot(p('treatment'));
  await talk.say(p('numbLegs'));
  const lines = harness.logger.lines.slice(before);
  const requests = lines.filter((line) => line.message === 'request');
  expect(requests.map((line) => line.fields.intent)).toEqual(['TreatmentIntent', 'RedFlagIntent']);
  for (const line of requests) {
    expect(line.fields).toEqual(expect.objectContaining({ requestType: 'IntentRequest', locale: 'en-US', outcome: 'ok' }));
    expect(typeof line.fields.latencyMs).toBe('number');
  }
  const everything = JSON.stringify(lines);
  expect(everything).not.toContain(talk.caller().userId);
  expect(everything).not.toContain(p('numbLegs'));
  expect(everything).not.toContain('feel my legs');
  expect(everything).not.toContain('numb_legs');
  expect(everything).not.toContain('legs');
});
