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
  /** Alert tokens of the compress reminders the skill created for them. */
  reminderTokens?: string[];
}

export interface TopicPosition {
  topic: TopicId;
  index: number;
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
    (position.index as number) >= 0 &&
    typeof position.at === 'number'
  ) {
    state.position = { topic: position.topic, index: position.index as number, at: position.at };
  }
  if (typeof record.lastColdCompressEndsAt === 'number') state.lastColdCompressEndsAt = record.lastColdCompressEndsAt;
  if (Array.isArray(record.reminderTokens)) {
    state.reminderTokens = record.reminderTokens.filter((token): token is string => typeof token === 'string');
  }
  return state;
}
