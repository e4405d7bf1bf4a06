import { REMINDERS_SCOPE, TIMERS_SCOPE } from '../../lambda/alexaApi/permissions';
import { intentRequest } from '../../tools/envelopes';
import { type Conversation, type Turn } from '../../tools/conversation';
import { protocol } from '../../lambda/protocol';
import { entry, LOCALES, REGISTRY, words } from '../support/contentWords';
import { languageRows, phrase } from '../support/phrases';
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
  const p = (key: string): string => phrase(locale, key);

  test.each([
    ['numbLegs', 'numb_legs'],
    ['weakLegs', 'weak_legs'],
    ['saddle', 'saddle_numbness'],
    ['peeingMyself', 'bladder_bowel'],
    ['cantPassUrine', 'bladder_bowel'],
    ['breathing', 'chest_pain'],
    ['crash', 'serious_fall'],
  ])('%s: help now, with the number, and the session ends so they can call', async (key, sign) => {
    expectUrgent(await talk().oneShot(p(key)), locale, sign);
  });

  test.each([
    ['cantGetUp', 'redFlag.answers.cant_move'],
    ['ambulance', 'redFlag.answers.ambulance'],
  ])('%s gets its own answer: help now', async (said, key) => {
    const turn = await talk().oneShot(p(said));
    expect(turn.speech).toBe(words(locale, key));
    expect(turn.ended).toBe(true);
  });

  test.each([
    ['compoundLegs', 'numb_legs'],
    ['compoundWet', 'bladder_bowel'],
    ['compoundDenyFever', 'numb_legs'],
  ])('compound %s: the red flag wins, never a remedy', async (said, sign) => {
    const turn = await talk().oneShot(p(said));
    expectUrgent(turn, locale, sign);
    for (const remedy of remedyWords(locale)) expect(turn.speech).not.toContain(remedy);
  });

  test.each([
    ['oneLeg', 'redFlag.answers.one_leg'],
    ['minorFall', 'redFlag.answers.minor_fall'],
  ])('%s gets the measured answer: a doctor today, the number only if it is worse', async (said, key) => {
    const turn = await talk().oneShot(p(said));
    expect(turn.speech.startsWith(words(locale, key))).toBe(true);
    expect(turn.ended).toBe(false);
    expect(turn.reprompt).toBe(words(locale, 'redFlag.followUp'));
  });

  test.each([
    ['nightPain', 'night_pain'],
    ['fever', 'fever'],
    ['recurring', 'recurring'],
  ])('%s: see a doctor soon, with the non-urgent line where the locale has one', async (said, sign) => {
    const turn = await talk().oneShot(p(said));
    expect(turn.speech.startsWith(doctor(locale, sign))).toBe(true);
    const nonUrgent = entry(locale).nonUrgent;
    if (nonUrgent) expect(turn.speech).toContain(words(locale, 'redFlag.nonUrgent'));
    else expect(turn.speech).not.toContain(words(locale, 'redFlag.nonUrgent', { nonUrgent: '' }).slice(0, 12));
    expect(turn.ended).toBe(false);
  });

  test.each(['denyFever', 'denyNumbness', 'legsFine'])(
    'denial %s: reassurance and the steps, never the number',
    async (said) => {
      const turn = await talk().oneShot(p(said));
      expect(turn.speech).toContain(words(locale, 'negation.reassure'));
      expect(turn.speech).toContain(words(locale, 'topics.treatment.intro'));
      expect(turn.speech).not.toContain(entry(locale).emergency.display);
      expect(turn.ended).toBe(false);
    },
  );

  test.each(['distressPain', 'distressDie'])('distress %s: the crisis line, warmly, and nothing else', async (said) => {
    const turn = await talk().oneShot(p(said));
    expect(turn.speech).toBe(words(locale, 'distress.answer'));
    const crisis = entry(locale).crisis;
    if (crisis) expect(turn.speech).toContain(crisis.display);
    expect(turn.speech).toContain(entry(locale).emergency.display);
    expect(turn.ended).toBe(false);
  });

  test.each([
    ['medicineIbuprofen', 'medicine.painRelief', 'nameIbuprofen'],
    ['medicineHowMuch', 'medicine.painRelief', 'nameParacetamol'],
    ['medicineWhich', 'medicine.painRelief', 'nameTablet'],
    ['medicineStop', 'medicine.stop', 'nameMetformin'],
  ])('medicine %s: no medicine named, no dose; a pharmacist or doctor can say', async (said, key, named) => {
    const turn = await talk().oneShot(p(said));
    expect(turn.speech.startsWith(words(locale, key))).toBe(true);
    expect(turn.speech.toLowerCase()).not.toContain(p(named).toLowerCase());
    expect(turn.speech).not.toMatch(/\d+\s*(mg|milligram)/i);
  });
});

describe.each(LOCALES)('%s: a red flag outranks every state', (locale) => {
  const p = (key: string): string => phrase(locale, key);

  test('"yes, but my legs went numb" to the skill\'s own yes/no question is a red flag, not a yes', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('treatment'));
    await talk.say(p('stop'));
    const resume = await talk.launch();
    expect(resume.speech).toContain(words(locale, 'topics.treatment.resume', { number: 1, title: words(locale, 'topics.treatment.items.rest.title') }));
    expectUrgent(await talk.say(p('yesButLegsNumb')), locale, 'numb_legs');
  });

  test('while the skill waits for a bedtime', async () => {
    const talk = harness.conversation(locale);
    harness.alexa.grant(talk.caller().userId, REMINDERS_SCOPE);
    const asked = await talk.oneShot(p('remindersNoBedtime'));
    expect(asked.directives.some((directive) => directive.type === 'Dialog.ElicitSlot')).toBe(true);
    expectUrgent(await talk.say(p('legsWentNumb')), locale, 'numb_legs');
    expect(harness.alexa.reminders(talk.caller().userId)).toHaveLength(0);
  });

  test('when "forget me" waits for yes or no: the warning, and nothing deleted', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('treatment'));
    await talk.say(p('forgetMe'));
    expectUrgent(await talk.say(p('yesButWetMyself')), locale, 'bladder_bowel');
    const back = await talk.launch();
    expect(back.speech).toContain(words(locale, 'launch.welcomeBack'));
  });

  test('after a permission answer, mid-walk and mid-timer', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('coldTimer'));
    const declined = await talk.say(p('no'));
    expect(declined.speech).toContain(words(locale, 'permissions.timersDeclined'));
    expectUrgent(await talk.say(p('numbLegs')), locale, 'numb_legs');

    const walking = harness.conversation(locale);
    await walking.oneShot(p('treatment'));
    await walking.say(p('next'));
    expectUrgent(await walking.say(p('chestPain')), locale, 'chest_pain');

    const timing = harness.conversation(locale);
    harness.alexa.grant(timing.caller().userId, TIMERS_SCOPE);
    await timing.oneShot(p('coldTimer'));
    expectUrgent(await timing.oneShot(p('stairs')), locale, 'serious_fall');
  });
});

describe.each(LOCALES)('%s: words Alexa could not resolve are read for signs', (locale) => {
  const p = (key: string): string => phrase(locale, key);
  async function redFlagWith(value: string): Promise<Turn> {
    const talk = harness.conversation(locale);
    await talk.launch();
    const slot = {
      name: 'symptom',
      value,
      confirmationStatus: 'NONE' as const,
      resolutions: { resolutionsPerAuthority: [{ authority: 'amzn1.er-authority.echo-sdk.x.RED_FLAG', status: { code: 'ER_SUCCESS_NO_MATCH' as const }, values: [] }] },
    };
    return talk.send(intentRequest(locale, harness.clock.now(), { name: 'RedFlagIntent', confirmationStatus: 'NONE', slots: { symptom: slot } }));
  }

  test('weak legs said in words no model has are urgent', async () => {
    expectUrgent(await redFlagWith(p('jellyLegs')), locale, 'weak_legs');
  });

  test('nonsense in the symptom slot is no alarm: not understood, with the one-breath safety line', async () => {
    const turn = await redFlagWith(p('notUnderstood'));
    expect(turn.speech).toContain(words(locale, 'fallback.sorry'));
    expect(turn.speech).toContain(words(locale, 'safetyLine'));
    expect(turn.speech).not.toContain(words(locale, 'redFlag.urgent', { what: '' }).slice(0, 10));
    expect(turn.ended).toBe(false);
  });

  test('a red flag hidden in another request\'s unresolved slot still wins', async () => {
    const talk = harness.conversation(locale);
    const turn = await talk.oneShot(p('numbInRequest'));
    expectUrgent(turn, locale, 'numb_legs');
  });
});

/** Registry locales whose language is not written yet (none once every language is). */
const UNSERVED = Object.keys(REGISTRY.locales).filter((locale) => !LOCALES.includes(locale));

function redFlagIn(locale: string, value: string): Promise<Turn> {
  return harness.conversation(REGISTRY.defaultLocale).send(
    intentRequest(locale, harness.clock.now(), {
      name: 'RedFlagIntent',
      confirmationStatus: 'NONE',
      slots: { symptom: { name: 'symptom', value, confirmationStatus: 'NONE' } },
    }),
  );
}

describe('locales without words of their own', () => {
  if (UNSERVED.length > 0) {
    test.each(UNSERVED)('%s still hears its own emergency number', async (locale) => {
      const turn = await redFlagIn(locale, phrase(REGISTRY.defaultLocale, 'numbLegs'));
      expect(turn.speech).toContain(entry(locale).emergency.display);
    });
  }

  test('a locale Alexa adds that the registry does not know: urgent, and told to call the local emergency number', async () => {
    const turn = await redFlagIn('pl-PL', phrase(REGISTRY.defaultLocale, 'numbLegs'));
    expect(turn.speech).toContain(words(REGISTRY.defaultLocale, 'numbers.unknownEmergency'));
    expect(turn.ended).toBe(true);
  });
});

describe('a sign Alexa split across two slots', () => {
  const unresolved = (name: string, value: string, type: string) => ({
    name,
    value,
    confirmationStatus: 'NONE' as const,
    resolutions: { resolutionsPerAuthority: [{ authority: `amzn1.er-authority.echo-sdk.x.${type}`, status: { code: 'ER_SUCCESS_NO_MATCH' as const }, values: [] }] },
  });

  test('"I can\'t feel" | "my bum or my legs" is read whole: urgent, not the plain numbness answer', async () => {
    const talk = harness.conversation('en-GB');
    await talk.launch();
    const turn = await talk.send(
      intentRequest('en-GB', harness.clock.now(), {
        name: 'RedFlagIntent',
        confirmationStatus: 'NONE',
        slots: { lead: unresolved('lead', "I can't feel", 'LEAD'), symptom: unresolved('symptom', 'my bum or my legs', 'RED_FLAG') },
      }),
    );
    expect(turn.speech).toContain('999');
    expect([urgent('en-GB', 'numb_legs'), urgent('en-GB', 'saddle_numbness')]).toContain(turn.speech);
    expect(turn.ended).toBe(true);
  });
});

test('ja-JP: 尿 inside 糖尿病 (diabetes) is no urine sign', async () => {
  const talk = harness.conversation('ja-JP');
  await talk.launch();
  const turn = await talk.send(
    intentRequest('ja-JP', harness.clock.now(), {
      name: 'RedFlagIntent',
      confirmationStatus: 'NONE',
      slots: { symptom: { name: 'symptom', value: '糖尿病の薬で腰が痛くなるってほんと', confirmationStatus: 'NONE' } },
    }),
  );
  expect(turn.speech).not.toContain(doctor('ja-JP', 'burning_urine'));
  expect(turn.speech).not.toContain('119');
  // Still understood as the question it is: can a medicine cause back pain.
  expect(turn.speech).toContain('糖尿病');
});

test('en-GB: "slipped a disc" is no fall, while "slipped on the ice" still is', async () => {
  const caught = async (value: string): Promise<Turn> => {
    const talk = harness.conversation('en-GB');
    await talk.launch();
    return talk.send(
      intentRequest('en-GB', harness.clock.now(), {
        name: 'RedFlagIntent',
        confirmationStatus: 'NONE',
        slots: { symptom: { name: 'symptom', value, confirmationStatus: 'NONE' } },
      }),
    );
  };
  const fallAnswer = words('en-GB', 'redFlag.answers.minor_fall', { emergency: '999' });
  expect((await caught("I've slipped a disc I think")).speech).not.toContain(fallAnswer);
  expect((await caught('I slipped on the ice')).speech).toContain(fallAnswer);
});

/**
 * Sentences once answered unsafely, kept with the answer they must get (test/phrases/<language>.json,
 * "safetyRows": [locale, sentence, "urgent:<sign>" | "noAlarm"]), through the real model and skill.
 */
const SAFETY_ROWS = languageRows<[locale: string, sentence: string, want: string]>('safetyRows').flatMap(([, rows]) => rows);

describe('sentences once answered unsafely', () => {
  test.each(SAFETY_ROWS)('%s "%s": %s', async (locale, sentence, want) => {
    const turn = await harness.conversation(locale).oneShot(sentence);
    if (want.startsWith('urgent:')) expectUrgent(turn, locale, want.slice('urgent:'.length));
    else {
      // No warning of any sign: neither the urgent nor the see-a-doctor answer, nor a sign's own answer.
      expect(want).toBe('noAlarm');
      const { urgent: urgentSigns, doctor: doctorSigns, ownAnswer } = protocol.redFlags;
      const alarms = [
        ...urgentSigns.filter((sign) => !ownAnswer.includes(sign)).map((sign) => urgent(locale, sign)),
        ...doctorSigns.filter((sign) => !ownAnswer.includes(sign)).map((sign) => doctor(locale, sign)),
        ...ownAnswer.map((sign) => words(locale, `redFlag.answers.${sign}`)),
      ];
      for (const alarm of alarms) expect(turn.speech).not.toContain(alarm);
    }
  });
});
