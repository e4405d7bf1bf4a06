import { SUPPORTED_LOCALES } from '../../lambda/locale';
import { protocol, TOPIC_IDS, topicItems } from '../../lambda/protocol';
import { translatorFor } from '../../lambda/i18n';
import { speechText } from '../../tools/conversation';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

/** The words of an item as the person should hear them, from content and protocol. */
function itemSpeech(locale: (typeof SUPPORTED_LOCALES)[number], topic: (typeof TOPIC_IDS)[number], index: number): string {
  const t = translatorFor(locale);
  const item = topicItems(topic)[index];
  if (!item) throw new Error('no such item');
  const minutes = item.compress ? protocol.compresses[item.compress].phases[0]?.minutes : undefined;
  const numberValue = protocol.emergencyNumbers[locale] ?? '';
  return speechText(
    t(`topics.${topic}.items.${item.id}.speech`, {
      ...(minutes === undefined ? {} : { minutes }),
      emergencyNumber: t('emergency.number', { number: numberValue }),
    }).replace(/\[\[digits:(\d+)\]\]/g, '$1'),
  );
}

describe.each(SUPPORTED_LOCALES)('%s: walking the treatment steps', (locale) => {
  const items = topicItems('treatment');

  test('one-shot question opens the walk at step 1 with the disclaimer first, once', async () => {
    const talk = harness.conversation(locale);
    const first = await talk.say('ask back spasm helper how do I treat a back spasm');
    expect(first.intent).toBe('TreatmentIntent');
    const disclaimer = speechText(translatorFor(locale)('disclaimer', { emergencyNumber: 'X' })).split('X')[0] ?? '';
    expect(first.speech.startsWith(disclaimer)).toBe(true);
    expect(first.speech).toContain(itemSpeech(locale, 'treatment', 0));
    expect(first.ended).toBe(false);
    expect(first.reprompt).toBeTruthy();
    const second = await talk.say('next');
    expect(second.speech).not.toContain(disclaimer);
  });

  test('next through every step, back, repeat and start over', async () => {
    const talk = harness.conversation(locale);
    await talk.say('open back spasm helper');
    await talk.say('how do I treat a back spasm');
    for (let index = 1; index < items.length; index += 1) {
      const turn = await talk.say('next');
      expect(turn.intent).toBe('AMAZON.NextIntent');
      expect(turn.speech).toContain(itemSpeech(locale, 'treatment', index));
      expect(turn.reprompt).toBeTruthy();
    }
    const back = await talk.say('go back');
    expect(back.intent).toBe('AMAZON.PreviousIntent');
    expect(back.speech).toContain(itemSpeech(locale, 'treatment', items.length - 2));
    const again = await talk.say('repeat');
    expect(again.intent).toBe('AMAZON.RepeatIntent');
    expect(again.speech).toBe(back.speech);
    const over = await talk.say('start over');
    expect(over.intent).toBe('AMAZON.StartOverIntent');
    expect(over.speech).toContain(itemSpeech(locale, 'treatment', 0));
    const previousAtStart = await talk.say('go back');
    expect(previousAtStart.speech).toContain(speechText(translatorFor(locale)('navigation.firstItem')));
    expect(previousAtStart.speech).toContain(itemSpeech(locale, 'treatment', 0));
  });

  test('past the last step the walk closes, and the session stays open with a reprompt', async () => {
    const talk = harness.conversation(locale);
    await talk.say('ask back spasm helper how do I treat a back spasm');
    for (let index = 1; index < items.length; index += 1) await talk.say('next');
    const done = await talk.say('next');
    expect(done.speech).toContain(speechText(translatorFor(locale)('topics.treatment.done')));
    expect(done.ended).toBe(false);
    expect(done.reprompt).toBeTruthy();
  });

  test.each(items.map((item, index) => [item.id, index] as const))('jumping straight to %s', async (id, index) => {
    const talk = harness.conversation(locale);
    const slotSample = translatorFor(locale)(`topics.treatment.items.${id}.title`);
    const turn = await talk.say(`tell me about ${slotSample}`);
    expect(turn.intent).toBe('RemedyIntent');
    expect(turn.speech).toContain(itemSpeech(locale, 'treatment', index));
  });
});

describe.each(SUPPORTED_LOCALES)('%s: every topic walks item by item', (locale) => {
  const openers: Record<string, string> = {
    treatment: 'how do I treat a back spasm',
    causes: 'what causes back spasms',
    symptoms: 'what are the symptoms',
    prevention: 'how can I prevent this',
    doctor: 'when should I see a doctor',
  };
  test.each(TOPIC_IDS)('%s', async (topic) => {
    const opener = openers[topic];
    if (!opener) throw new Error(`no opener phrase for topic ${topic}: add one`);
    const talk = harness.conversation(locale);
    const turns = [await talk.say(`ask back spasm helper ${opener}`)];
    for (let index = 1; index < topicItems(topic).length; index += 1) turns.push(await talk.say('next'));
    topicItems(topic).forEach((_, index) => expect(turns[index]?.speech).toContain(itemSpeech(locale, topic, index)));
    expect(turns.every((turn) => !turn.ended && turn.reprompt)).toBe(true);
  });
});
