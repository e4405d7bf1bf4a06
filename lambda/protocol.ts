import protocolData from '../content/protocol.json';

/**
 * Typed, read-only view of content/protocol.json: the language-neutral structure of
 * everything the skill says (topics and their ordered items) and every timing.
 */
export type TopicId = 'treatment' | 'causes' | 'symptoms' | 'prevention' | 'doctor';
export type CompressKind = 'cold' | 'warm' | 'massage';
export type FactId = 'iceOrHeat' | 'recovery';
export type RedFlagUrgency = 'urgent' | 'doctor';

export interface ProtocolItem {
  readonly id: string;
  /** The compress this item can time, if any. */
  readonly compress?: CompressKind;
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
  | { readonly topic: TopicId; readonly itemSlot?: string }
  | { readonly fact: FactId };

export interface Protocol {
  readonly topics: Readonly<Record<TopicId, { readonly items: readonly ProtocolItem[] }>>;
  readonly compresses: Readonly<Record<CompressKind, Compress>>;
  readonly reminders: { readonly coldCompress: { readonly everyMinutes: number; readonly maxPerDay: number } };
  readonly redFlags: Readonly<Record<RedFlagUrgency, readonly string[]>>;
  readonly emergencyNumbers: Readonly<Record<string, string>>;
  readonly intents: Readonly<Record<string, IntentRoute>>;
  readonly resumeWithinHours: number;
  readonly storage: { readonly recordDays: number };
}

export const protocol = protocolData as unknown as Protocol;

export const TOPIC_IDS = Object.keys(protocol.topics) as TopicId[];
export const COMPRESS_KINDS = Object.keys(protocol.compresses) as CompressKind[];

export function isTopicId(value: unknown): value is TopicId {
  return typeof value === 'string' && Object.hasOwn(protocol.topics, value);
}

export function topicItems(topic: TopicId): readonly ProtocolItem[] {
  return protocol.topics[topic].items;
}

export function itemIndex(topic: TopicId, itemId: string): number {
  return topicItems(topic).findIndex((item) => item.id === itemId);
}

export function compressMinutes(kind: CompressKind): number {
  return protocol.compresses[kind].phases.reduce((sum, phase) => sum + phase.minutes, 0);
}

export function redFlagUrgency(symptomId: string): RedFlagUrgency | undefined {
  if (protocol.redFlags.urgent.includes(symptomId)) return 'urgent';
  if (protocol.redFlags.doctor.includes(symptomId)) return 'doctor';
  return undefined;
}

/** The number to call in an emergency for an Alexa locale, or undefined where we do not know it. */
export function emergencyNumberFor(locale: string | undefined): string | undefined {
  // Own keys only: a request locale of "toString" must not find Object.prototype's.
  return locale !== undefined && Object.hasOwn(protocol.emergencyNumbers, locale) ? protocol.emergencyNumbers[locale] : undefined;
}

/** How the protocol routes an intent, if it does (own keys only, as for any request data). */
export function intentRoute(intentName: string | undefined): IntentRoute | undefined {
  return intentName !== undefined && Object.hasOwn(protocol.intents, intentName) ? protocol.intents[intentName] : undefined;
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
