import { itemParts, protocol, TOPIC_IDS, topicItems, type TopicId } from '../../lambda/protocol';
import { type Turn } from '../../tools/conversation';
import { LOCALES, rawWords, words } from '../support/contentWords';
import { phrase } from '../support/phrases';
import { SkillHarness } from '../support/harness';

/**
 * Walking every topic, part by part, in every locale: the words come from the content
 * files and the order from the protocol, so a new item or part is walked here with no new
 * test, and a sentence the skill fails to say is a failure.
 */
let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

/** One part of an item as the person should hear it, with its label on the first part. */
function partSpeech(locale: string, topic: TopicId, index: number, part: number): string {
  const items = topicItems(topic);
  const item = items[index];
  if (!item) throw new Error(`no item ${index} in ${topic}`);
  const values: Record<string, number> = { number: index + 1, count: items.length };
  if (item.compress) values.minutes = protocol.compresses[item.compress].phases[0]?.minutes ?? 0;
  const text = words(locale, `topics.${topic}.items.${item.id}.${itemParts(item)[part] ?? ''}`, values);
  const label = part === 0 && rawWords(locale, `topics.${topic}.label`) !== '' ? words(locale, `topics.${topic}.label`, values) : '';
  return label === '' ? text : `${label} ${text}`;
}

/** Every (item, part) of a topic in walking order. */
function walkOrder(topic: TopicId): Array<[number, number]> {
  return topicItems(topic).flatMap((item, index) => itemParts(item).map((_, part) => [index, part] as [number, number]));
}


describe.each(LOCALES)('%s', (locale) => {
  const p = (key: string, values?: Record<string, string>): string => phrase(locale, key, values);
  test.each(TOPIC_IDS)('%s: a summary or the first part, then every part in order, then the close', async (topic) => {
    const talk = harness.conversation(locale);
    await talk.launch();
    const first = await talk.say(p(topic));
    const turns: Turn[] = [];
    if (protocol.topics[topic].summary) {
      // A one-breath summary first; "next" then goes item by item.
      expect(first.speech).toBe(`${words(locale, `topics.${topic}.intro`, { count: topicItems(topic).length })} ${words(locale, `topics.${topic}.summaryNext`)}`);
    } else {
      expect(first.speech.startsWith(words(locale, `topics.${topic}.intro`, { count: topicItems(topic).length }))).toBe(true);
      turns.push(first);
    }
    const order = walkOrder(topic);
    while (turns.length < order.length) turns.push(await talk.say(p('next')));
    order.forEach(([index, part], position) => {
      expect(turns[position]?.speech).toContain(partSpeech(locale, topic, index, part));
      expect(turns[position]?.ended).toBe(false);
      expect(turns[position]?.reprompt).toContain(words(locale, 'navigation.reprompt'));
    });
    expect(turns[turns.length - 1]?.speech).toContain(words(locale, `topics.${topic}.done`));
    const after = await talk.say(p('next'));
    expect(after.speech).toContain(words(locale, `topics.${topic}.done`));
  });

  test('a timed step offers its timer right after the how', async () => {
    const talk = harness.conversation(locale);
    await talk.launch();
    await talk.say(p('treatment'));
    await talk.say(p('next'));
    const cold = await talk.say(p('next'));
    expect(cold.speech).toContain(partSpeech(locale, 'treatment', 1, 0));
    expect(cold.speech.endsWith(words(locale, 'compressTimer.offer.cold'))).toBe(true);
  });

  test('back (to the step before, from its start), repeat and start over', async () => {
    const talk = harness.conversation(locale);
    await talk.launch();
    await talk.say(p('treatment'));
    await talk.say(p('next'));
    const cold = await talk.say(p('next'));
    const coldMore = await talk.say(p('next'));
    expect(coldMore.speech).toContain(partSpeech(locale, 'treatment', 1, 1));
    await talk.say(p('next'));
    await talk.say(p('previous'));
    const withinStep = await talk.say(p('previous'));
    expect(withinStep.speech).toBe(cold.speech);
    const back = await talk.say(p('previous'));
    expect(back.speech).toContain(partSpeech(locale, 'treatment', 0, 0));
    const again = await talk.say(p('repeat'));
    expect(again.speech).toBe(back.speech);
    const forward = await talk.say(p('next'));
    expect(forward.speech).toContain(partSpeech(locale, 'treatment', 0, 1));
    const over = await talk.say(p('startOver'));
    expect(over.speech).toContain(partSpeech(locale, 'treatment', 0, 0));
    const atStart = await talk.say(p('previous'));
    expect(atStart.speech).toContain(words(locale, 'navigation.firstItem'));
    expect(atStart.speech).toContain(partSpeech(locale, 'treatment', 0, 0));
  });

  test('first use: the disclaimer before the first answer, once, in place of the introduction', async () => {
    const talk = harness.conversation(locale);
    const first = await talk.oneShot(p('treatment'));
    expect(first.speech.startsWith(words(locale, 'disclaimer'))).toBe(true);
    expect(first.speech).not.toContain(words(locale, 'topics.treatment.intro'));
    expect(first.speech).toContain(partSpeech(locale, 'treatment', 0, 0));
    const second = await talk.say(p('next'));
    expect(second.speech).not.toContain(words(locale, 'disclaimer'));
  });

  test.each(topicItems('treatment').map((item, index) => [item.id, index] as const))('jumping straight to %s', async (id, index) => {
    const talk = harness.conversation(locale);
    await talk.launch();
    const turn = await talk.say(p('aboutItem', { title: words(locale, `topics.treatment.items.${id}.title`) }));
    expect(turn.intent).toBe('RemedyIntent');
    expect(turn.speech).toContain(partSpeech(locale, 'treatment', index, 0));
  });

  test('"can medication cause back spasms" reaches that cause', async () => {
    const talk = harness.conversation(locale);
    await talk.launch();
    const turn = await talk.say(p('medicineCause'));
    const index = topicItems('causes').findIndex((item) => item.id === 'medicines');
    expect(turn.speech).toContain(partSpeech(locale, 'causes', index, 0));
  });

  test('"and how often?" during the cold compress answers for the cold compress', async () => {
    const talk = harness.conversation(locale);
    await talk.launch();
    await talk.say(p('treatment'));
    await talk.say(p('next'));
    await talk.say(p('next'));
    const turn = await talk.say(p('howOften'));
    expect(turn.intent).toBe('CompressDurationIntent');
    expect(turn.speech).toContain(words(locale, 'duration.coldCompress', { minutes: protocol.compresses.cold.phases[0]?.minutes ?? 0 }));
  });
});
