import { REMINDERS_SCOPE, TIMERS_SCOPE } from '../../lambda/alexaApi/permissions';
import { intentRequest } from '../../tools/envelopes';
import { type Conversation, type Turn } from '../../tools/conversation';
import { entry, LOCALES, words } from '../support/contentWords';
import { SkillHarness } from '../support/harness';

/**
 * Safety outranks everything: red flags in every state, in compound sentences and in words
 * Alexa could not resolve; denials never alarm; distress gets the crisis line; medicine
 * questions never get a medicine. Every expected sentence is read from the content files.
 */
let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());
beforeEach(() => harness.alexa.reset());

function urgent(locale: string, sign: string): string {
  return words(locale, 'redFlag.urgent', { what: words(locale, `redFlag.what.${sign}`) });
}

function doctor(locale: string, sign: string): string {
  return words(locale, 'redFlag.doctor', { what: words(locale, `redFlag.what.${sign}`) });
}

/** The words of the treatment's steps, none of which may stand in for a warning. */
function remedyWords(locale: string): string[] {
  return ['topics.treatment.items.coldCompress.how', 'topics.treatment.items.rest.how', 'compressTimer.howTo.cold'].map((key) =>
    words(locale, key, { minutes: 15, number: 1, count: 4 }),
  );
}

function expectUrgent(turn: Turn, locale: string, sign: string): void {
  expect(turn.speech).toBe(urgent(locale, sign));
  expect(turn.speech).toContain(entry(locale).emergency.display);
  expect(turn.ended).toBe(true);
}

describe.each(LOCALES)('%s', (locale) => {
  const talk = (): Conversation => harness.conversation(locale);

  test.each([
    ["I can't feel my legs", 'numb_legs'],
    ['both my legs have gone weak', 'weak_legs'],
    ["I can't feel my bum", 'saddle_numbness'],
    ["I'm peeing myself", 'bladder_bowel'],
    ['I am not able to pass urine', 'bladder_bowel'],
    ["I'm having trouble breathing and my back hurts", 'chest_pain'],
    ['I came off my motorbike', 'serious_fall'],
  ])('"%s": help now, with the number, and the session ends so they can call', async (phrase, sign) => {
    expectUrgent(await talk().say(`ask back spasm helper ${phrase}`), locale, sign);
  });

  test.each([
    ["I can't get up off the floor", 'redFlag.answers.cant_move'],
    ['call an ambulance', 'redFlag.answers.ambulance'],
  ])('"%s" gets its own answer: help now', async (phrase, key) => {
    const turn = await talk().say(`ask back spasm helper ${phrase}`);
    expect(turn.speech).toBe(words(locale, key));
    expect(turn.ended).toBe(true);
  });

  test.each([
    ['my back hurts and I can\'t feel my legs', 'numb_legs'],
    ['how do I use ice, also I wet myself', 'bladder_bowel'],
    ["I don't have a fever but my legs are numb", 'numb_legs'],
  ])('compound "%s": the red flag wins, never a remedy', async (phrase, sign) => {
    const turn = await talk().say(`ask back spasm helper ${phrase}`);
    expectUrgent(turn, locale, sign);
    for (const remedy of remedyWords(locale)) expect(turn.speech).not.toContain(remedy);
  });

  test.each([
    ['my leg is numb', 'redFlag.answers.one_leg'],
    ['I had a fall', 'redFlag.answers.minor_fall'],
  ])('"%s" gets the measured answer: a doctor today, the number only if it is worse', async (phrase, key) => {
    const turn = await talk().say(`ask back spasm helper ${phrase}`);
    expect(turn.speech.startsWith(words(locale, key))).toBe(true);
    expect(turn.ended).toBe(false);
    expect(turn.reprompt).toBe(words(locale, 'redFlag.followUp'));
  });

  test.each([
    ['it hurts more at night', 'night_pain'],
    ['I have a fever', 'fever'],
    ['it keeps coming back', 'recurring'],
  ])('"%s": see a doctor soon, with the non-urgent line where the locale has one', async (phrase, sign) => {
    const turn = await talk().say(`ask back spasm helper ${phrase}`);
    expect(turn.speech.startsWith(doctor(locale, sign))).toBe(true);
    const nonUrgent = entry(locale).nonUrgent;
    if (nonUrgent) expect(turn.speech).toContain(words(locale, 'redFlag.nonUrgent'));
    else expect(turn.speech).not.toContain(words(locale, 'redFlag.nonUrgent', { nonUrgent: '' }).slice(0, 12));
    expect(turn.ended).toBe(false);
  });

  test.each(["I don't have a fever, it's just my back", 'no numbness, just the spasm', 'I can feel my legs fine'])(
    'denial "%s": reassurance and the steps, never the number',
    async (phrase) => {
      const turn = await talk().say(`ask back spasm helper ${phrase}`);
      expect(turn.speech).toContain(words(locale, 'negation.reassure'));
      expect(turn.speech).toContain(words(locale, 'topics.treatment.intro'));
      expect(turn.speech).not.toContain(entry(locale).emergency.display);
      expect(turn.ended).toBe(false);
    },
  );

  test.each(["I can't take this pain anymore", 'I want to die'])('distress "%s": the crisis line, warmly, and nothing else', async (phrase) => {
    const turn = await talk().say(`ask back spasm helper ${phrase}`);
    expect(turn.speech).toBe(words(locale, 'distress.answer'));
    const crisis = entry(locale).crisis;
    if (crisis) expect(turn.speech).toContain(crisis.display);
    expect(turn.speech).toContain(entry(locale).emergency.display);
    expect(turn.ended).toBe(false);
  });

  test.each([
    ['can I take ibuprofen', 'medicine.painRelief', 'ibuprofen'],
    ['how much paracetamol', 'medicine.painRelief', 'paracetamol'],
    ['which tablet', 'medicine.painRelief', 'tablet'],
    ['should I stop my metformin', 'medicine.stop', 'metformin'],
  ])('medicine "%s": no medicine named, no dose; a pharmacist or doctor can say', async (phrase, key, named) => {
    const turn = await talk().say(`ask back spasm helper ${phrase}`);
    expect(turn.speech.startsWith(words(locale, key))).toBe(true);
    expect(turn.speech.toLowerCase()).not.toContain(named);
    expect(turn.speech).not.toMatch(/\d+\s*(mg|milligram)/i);
  });
});

describe('a red flag outranks every state', () => {
  const locale = 'en-US';

  test('"yes, but my legs went numb" to the skill\'s own yes/no question is a red flag, not a yes', async () => {
    const talk = harness.conversation(locale);
    await talk.say('ask back spasm helper how do I treat a back spasm');
    await talk.say('stop');
    const resume = await talk.launch();
    expect(resume.speech).toContain(words(locale, 'topics.treatment.resume', { number: 1, title: words(locale, 'topics.treatment.items.rest.title') }));
    expectUrgent(await talk.say('yes but my legs went numb'), locale, 'numb_legs');
  });

  test('while the skill waits for a bedtime', async () => {
    const talk = harness.conversation(locale);
    harness.alexa.grant(talk.caller().userId, REMINDERS_SCOPE);
    const asked = await talk.say('ask back spasm helper to remind me every two hours');
    expect(asked.directives.some((directive) => directive.type === 'Dialog.ElicitSlot')).toBe(true);
    expectUrgent(await talk.say('my legs went numb'), locale, 'numb_legs');
    expect(harness.alexa.reminders(talk.caller().userId)).toHaveLength(0);
  });

  test('when "forget me" waits for yes or no: the warning, and nothing deleted', async () => {
    const talk = harness.conversation(locale);
    await talk.say('ask back spasm helper how do I treat a back spasm');
    await talk.say('forget me');
    expectUrgent(await talk.say('yes but I wet myself'), locale, 'bladder_bowel');
    const back = await talk.launch();
    expect(back.speech).toContain(words(locale, 'launch.welcomeBack'));
  });

  test('after a permission answer, mid-walk and mid-timer', async () => {
    const talk = harness.conversation(locale);
    await talk.say('ask back spasm helper to start a cold compress timer');
    const declined = await talk.say('no');
    expect(declined.speech).toContain(words(locale, 'permissions.timersDeclined'));
    expectUrgent(await talk.say("I can't feel my legs"), locale, 'numb_legs');

    const walking = harness.conversation(locale);
    await walking.say('ask back spasm helper how do I treat a back spasm');
    await walking.say('next');
    expectUrgent(await walking.say('I have chest pain'), locale, 'chest_pain');

    const timing = harness.conversation(locale);
    harness.alexa.grant(timing.caller().userId, TIMERS_SCOPE);
    await timing.say('ask back spasm helper to start a cold compress timer');
    expectUrgent(await timing.say('ask back spasm helper I fell down the stairs'), locale, 'serious_fall');
  });
});

describe('words Alexa could not resolve are read for signs', () => {
  async function redFlagWith(value: string): Promise<Turn> {
    const talk = harness.conversation('en-GB');
    await talk.launch();
    const slot = {
      name: 'symptom',
      value,
      confirmationStatus: 'NONE' as const,
      resolutions: { resolutionsPerAuthority: [{ authority: 'amzn1.er-authority.echo-sdk.x.RED_FLAG', status: { code: 'ER_SUCCESS_NO_MATCH' as const }, values: [] }] },
    };
    return talk.send(intentRequest('en-GB', harness.clock.now(), { name: 'RedFlagIntent', confirmationStatus: 'NONE', slots: { symptom: slot } }));
  }

  test('"legs have gone to jelly" is urgent', async () => {
    expectUrgent(await redFlagWith('legs have gone to jelly'), 'en-GB', 'weak_legs');
  });

  test('"banana pancakes" is no alarm: not understood, with the one-breath safety line', async () => {
    const turn = await redFlagWith('banana pancakes');
    expect(turn.speech).toContain(words('en-GB', 'fallback.sorry'));
    expect(turn.speech).toContain(words('en-GB', 'safetyLine'));
    expect(turn.speech).not.toContain(words('en-GB', 'redFlag.urgent', { what: '' }).slice(0, 10));
    expect(turn.ended).toBe(false);
  });

  test('a red flag hidden in another request\'s unresolved slot still wins', async () => {
    const talk = harness.conversation('en-US');
    const turn = await talk.say('ask back spasm helper how do I treat my numb legs');
    expectUrgent(turn, 'en-US', 'numb_legs');
  });
});

describe('an unknown locale still hears its own emergency number', () => {
  test.each(['fr-FR', 'de-DE', 'ja-JP'])('%s', async (locale) => {
    const talk = harness.conversation('en-US');
    const turn = await talk.send(
      intentRequest(locale, harness.clock.now(), {
        name: 'RedFlagIntent',
        confirmationStatus: 'NONE',
        slots: { symptom: { name: 'symptom', value: "can't feel my legs", confirmationStatus: 'NONE' } },
      }),
    );
    expect(turn.speech).toContain(entry(locale).emergency.display);
  });
});
