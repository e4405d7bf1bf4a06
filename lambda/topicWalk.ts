import { itemParts, protocol, topicItems, type TopicId } from './protocol';
import { type RequestContext } from './requestContext';
import { type Say } from './speech';

/**
 * Speaks any topic of the protocol as a walk, one part of one item a turn, so no turn is
 * long. Generic over the data: a new item or part in content/protocol.json is walked here
 * with no code change. A topic with a summary starts with it (index -1); "next" then goes
 * item by item.
 */
export interface WalkOptions {
  /** Say the topic's introduction first (when the person enters the topic at its start). */
  readonly withIntro?: boolean;
  /** Words to say before the item (e.g. "That's the first one."). */
  readonly lead?: string;
  /** Which part of the item (default: its first, the how). */
  readonly part?: number;
}

export function itemTitle(context: RequestContext, topic: TopicId, index: number): string {
  const item = topicItems(topic)[index];
  return item ? context.t(`topics.${topic}.items.${item.id}.title`) : '';
}

function itemValues(topic: TopicId, index: number): Record<string, number> {
  const items = topicItems(topic);
  const values: Record<string, number> = { number: index + 1, count: items.length };
  const compress = items[index]?.compress;
  if (compress) values.minutes = protocol.compresses[compress].phases[0]?.minutes ?? 0;
  return values;
}

/** The words of one part of an item; the first part carries the label ("Step 2 of 4:"). */
export function itemWords(context: RequestContext, topic: TopicId, index: number, part = 0): string {
  const item = topicItems(topic)[index];
  const partId = item ? itemParts(item)[part] : undefined;
  if (!item || partId === undefined) return '';
  const values = itemValues(topic, index);
  const words = context.t(`topics.${topic}.items.${item.id}.${partId}`, values);
  const label = part === 0 ? context.t(`topics.${topic}.label`, values) : '';
  return label ? `${label} ${words}` : words;
}

/** Speaks one part of the item at index and records it as where the person is. */
export function speakItem(context: RequestContext, topic: TopicId, index: number, options: WalkOptions = {}): Say {
  const items = topicItems(topic);
  const safeIndex = Math.min(Math.max(index, 0), items.length - 1);
  const item = items[safeIndex];
  const partCount = item ? itemParts(item).length : 1;
  const part = Math.min(Math.max(options.part ?? 0, 0), partCount - 1);
  context.person.position = { topic, index: safeIndex, part, at: context.services.clock.now() };

  const morePartsFollow = part + 1 < partCount;
  // A timed item offers its timer right after the how: the person need not watch a clock.
  const offer = item?.compress && part === 0 ? context.t(`compressTimer.offer.${item.compress}`) : '';
  let follow: string;
  if (offer !== '') follow = '';
  else if (morePartsFollow) follow = context.t(`topics.${topic}.nextPart`);
  else if (safeIndex + 1 < items.length) follow = context.t(`topics.${topic}.next`, { nextTitle: itemTitle(context, topic, safeIndex + 1) });
  else follow = context.t(`topics.${topic}.done`);

  const intro = options.withIntro ? context.t(`topics.${topic}.intro`, { count: items.length }) : '';
  const parts = [options.lead ?? '', intro, itemWords(context, topic, safeIndex, part), offer, follow].filter((text) => text !== '');
  return {
    parts,
    // With the first-use disclaimer the answer stays short: the item itself, and its label.
    droppable: [intro, offer, follow].filter((text) => text !== ''),
    reprompt: [context.t('navigation.reprompt')],
    cardTitle: context.t('skillName'),
    screen: { kind: 'item', topic, index: safeIndex, part },
  };
}

/** Enters a topic at its start: its one-breath summary, or its first item. */
export function speakTopicStart(context: RequestContext, topic: TopicId): Say {
  if (!protocol.topics[topic].summary) return speakItem(context, topic, 0, { withIntro: true });
  context.person.position = { topic, index: -1, part: 0, at: context.services.clock.now() };
  const next = context.t(`topics.${topic}.summaryNext`);
  return {
    parts: [context.t(`topics.${topic}.intro`, { count: topicItems(topic).length }), next],
    droppable: [next],
    reprompt: [context.t('navigation.reprompt')],
    cardTitle: context.t('skillName'),
    screen: { kind: 'overview', topic },
  };
}

/** "Next" from where the person is: the next part, the next item, or the topic's end. */
export function speakNext(context: RequestContext): Say | undefined {
  const position = context.person.position;
  if (!position) return undefined;
  const items = topicItems(position.topic);
  const item = items[position.index];
  if (item && position.part + 1 < itemParts(item).length) {
    return speakItem(context, position.topic, position.index, { part: position.part + 1 });
  }
  if (position.index + 1 < items.length) return speakItem(context, position.topic, position.index + 1);
  return speakTopicDone(context, position.topic);
}

/** "Go back": the part before, the item before, or the first again with a word that it is the first. */
export function speakPrevious(context: RequestContext): Say | undefined {
  const position = context.person.position;
  if (!position) return undefined;
  if (position.part > 0) return speakItem(context, position.topic, position.index, { part: position.part - 1 });
  if (position.index > 0) return speakItem(context, position.topic, position.index - 1);
  return speakItem(context, position.topic, 0, { lead: context.t('navigation.firstItem') });
}

/** Where the person is, said again (a new session, or "repeat" with nothing said yet). */
export function speakCurrent(context: RequestContext): Say | undefined {
  const position = context.person.position;
  if (!position) return undefined;
  if (position.index < 0) return speakTopicStart(context, position.topic);
  return speakItem(context, position.topic, position.index, { part: position.part });
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
