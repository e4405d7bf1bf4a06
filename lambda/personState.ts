import { isTopicId, type TopicId } from './protocol';

/**
 * Everything stored about one person, keyed by their opaque Alexa user id. Kept to
 * what the features need (design.md: "What is stored about a person").
 */
export interface PersonState {
  /** Heard the one-breath first-use disclaimer. */
  disclaimerHeard?: boolean;
  /** Where they are in a topic, and when they were last there. */
  position?: TopicPosition;
  /** Epoch ms when their last cold compress (as timed by the skill) ends or ended. */
  lastColdCompressEndsAt?: number;
  /** Epoch ms when their last warm compress (as timed by the skill) ends or ended. */
  lastWarmCompressEndsAt?: number;
  /** Alert tokens of the compress reminders the skill created for them. */
  reminderTokens?: string[];
}

export interface TopicPosition {
  topic: TopicId;
  /** The item; -1 when the person has heard the topic's summary and no item yet. */
  index: number;
  /** The part of the item (an item is spoken in one or more parts). */
  part: number;
  /** Epoch ms of the last time they heard this item. */
  at: number;
}

/**
 * Reads stored attributes defensively: a record written by an older version, or
 * damaged, yields what is still valid rather than an error.
 */
export function readPersonState(raw: unknown): PersonState {
  if (typeof raw !== 'object' || raw === null) return {};
  const record = raw as Record<string, unknown>;
  const state: PersonState = {};
  if (record.disclaimerHeard === true) state.disclaimerHeard = true;
  const position = record.position as Record<string, unknown> | undefined;
  if (
    position &&
    isTopicId(position.topic) &&
    Number.isInteger(position.index) &&
    (position.index as number) >= -1 &&
    typeof position.at === 'number'
  ) {
    // Records from before items had parts are at the item's first part.
    const part = Number.isInteger(position.part) && (position.part as number) >= 0 ? (position.part as number) : 0;
    state.position = { topic: position.topic, index: position.index as number, part, at: position.at };
  }
  if (typeof record.lastColdCompressEndsAt === 'number') state.lastColdCompressEndsAt = record.lastColdCompressEndsAt;
  if (typeof record.lastWarmCompressEndsAt === 'number') state.lastWarmCompressEndsAt = record.lastWarmCompressEndsAt;
  if (Array.isArray(record.reminderTokens)) {
    state.reminderTokens = record.reminderTokens.filter((token): token is string => typeof token === 'string');
  }
  return state;
}
