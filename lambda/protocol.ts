import protocolData from '../content/protocol.json';

/**
 * Typed, read-only view of content/protocol.json: the language-neutral structure of
 * everything the skill says (topics, their ordered items and each item's parts), every
 * timing, and the red-flag signs.
 */
export type TopicId = 'treatment' | 'causes' | 'symptoms' | 'prevention' | 'doctor';
export type CompressKind = 'cold' | 'warm' | 'massage';
export type FactId = 'iceOrHeat' | 'recovery' | 'lying' | 'bath' | 'moving' | 'desk';
export type RedFlagUrgency = 'urgent' | 'doctor';

export interface ProtocolItem {
  readonly id: string;
  /** The compress this item can time, if any. */
  readonly compress?: CompressKind;
  /** The item's words, one turn each, the how first; one part ("speech") when absent. */
  readonly parts?: readonly string[];
}

export interface Topic {
  /** Entering the topic gives a one-breath summary first; "next" then goes item by item. */
  readonly summary: boolean;
  readonly items: readonly ProtocolItem[];
}

export interface CompressPhase {
  /** Content id of the announcement when this phase ends. */
  readonly id: string;
  readonly minutes: number;
}

export interface Compress {
  readonly item: string;
  readonly phases: readonly CompressPhase[];
  /** Minimum gap, in minutes, between the end of one compress and the start of the next. */
  readonly minutesBetween?: number;
}

export type IntentRoute =
  | {
      readonly topic: TopicId;
      /** The slot (or slots, the first filled wins) naming the item asked about. */
      readonly itemSlot?: string | readonly string[];
      /** Slot values that are answered by a fact rather than an item of the topic. */
      readonly slotFacts?: Readonly<Record<string, FactId>>;
    }
  | { readonly fact: FactId };

export interface Protocol {
  readonly topics: Readonly<Record<TopicId, Topic>>;
  readonly compresses: Readonly<Record<CompressKind, Compress>>;
  readonly reminders: {
    readonly coldCompress: {
      readonly everyMinutes: number;
      readonly maxPerDay: number;
      /** A bedtime further ahead than this has passed today: no series through the night. */
      readonly longestDayHours: number;
    };
  };
  readonly redFlags: {
    readonly urgent: readonly string[];
    readonly doctor: readonly string[];
    /** Signs with an answer of their own rather than the general one naming the sign. */
    readonly ownAnswer: readonly string[];
  };
  readonly intents: Readonly<Record<string, IntentRoute>>;
  /**
   * Slots that samples put right after a negation ("I don't have {missing}"): their words
   * arrive without it, so the sign reader reads them as denied ("I don't have a fever") and
   * puts the negation back for signs said with one ("I don't have any feeling in my legs").
   */
  readonly negatedSlots: readonly string[];
  readonly resumeWithinHours: number;
  readonly storage: { readonly recordDays: number };
}

export const protocol = protocolData as unknown as Protocol;

export const TOPIC_IDS = Object.keys(protocol.topics) as TopicId[];
export const COMPRESS_KINDS = Object.keys(protocol.compresses) as CompressKind[];
export const DEFAULT_PARTS: readonly string[] = ['speech'];

export function isTopicId(value: unknown): value is TopicId {
  return typeof value === 'string' && Object.hasOwn(protocol.topics, value);
}

export function topicItems(topic: TopicId): readonly ProtocolItem[] {
  return protocol.topics[topic].items;
}

export function itemParts(item: ProtocolItem): readonly string[] {
  return item.parts ?? DEFAULT_PARTS;
}

export function itemIndex(topic: TopicId, itemId: string): number {
  return topicItems(topic).findIndex((item) => item.id === itemId);
}

export function compressMinutes(kind: CompressKind): number {
  return protocol.compresses[kind].phases.reduce((sum, phase) => sum + phase.minutes, 0);
}

export const RED_FLAG_IDS: readonly string[] = [...protocol.redFlags.urgent, ...protocol.redFlags.doctor];

export function redFlagUrgency(signId: string): RedFlagUrgency | undefined {
  if (protocol.redFlags.urgent.includes(signId)) return 'urgent';
  if (protocol.redFlags.doctor.includes(signId)) return 'doctor';
  return undefined;
}

/** How the protocol routes an intent, if it does (own keys only, as for any request data). */
export function intentRoute(intentName: string | undefined): IntentRoute | undefined {
  return intentName !== undefined && Object.hasOwn(protocol.intents, intentName) ? protocol.intents[intentName] : undefined;
}

/** The slots naming the item a route asks about, in the order they are read. */
export function itemSlotsOf(route: IntentRoute): readonly string[] {
  if (!('topic' in route) || route.itemSlot === undefined) return [];
  return typeof route.itemSlot === 'string' ? [route.itemSlot] : route.itemSlot;
}

/**
 * Values every sentence of content may interpolate: the timings, so that a duration is
 * written once in the protocol and never in the words.
 */
export function timingValues(): Record<string, number> {
  const cold = protocol.compresses.cold;
  const warm = protocol.compresses.warm;
  const massage = protocol.compresses.massage;
  return {
    coldMinutes: cold.phases[0]?.minutes ?? 0,
    hoursBetween: (cold.minutesBetween ?? 0) / 60,
    warmMinutes: warm.phases[0]?.minutes ?? 0,
    massageMinutes: massage.phases[0]?.minutes ?? 0,
    towelMinutes: massage.phases[1]?.minutes ?? 0,
  };
}
