import { itemParts, protocol, topicItems, type TopicId } from '../../lambda/protocol';
import { type Conversation, type Turn } from '../../tools/conversation';
import { loadInteractionModel, type ModelIntent } from '../../tools/nlu/interactionModel';
import { type UtteranceMatcher } from '../../tools/nlu/matcher';
import { phrase } from './phrases';

/**
 * Drives a real Conversation through everything the skill can say about the protocol,
 * typing phrases taken from the locale's own interaction model, so a new topic, item,
 * fact or remedy in content/protocol.json is walked with no change here.
 */

export interface SlotChoice {
  readonly slot: string;
  /** The slot value id (entity resolution id), e.g. "coldCompress". */
  readonly id: string;
}

function modelIntent(locale: string, name: string): ModelIntent {
  const intent = loadInteractionModel(locale).interactionModel.languageModel.intents.find((candidate) => candidate.name === name);
  if (!intent) throw new Error(`${locale} model has no ${name}`);
  return intent;
}

/** The spoken name of a slot value id in the locale model's slot type. */
function slotValueName(locale: string, intent: ModelIntent, choice: SlotChoice): string {
  const typeName = intent.slots?.find((slot) => slot.name === choice.slot)?.type;
  const type = loadInteractionModel(locale).interactionModel.languageModel.types?.find((candidate) => candidate.name === typeName);
  const value = type?.values.find((candidate) => candidate.id === choice.id);
  if (!value) throw new Error(`${locale}: slot ${intent.name}.${choice.slot} has no value with id ${choice.id}`);
  return value.name.value;
}

/**
 * A phrase from the model's own samples that the locale's matcher really routes to the
 * intent (and to the slot value, when one is asked for).
 */
export function phraseFor(matcher: UtteranceMatcher, locale: string, intentName: string, choice?: SlotChoice): string {
  const intent = modelIntent(locale, intentName);
  const candidates = (intent.samples ?? []).flatMap((sample) => {
    if (!choice) return sample.includes('{') ? [] : [sample];
    const onlyThisSlot = sample.replace(`{${choice.slot}}`, '');
    if (onlyThisSlot === sample || onlyThisSlot.includes('{')) return [];
    return [sample.replace(`{${choice.slot}}`, slotValueName(locale, intent, choice))];
  });
  const routed = candidates.find((text) => {
    const match = matcher.match(text, undefined, 'exact').intent;
    if (match.name !== intentName) return false;
    if (!choice) return true;
    const resolution = match.slots?.[choice.slot]?.resolutions?.resolutionsPerAuthority?.[0];
    return resolution?.status.code === 'ER_SUCCESS_MATCH' && resolution.values?.[0]?.value.id === choice.id;
  });
  if (routed === undefined) throw new Error(`${locale}: no sample of ${intentName} routes to it${choice ? ` with ${choice.id}` : ''}`);
  return routed;
}

/** The intent that opens a topic at its start (one without an item slot, if there is one). */
function intentForTopic(topic: TopicId): string {
  const routes = Object.entries(protocol.intents).filter(([, route]) => 'topic' in route && route.topic === topic);
  const plain = routes.find(([, route]) => !('itemSlot' in route) || route.itemSlot === undefined) ?? routes[0];
  if (!plain) throw new Error(`no intent opens the topic ${topic}`);
  return plain[0];
}

/** Opens a topic by voice and says "next" past its last part. */
export async function walkTopic(talk: Conversation, topic: TopicId): Promise<Turn[]> {
  const turns = [await talk.say(phraseFor(talk.matcher, talk.locale, intentForTopic(topic)))];
  const parts = topicItems(topic).reduce((sum, item) => sum + itemParts(item).length, 0) + (protocol.topics[topic].summary ? 1 : 0);
  for (let index = 0; index < parts; index += 1) turns.push(await talk.say(phrase(talk.locale, 'next')));
  return turns;
}

/** Asks every single-fact intent of the protocol, and how long each treatment item takes. */
export async function askEveryFact(talk: Conversation): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (const [intent, route] of Object.entries(protocol.intents)) {
    if ('fact' in route) turns.push(await talk.say(phraseFor(talk.matcher, talk.locale, intent)));
  }
  for (const item of topicItems('treatment')) {
    turns.push(await talk.say(phraseFor(talk.matcher, talk.locale, 'CompressDurationIntent', { slot: 'remedy', id: item.id })));
  }
  return turns;
}

/** Mentions one red flag of each urgency, in the person's own words. */
export async function mentionRedFlags(talk: Conversation): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (const ids of [protocol.redFlags.urgent, protocol.redFlags.doctor]) {
    const id = ids.find((sign) => !protocol.redFlags.ownAnswer.includes(sign));
    if (id !== undefined) turns.push(await talk.say(phraseFor(talk.matcher, talk.locale, 'RedFlagIntent', { slot: 'symptom', id })));
  }
  return turns;
}

/** Launch, every topic start to end, every fact and duration, and the red flags. */
export async function walkEverything(talk: Conversation): Promise<Turn[]> {
  const turns = [await talk.launch()];
  for (const topic of Object.keys(protocol.topics) as TopicId[]) turns.push(...(await walkTopic(talk, topic)));
  turns.push(...(await askEveryFact(talk)));
  turns.push(...(await mentionRedFlags(talk)));
  return turns;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[A-Za-z0-9]/.test(word)).length;
}
