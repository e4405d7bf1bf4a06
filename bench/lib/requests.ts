import { type Intent, type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import { silentLogger } from '../../lambda/logger';
import { createSkill } from '../../lambda/skill';
import { Conversation, speechText } from '../../tools/conversation';
import { envelope, intentRequest, launchRequest, newSessionId, type Caller, type SessionInfo } from '../../tools/envelopes';
import { matcherFor } from '../../tools/nlu/interactionModel';
import { itemParts, topicItems } from '../../lambda/protocol';
import { MemoryPersonStore } from '../memorySkill/memoryPersonStore';

/**
 * Real request envelopes for the benchmark (tools/envelopes.ts), with intents matched from
 * spoken phrases through the real en-US interaction model (tools/nlu), as Alexa would send them.
 */
export const LOCALE = 'en-US';
export const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-00000000bench';
/** Where the Alexa APIs are when a scenario does not call them (nothing listens there). */
const NO_API = 'http://127.0.0.1:9';

const matcher = matcherFor(LOCALE);

/** The phrases the scenarios say, and the intent each must match. */
export const PHRASES = {
  treatment: { text: 'how do I treat a back spasm', intent: 'TreatmentIntent' },
  next: { text: 'next', intent: 'AMAZON.NextIntent' },
  previous: { text: 'go back', intent: 'AMAZON.PreviousIntent' },
  redFlag: { text: "I can't feel my legs", intent: 'RedFlagIntent' },
  coldTimer: { text: 'start a cold compress timer', intent: 'StartCompressTimerIntent' },
} as const;
export type Phrase = keyof typeof PHRASES;

export function intentFor(phrase: Phrase): Intent {
  const { text, intent } = PHRASES[phrase];
  const match = matcher.match(text);
  if (match.intent.name !== intent) throw new Error(`"${text}" matched ${match.intent.name}, not ${intent}`);
  return match.intent;
}

export interface Person {
  readonly userId: string;
  readonly apiEndpoint?: string;
  readonly apiAccessToken?: string;
}

function caller(person: Person, locale: string): Caller {
  return {
    skillId: SKILL_ID,
    userId: person.userId,
    deviceId: `amzn1.ask.device.bench-${person.userId.slice(-12)}`,
    locale,
    apiEndpoint: person.apiEndpoint ?? NO_API,
    apiAccessToken: person.apiAccessToken ?? 'no-api-token',
  };
}

/** A first launch, in en-US unless another locale is asked for (the languages' cold starts). */
export function launchEnvelope(person: Person, locale: string = LOCALE): RequestEnvelope {
  return envelope(caller(person, locale), launchRequest(locale, Date.now()), { sessionId: newSessionId(), isNew: true, attributes: {} });
}

export function intentEnvelope(person: Person, phrase: Phrase, session?: SessionInfo): RequestEnvelope {
  const inSession = session ?? { sessionId: newSessionId(), isNew: true, attributes: {} };
  return envelope(caller(person, LOCALE), intentRequest(LOCALE, Date.now(), intentFor(phrase)), inSession);
}

/**
 * Someone at the end of step 3 of the treatment walk, as the real skill leaves them: what it
 * saved about them and the session it keeps open, so that "next" goes on to step 4. Found by
 * having the conversation (launch, "how do I treat a back spasm", then "next" until the last
 * part of step 3) with the real skill on in-memory storage.
 */
export async function midWalkState(): Promise<{ saved: Record<string, unknown>; session: SessionInfo }> {
  const store = new MemoryPersonStore();
  const userId = 'amzn1.ask.account.bench-mid-walk';
  const conversation = new Conversation({
    skill: createSkill({ personStore: store, logger: silentLogger }),
    locale: LOCALE,
    userId,
    skillId: SKILL_ID,
  });
  await conversation.launch();
  let third = await conversation.say(PHRASES.treatment.text);
  const lastPartOfThird = itemParts(topicItems('treatment')[2] as never).length - 1;
  for (let turn = 0; turn < 12; turn += 1) {
    const position = store.attributesOf(userId)?.position as { index?: number; part?: number } | undefined;
    if (position?.index === 2 && position.part === lastPartOfThird) break;
    third = await conversation.say(PHRASES.next.text);
  }
  const saved = store.attributesOf(userId);
  const position = saved?.position as { index?: number; part?: number } | undefined;
  if (!saved || position?.index !== 2 || position.part !== lastPartOfThird) throw new Error(`could not reach the end of step 3: "${third.speech}"`);
  return {
    saved,
    session: { sessionId: third.request.session?.sessionId ?? newSessionId(), isNew: false, attributes: third.response.sessionAttributes ?? {} },
  };
}

export function spoken(response: ResponseEnvelope): string {
  return speechText((response.response.outputSpeech as { ssml?: string } | undefined)?.ssml);
}
