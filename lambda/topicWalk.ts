import { protocol, topicItems, type TopicId } from './protocol';
import { type RequestContext } from './requestContext';
import { type Say } from './speech';

/**
 * Speaks any topic of the protocol as a walk, one item a turn. Generic over the data:
 * a new item in content/protocol.json is walked here with no code change.
 */
export interface WalkOptions {
  /** Say the topic's introduction first (when the person enters the topic at its start). */
  readonly withIntro?: boolean;
  /** Words to say before the item (e.g. "That's the first one."). */
  readonly lead?: string;
}

export function itemTitle(context: RequestContext, topic: TopicId, index: number): string {
  const item = topicItems(topic)[index];
  return item ? context.t(`topics.${topic}.items.${item.id}.title`) : '';
}

/** The words of one item, with its label ("Step 2 of 4:") and its timings filled in. */
export function itemWords(context: RequestContext, topic: TopicId, index: number): string {
  const items = topicItems(topic);
  const item = items[index];
  if (!item) return '';
  const values: Record<string, number> = { number: index + 1, count: items.length };
  if (item.compress) {
    const phases = protocol.compresses[item.compress].phases;
    values.minutes = phases[0]?.minutes ?? 0;
  }
  const label = context.t(`topics.${topic}.label`, values);
  const words = context.t(`topics.${topic}.items.${item.id}.speech`, values);
  return label ? `${label} ${words}` : words;
}

/** Speaks the item at index and records it as where the person is. */
export function speakItem(context: RequestContext, topic: TopicId, index: number, options: WalkOptions = {}): Say {
  const items = topicItems(topic);
  const safeIndex = Math.min(Math.max(index, 0), items.length - 1);
  context.person.position = { topic, index: safeIndex, at: context.services.clock.now() };
  const isLast = safeIndex === items.length - 1;
  const follow = isLast
    ? context.t(`topics.${topic}.done`)
    : context.t(`topics.${topic}.next`, { nextTitle: itemTitle(context, topic, safeIndex + 1) });
  const compress = items[safeIndex]?.compress;
  const parts = [
    options.lead ?? '',
    options.withIntro ? context.t(`topics.${topic}.intro`, { count: items.length }) : '',
    itemWords(context, topic, safeIndex),
    // An item with a timing offers to time it: the person need not watch a clock.
    compress ? context.t(`compressTimer.offer.${compress}`) : '',
    follow,
  ].filter((part) => part !== '');
  return { parts, reprompt: [context.t('navigation.reprompt')], cardTitle: context.t('skillName') };
}

/** After the last item: the topic's closing words, and the walk is over. */
export function speakTopicDone(context: RequestContext, topic: TopicId): Say {
  delete context.person.position;
  return {
    parts: [context.t(`topics.${topic}.done`)],
    reprompt: [context.t('help.reprompt')],
    cardTitle: context.t('skillName'),
  };
}

/** Where the person can pick up again, if they were in a topic recently. */
export function resumablePosition(context: RequestContext): RequestContext['person']['position'] {
  const position = context.person.position;
  if (!position) return undefined;
  const maxAgeMs = protocol.resumeWithinHours * 60 * 60 * 1000;
  if (context.services.clock.now() - position.at > maxAgeMs) return undefined;
  if (position.index >= topicItems(position.topic).length) return undefined;
  return position;
}
